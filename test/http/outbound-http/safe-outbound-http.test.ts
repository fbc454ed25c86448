import { expect } from 'chai';
import { OutboundOutcome } from '../../../src/application/ports/outbound-http';
import { RefusedAddressFields, Resolver, SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { LocalHttpServer, startLocalHttpServer } from '../../support/local-http-server';

function answered(outcome: OutboundOutcome): Extract<OutboundOutcome, { kind: 'answered' }> {
  if (outcome.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** A stand-in for DNS that answers `addresses` for every name and counts the questions. */
function fakeDns(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    const addresses = answers[Math.min(calls.length, answers.length - 1)];
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolver, { calls });
}

describe('safe outbound HTTP (real servers on 127.0.0.1)', () => {
  const servers: LocalHttpServer[] = [];
  async function server(handle: Parameters<typeof startLocalHttpServer>[0]): Promise<LocalHttpServer> {
    const s = await startLocalHttpServer(handle);
    servers.push(s);
    return s;
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('with WEBHOOK_ALLOW_PRIVATE=true', () => {
    const http = new SafeOutboundHttp({ allowPrivate: true });

    it('sends the method, headers and body, and answers the status, headers and body', async () => {
      const s = await server((_req, res) => res.writeHead(201, { 'x-answer': 'yes' }).end('{"ok":true}'));
      const outcome = answered(await http.send({ method: 'POST', url: `${s.origin}/hooks?x=1`, headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' }, body: '{"a":1}' }));
      expect(outcome.status).to.equal(201);
      expect(outcome.headers['x-answer']).to.equal('yes');
      expect(Buffer.from(outcome.body).toString()).to.equal('{"ok":true}');
      expect(outcome.truncated).to.equal(false);
      expect(s.requests).to.have.length(1);
      expect(s.requests[0]).to.deep.include({ method: 'POST', path: '/hooks?x=1', body: '{"a":1}' });
      expect(s.requests[0].headers).to.include({ 'content-type': 'application/json', 'webhook-id': 'evt_1' });
    });

    it('does not follow a redirect: the 3xx is the answer and its target is never asked', async () => {
      const s = await server((req, res) => {
        if (req.url === '/hook') res.writeHead(302, { location: '/elsewhere' }).end();
        else res.writeHead(200).end('followed');
      });
      const outcome = answered(await http.send({ method: 'POST', url: `${s.origin}/hook`, body: '{}' }));
      expect(outcome.status).to.equal(302);
      expect(outcome.headers.location).to.equal('/elsewhere');
      expect(s.requests.map((r) => r.path)).to.deep.equal(['/hook']);
    });

    it('reads at most 64 KiB of an answer and stops reading one that never ends', async () => {
      const s = await server((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        // Writes for as long as the socket lives: only the cap can end this answer.
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      });
      const outcome = answered(await http.send({ method: 'POST', url: `${s.origin}/big`, body: '{}' }));
      expect(outcome.status).to.equal(200);
      expect(outcome.body.length).to.equal(64 * 1024);
      expect(outcome.truncated).to.equal(true);
    });

    it('reads an answer of exactly 64 KiB whole, without calling it truncated', async () => {
      const s = await server((_req, res) => res.writeHead(200).end(Buffer.alloc(64 * 1024, 'b')));
      const outcome = answered(await http.send({ method: 'GET', url: `${s.origin}/exact` }));
      expect(outcome.body.length).to.equal(64 * 1024);
      expect(outcome.truncated).to.equal(false);
    });

    it('gives up on a target that never answers', async () => {
      const s = await server(() => undefined);
      const quick = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 200 });
      expect(await quick.send({ method: 'POST', url: `${s.origin}/silent`, body: '{}' })).to.deep.equal({ kind: 'timed-out' });
      expect(s.requests).to.have.length(1);
    });

    it('gives up on an answer whose body trickles past the total time', async () => {
      const s = await server((_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 20);
        res.on('close', () => clearInterval(timer));
      });
      const quick = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 300 });
      expect(await quick.send({ method: 'GET', url: `${s.origin}/trickle` })).to.deep.equal({ kind: 'timed-out' });
    });

    it('gives up when DNS never answers', async () => {
      const quick = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 200, resolve: () => new Promise(() => undefined) });
      expect(await quick.send({ method: 'GET', url: 'http://hangs.invalid/' })).to.deep.equal({ kind: 'timed-out' });
    });

    it('connects to the address it checked, asking DNS once (no rebinding between check and connect)', async () => {
      const s = await server((_req, res) => res.writeHead(204).end());
      // A name only the fake DNS knows: reaching the server proves the socket used the checked answer.
      const dns = fakeDns(['127.0.0.1'], ['10.9.9.9']);
      const viaDns = new SafeOutboundHttp({ allowPrivate: true, resolve: dns });
      expect(answered(await viaDns.send({ method: 'POST', url: `http://hooks.example.invalid:${s.port}/x`, body: '{}' })).status).to.equal(204);
      expect(dns.calls).to.deep.equal(['hooks.example.invalid']);
      expect(s.requests[0].headers.host).to.equal(`hooks.example.invalid:${s.port}`);
    });

    it('reports a closed port as a failure, not an exception', async () => {
      const s = await server(() => undefined);
      const port = s.port;
      await s.close();
      const outcome = await http.send({ method: 'POST', url: `http://127.0.0.1:${port}/`, body: '{}' });
      expect(outcome.kind).to.equal('failed');
      expect(outcome.kind === 'failed' && outcome.reason).to.match(/ECONNREFUSED/);
    });

    it('still refuses cloud metadata addresses', async () => {
      expect((await http.send({ method: 'GET', url: 'http://169.254.169.254/latest/meta-data/' })).kind).to.equal('refused');
      const dns = fakeDns(['fd00:ec2::254']);
      expect((await new SafeOutboundHttp({ allowPrivate: true, resolve: dns }).send({ method: 'GET', url: 'http://metadata.invalid/' })).kind).to.equal('refused');
    });
  });

  describe('without WEBHOOK_ALLOW_PRIVATE', () => {
    it('refuses plain http before connecting', async () => {
      const s = await server((_req, res) => res.end());
      const outcome = await new SafeOutboundHttp({ allowPrivate: false }).send({ method: 'POST', url: `${s.origin}/`, body: '{}' });
      expect(outcome.kind).to.equal('refused');
      expect(s.connections()).to.equal(0);
    });

    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0x7f.0.0.1', '2130706433', 'localhost', 'api.localhost', '10.0.0.7', '192.168.1.1', '172.16.0.1', '100.64.0.1', '169.254.169.254', '[fd00:ec2::254]', '[fe80::1]', '0.0.0.0', '[::]', '224.0.0.1', '[64:ff9b::7f00:1]']) {
      it(`refuses https://${host}/ without a DNS question or a connection`, async () => {
        const dns = fakeDns(['93.184.216.34']);
        const outcome = await new SafeOutboundHttp({ allowPrivate: false, resolve: dns }).send({ method: 'POST', url: `https://${host}/hook`, body: '{}' });
        expect(outcome.kind).to.equal('refused');
        expect(dns.calls).to.deep.equal([]);
      });
    }

    for (const [label, addresses] of [
      ['loopback', ['127.0.0.1']],
      ['IPv4-mapped loopback', ['::ffff:127.0.0.1']],
      ['a private address among public ones', ['93.184.216.34', '10.0.0.1']],
      ['link-local', ['169.254.10.20']],
      ['carrier-grade NAT', ['100.100.0.1']],
      ['unique-local IPv6', ['fd12:3456::1']],
    ] as const) {
      it(`refuses a name that DNS resolves to ${label}, without connecting, and tells the address only to the log`, async () => {
        const s = await server((_req, res) => res.end());
        const warnings: RefusedAddressFields[] = [];
        const outcome = await new SafeOutboundHttp({ allowPrivate: false, resolve: fakeDns([...addresses]), warn: (fields) => void warnings.push(fields) }).send({
          method: 'POST',
          url: `https://hooks.example.invalid:${s.port}/hook?token=t0k3n`,
          body: '{}',
        });
        expect(outcome).to.deep.equal({ kind: 'refused', reason: 'hooks.example.invalid resolves to an address that is not allowed' });
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.include({ hostname: 'hooks.example.invalid', address: addresses[addresses.length - 1] });
        expect(warnings[0].reason).to.include(addresses[addresses.length - 1]);
        expect(JSON.stringify(warnings)).to.not.include('t0k3n');
        expect(s.connections()).to.equal(0);
      });
    }

    it('checkTarget refuses what it can know without DNS and accepts a public https URL', () => {
      const http = new SafeOutboundHttp({ allowPrivate: false });
      expect(http.checkTarget('https://hooks.example.com/x')).to.deep.equal({ allowed: true });
      expect(http.checkTarget('https://user:pw@hooks.example.com/x').allowed).to.equal(false);
      expect(http.checkTarget('http://hooks.example.com/x').allowed).to.equal(false);
      expect(http.checkTarget('ftp://hooks.example.com/x').allowed).to.equal(false);
      expect(http.checkTarget('not a url').allowed).to.equal(false);
      expect(http.checkTarget('https://127.0.0.1/').allowed).to.equal(false);
      expect(new SafeOutboundHttp({ allowPrivate: true }).checkTarget('http://127.0.0.1:8080/').allowed).to.equal(true);
    });
  });
});
