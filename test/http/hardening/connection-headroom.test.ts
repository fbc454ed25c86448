import { once } from 'node:events';
import type { RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, Socket } from 'node:net';
import { expect } from 'chai';
import { IDLE_GRACE_MS, WAITING_GRACE_MS } from '../../../src/adapters/http/connection-slots';
import { createHttpServer } from '../../../src/adapters/http/http-server';

const MAX = 10;
const GET = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

interface Raw {
  readonly socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  closed(): boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits for `condition` to hold, failing with `what` past a generous deadline (a busy machine, not a speed check). */
async function until(what: string, condition: () => boolean, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const answers = (raw: Raw) => raw.received().split('HTTP/1.1 200 OK').length - 1;

describe('HTTP server: a full server makes room for a newcomer (MAX_CONNECTIONS)', function () {
  let server: Server;
  let port: number;
  const sockets: Raw[] = [];

  async function serve(handler: RequestListener): Promise<void> {
    // The per-address cap (64 by default) is above MAX: one test address can fill the server.
    server = createHttpServer(handler, { maxConnections: MAX, keepAliveTimeoutMs: 60_000 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    ({ port } = server.address() as AddressInfo);
  }

  async function open(): Promise<Raw> {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('close', () => (closed = true)).on('error', () => undefined);
    await once(socket, 'connect');
    const raw = { socket, received: () => received, closed: () => closed };
    sockets.push(raw);
    return raw;
  }

  /** A new connection asking GET /healthz; resolves once it is answered or closed. */
  async function probe(): Promise<Raw> {
    const raw = await open();
    raw.socket.write(GET);
    await until('the probe answered or closed', () => answers(raw) > 0 || raw.closed());
    return raw;
  }

  afterEach(() => {
    for (const s of sockets.splice(0)) s.socket.destroy();
    server.closeAllConnections();
    server.close();
  });

  it('gives a slow sender of headers\' slot to a new request once it has waited the grace, the oldest first', async () => {
    await serve((_req, res) => res.end('ok'));
    const slow: Raw[] = [];
    for (let i = 0; i < MAX; i++) {
      slow.push(await open());
      slow[i].socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    }
    // One more header line every 200 ms, as a slowloris does, while the grace passes.
    const drip = setInterval(() => slow.forEach((s) => s.closed() || s.socket.write('X-Slow: x\r\n')), 200);
    try {
      await sleep(WAITING_GRACE_MS + 200);
      const newcomer = await probe();
      expect(newcomer.received(), 'the new client').to.match(/^HTTP\/1\.1 200 OK/);
      await until('the oldest slow sender closed', () => slow[0].closed());
      expect(slow.map((s) => s.closed())).to.deep.equal([true, ...Array(MAX - 1).fill(false)]);
    } finally {
      clearInterval(drip);
    }
  });

  it('gives the slot of the longest-idle keep-alive connection, idle past its grace, to a new request', async () => {
    await serve((_req, res) => res.end('ok'));
    const clients: Raw[] = [];
    for (let i = 0; i < MAX; i++) {
      clients.push(await open());
      clients[i].socket.write(GET);
      await until(`answer ${i}`, () => answers(clients[i]) === 1);
    }
    // The first connection asks again: now the second has been idle longest.
    await sleep(IDLE_GRACE_MS + 200);
    clients[0].socket.write(GET);
    await until('the second answer on the first connection', () => answers(clients[0]) === 2);
    const newcomer = await probe();
    expect(newcomer.received(), 'the new client').to.match(/^HTTP\/1\.1 200 OK/);
    await until('the longest-idle connection closed', () => clients[1].closed());
    expect(clients.map((c) => c.closed())).to.deep.equal([false, true, ...Array(MAX - 2).fill(false)]);
  });

  it('never takes the slot of a request in flight: a new socket is dropped and every request is answered', async () => {
    const held: ServerResponse[] = [];
    await serve((req, res) => {
      if (req.method === 'GET') return void held.push(res); // the handler holds it open
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length)).on('end', () => res.end(`got ${bytes}`));
    });
    const inFlight: Raw[] = [];
    for (let i = 0; i < MAX; i++) inFlight.push(await open());
    const bodies = inFlight.slice(0, MAX / 2);
    for (const c of bodies) c.socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n');
    for (const c of inFlight.slice(MAX / 2)) c.socket.write(GET);
    await until('the held requests in the handler', () => held.length === MAX / 2);
    // A body byte every 200 ms, past the grace a waiting socket would have.
    let sent = 0;
    for (; sent * 200 <= WAITING_GRACE_MS + 200; sent++) {
      for (const c of bodies) c.socket.write('x');
      await sleep(200);
    }
    const newcomer = await probe();
    expect(newcomer.closed(), 'the new socket dropped').to.equal(true);
    expect(newcomer.received(), 'the new socket unanswered').to.equal('');
    await sleep(150);
    expect(inFlight.flatMap((c, i) => (c.closed() ? [i] : [])), 'requests in flight cut').to.deep.equal([]);
    for (const c of bodies) c.socket.write('x'.repeat(20 - sent));
    for (const res of held) res.end('ok');
    await until('every request answered', () => inFlight.every((c) => answers(c) === 1));
    expect(bodies.map((c) => c.received().endsWith(`got 20`))).to.deep.equal(Array(MAX / 2).fill(true));
  });

  it('drops a new socket while the full server\'s waiting connections are all within the grace', async () => {
    await serve((_req, res) => res.end('ok'));
    const fresh = await Promise.all(Array.from({ length: MAX }, () => open()));
    for (const s of fresh) s.socket.write('GET /healthz HTTP/1.1\r\n');
    const newcomer = await probe();
    expect(newcomer.closed(), 'the new socket dropped').to.equal(true);
    expect(newcomer.received(), 'the new socket unanswered').to.equal('');
    await sleep(150);
    expect(fresh.flatMap((s, i) => (s.closed() ? [i] : [])), 'just-connected clients evicted').to.deep.equal([]);
  });
});
