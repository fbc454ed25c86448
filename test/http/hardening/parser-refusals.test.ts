import { expect } from 'chai';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { Duplex } from 'node:stream';
import { answerClientError } from '../../../src/adapters/http/client-error';
import { createHttpServer } from '../../../src/adapters/http/http-server';
import { createTestApp } from '../../support/test-app';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SECURITY = ['x-content-type-options', 'referrer-policy', 'cache-control', 'content-security-policy'];

/** Sends `bytes` (in `parts`, `pauseMs` apart) on a fresh socket and reads until the server closes it. */
async function raw(port: number, parts: readonly string[], pauseMs = 0): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = once(socket, 'close');
  for (const part of parts) {
    if (!socket.destroyed) socket.write(part);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  await closed;
  const text = Buffer.concat(chunks).toString('utf8');
  const [head, ...rest] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head!.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

/**
 * What Node's HTTP parser refuses never reaches Koa: without a clientError
 * listener it is answered by a bare status line. Each such refusal answers
 * the JFramework envelope (ADR 5, "What Node's parser refuses") with the security headers of any
 * other answer and closes the connection. Real server on 127.0.0.1, raw sockets.
 */
describe('requests refused by the HTTP parser (raw sockets, real server)', function () {
  this.timeout(20_000);
  let server: Server;
  let port: number;
  let normal: RawAnswer;

  before(async () => {
    server = createHttpServer(createTestApp().server, { maxConnections: 100, headersTimeoutMs: 500, requestTimeoutMs: 5_000 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    normal = await raw(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(normal.status).to.equal(200);
  });
  after(() => server.close());

  function expectRefusal(answer: RawAnswer, status: number, code: string): void {
    expect(answer.status, answer.body).to.equal(status);
    expect(answer.headers.connection).to.equal('close');
    expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
    for (const name of SECURITY) expect(answer.headers[name], name).to.equal(normal.headers[name]);
    expect(Number(answer.headers['content-length'])).to.equal(Buffer.byteLength(answer.body));
    const body = JSON.parse(answer.body);
    expect(body).to.have.keys('success', 'statusCode', 'message', 'data', 'errors', 'correlationId');
    expect(body).to.deep.include({ success: false, statusCode: status, data: null });
    expect(body.errors).to.have.lengthOf(1);
    expect(body.errors[0].code).to.equal(code);
    expect(body.correlationId).to.equal(answer.headers['x-correlation-id']);
  }

  it('answers a 20,000-character path 431 RequestHeaderFieldsTooLarge', async () => {
    expectRefusal(await raw(port, [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`]), 431, 'RequestHeaderFieldsTooLarge');
  });

  it('answers a header block that does not arrive in time 408 RequestTimeout', async () => {
    const started = Date.now();
    expectRefusal(await raw(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n']), 408, 'RequestTimeout');
    expect(Date.now() - started).to.be.below(5_000);
  });

  const malformed: Record<string, string> = {
    'a NUL byte in a header value': 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n\r\n',
    'obsolete line folding': 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n folded\r\n\r\n',
    'HTTP/9.9': 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
    'both Content-Length and Transfer-Encoding': 'POST /api/v1/webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'a request line without a target': 'GET HTTP/1.1\r\nHost: x\r\n\r\n',
  };
  for (const [what, bytes] of Object.entries(malformed)) {
    it(`answers ${what} 400 BadRequest`, async () => {
      expectRefusal(await raw(port, [bytes]), 400, 'BadRequest');
    });
  }

  it('answers an HTTP/1.1 request without a Host header, or with two, 400 BadRequest; HTTP/1.0 needs none', async () => {
    expectRefusal(await raw(port, ['GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n']), 400, 'BadRequest');
    expectRefusal(await raw(port, ['GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n']), 400, 'BadRequest');
    expect((await raw(port, ['GET /healthz HTTP/1.0\r\n\r\n'])).status).to.equal(200);
  });

  it('answers a refusal of a second request on a kept-alive connection after the first was answered', async () => {
    const answer = await raw(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n'], 100);
    expect(answer.status).to.equal(200);
    expect(answer.body).to.match(/"code":"BadRequest"/);
  });

  it('writes nothing on a socket whose answer has begun, or that cannot be written: it destroys it', () => {
    for (const state of [{ _httpMessage: { headersSent: true } }, { writable: false }]) {
      const written: unknown[] = [];
      let destroyed = false;
      const socket = Object.assign(new Duplex({ write: (chunk, _encoding, done) => (written.push(chunk), done()), read: () => undefined }), state);
      socket.destroy = () => ((destroyed = true), socket);
      answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_VERSION' }), socket);
      expect(destroyed, JSON.stringify(state)).to.equal(true);
      expect(written, JSON.stringify(state)).to.deep.equal([]);
    }
  });
});
