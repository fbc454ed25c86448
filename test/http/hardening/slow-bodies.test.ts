import { once } from 'node:events';
import type { Server } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';
import { expect } from 'chai';
import Koa from 'koa';
import request from 'supertest';
import { jfwErrors } from '../../../src/adapters/http/jfw/jfw-error.middleware';
import { BodyBudget } from '../../../src/adapters/http/shared/body-budget';
import { jsonBody } from '../../../src/adapters/http/shared/json-body.middleware';
import { JSON_SHAPE_LIMITS } from '../../../src/adapters/http/shared/json-shape';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { RecordingLogger } from '../../support/recording-logger';
import { aBrandWithKey, createTestApp } from '../../support/test-app';

const PATH = '/api/v1/app-integrations/authentication';
const MiB = 1024 * 1024;

/** A raw socket that sent `head` and keeps what the server answers. */
async function sender(port: number, head: string): Promise<{ socket: Socket; answer: () => string }> {
  const socket = connect({ host: '127.0.0.1', port });
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1'))).on('error', () => undefined);
  await once(socket, 'connect');
  socket.write(head);
  return { socket, answer: () => answer };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((done) => setTimeout(done, 20));
};

describe('slow and many bodies: a time bound and bytes in flight per credential', () => {
  it('answers 408 to a body that has not arrived in full within the body timeout, and closes', async () => {
    const app = new Koa();
    app.use(jfwErrors(new RecordingLogger(), () => false));
    app.use(jsonBody(JSON_SHAPE_LIMITS, new BodyBudget(), 300));
    app.use((ctx) => void (ctx.body = { ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const slow = await sender(port, 'PUT /x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"a":');
      let closed = false;
      slow.socket.on('close', () => (closed = true));
      await until(() => closed);
      expect(slow.answer()).to.match(/^HTTP\/1\.1 408 /);
      expect(slow.answer()).to.include('"code":"RequestTimeout"');
      expect(closed).to.equal(true);
      // A body that arrives in time is read as before.
      await request(server).put('/x').send({ a: 1 }).expect(200, { ok: true });
    } finally {
      server.close();
    }
  });

  it('gives a credential at most 8 MiB of bodies being read at once: the ninth slow 1 MiB body gets 429, and the budget comes back', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    const other = await aBrandWithKey(t.container);
    const server: Server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const head = (h: Record<string, string>) =>
      `POST ${PATH} HTTP/1.1\r\nHost: x\r\nBrand-URL: ${h['Brand-URL']}\r\nAuth-Key: ${h['Auth-Key']}\r\nContent-Type: application/json\r\nContent-Length: ${MiB}\r\n\r\n`;
    const almost = Buffer.from(`{"description":"${'x'.repeat(MiB - 100)}`); // within every limit, never finished
    const senders: Awaited<ReturnType<typeof sender>>[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        const s = await sender(port, head(headers));
        s.socket.write(almost);
        senders.push(s);
      }
      await new Promise((done) => setTimeout(done, 300));
      expect(senders.map((s) => s.answer())).to.deep.equal(Array(8).fill(''));
      const ninth = await sender(port, head(headers));
      ninth.socket.write(almost);
      senders.push(ninth);
      await until(() => ninth.answer() !== '');
      expect(ninth.answer()).to.match(/^HTTP\/1\.1 429 /);
      expect(ninth.answer()).to.include('Retry-After: 1');
      // Another tenant's bodies are not held back by it.
      await request(server).post(PATH).set(other.headers).send(anIntegrationAuthenticationBody()).expect(201);
      // Once the slow senders go, the credential's budget is whole again.
      for (const s of senders) s.socket.destroy();
      await new Promise((done) => setTimeout(done, 200));
      await request(server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    } finally {
      for (const s of senders) s.socket.destroy();
      server.close();
    }
  });
});

describe('BodyBudget', () => {
  it('reserves up to its limit per key and gives back what was taken', () => {
    const budget = new BodyBudget(10);
    expect(budget.take('a', 6)).to.equal(true);
    expect(budget.take('a', 5)).to.equal(false);
    expect(budget.held('a')).to.equal(6);
    expect(budget.take('b', 10)).to.equal(true);
    expect(budget.take('a', 4)).to.equal(true);
    budget.give('a', 6);
    expect(budget.held('a')).to.equal(4);
    budget.give('a', 4);
    expect(budget.held('a')).to.equal(0);
    expect(budget.take('a', 10)).to.equal(true);
  });
});
