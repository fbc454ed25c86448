import { expect } from 'chai';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchOutboundHttp } from '../../../src/adapters/client-registration/fetch-outbound-http';
import { OutboundAnswer, OutboundOutcome } from '../../../src/adapters/client-registration/outbound-http';

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function answered(outcome: OutboundOutcome): OutboundAnswer {
  if (outcome.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

describe('fetch outbound HTTP (the stand-in sender for provider calls)', () => {
  const http = new FetchOutboundHttp({ allowHttp: true, timeoutMs: 10_000 });
  // Only for servers that never answer: the test waits this long, nothing more.
  const impatient = new FetchOutboundHttp({ allowHttp: true, timeoutMs: 300 });
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map(close));
    servers = [];
  });
  const started = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const s = await serve(handler);
    servers.push(s.server);
    return s.url;
  };

  it('sends method, headers and body and answers status, lower-case headers and body', async () => {
    let seen: { method?: string; auth?: string; body: string } = { body: '' };
    const url = await started((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, body };
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Thing': 'yes' }).end('{"ok":true}');
      });
    });
    const answer = answered(await http.send({ method: 'PUT', url, headers: { authorization: 'Bearer t' }, body: '{"a":1}' }));
    expect(seen).to.deep.equal({ method: 'PUT', auth: 'Bearer t', body: '{"a":1}' });
    expect(answer).to.include({ status: 201, truncated: false });
    expect(Buffer.from(answer.body).toString()).to.equal('{"ok":true}');
    expect(answer.headers).to.include({ 'x-thing': 'yes' });
  });

  it('gives up after the timeout on a provider that never answers', async () => {
    const url = await started(() => { /* holds the request */ });
    expect(await impatient.send({ method: 'POST', url, headers: {}, body: '{}' })).to.deep.equal({ kind: 'timed-out' });
  });

  it('gives up after the timeout on an answer that trickles', async () => {
    const url = await started((_req, res) => {
      res.writeHead(200);
      res.write('{');
      // ...and never ends
    });
    expect(await impatient.send({ method: 'GET', url, headers: {} })).to.deep.equal({ kind: 'timed-out' });
  });

  it('names the system error code first when the connection fails, as the safe sender does', async () => {
    const url = await started(() => undefined);
    await close(servers.pop()!);
    const outcome = await http.send({ method: 'POST', url, headers: {}, body: '{}' });
    expect(outcome.kind).to.equal('failed');
    expect((outcome as { reason: string }).reason).to.match(/^ECONNREFUSED: /);
  });

  it('does not follow redirects: the 3xx is the answer', async () => {
    let hits = 0;
    const url = await started((_req, res) => { hits++; res.writeHead(302, { Location: '/elsewhere' }).end(); });
    expect(answered(await http.send({ method: 'GET', url, headers: {} })).status).to.equal(302);
    expect(hits).to.equal(1);
  });

  it('reads at most 64 KiB of an answer and says it was cut', async () => {
    const url = await started((_req, res) => { res.writeHead(200).end('x'.repeat(200 * 1024)); });
    const answer = answered(await new FetchOutboundHttp({ allowHttp: true }).send({ method: 'GET', url, headers: {} }));
    expect(answer.truncated).to.equal(true);
    expect(answer.body.byteLength).to.equal(64 * 1024);
  });

  it('refuses http unless allowed, and any URL with userinfo, before connecting', async () => {
    let hits = 0;
    const url = await started((_req, res) => { hits++; res.end(); });
    const strict = new FetchOutboundHttp();
    const outcomes = [
      await strict.send({ method: 'GET', url, headers: {} }),
      await http.send({ method: 'GET', url: url.replace('http://', 'http://user:pw@'), headers: {} }),
      await http.send({ method: 'GET', url: 'file:///etc/passwd', headers: {} }),
    ];
    expect(outcomes.map((o) => o.kind)).to.deep.equal(['refused', 'refused', 'refused']);
    expect(hits).to.equal(0);
  });
});
