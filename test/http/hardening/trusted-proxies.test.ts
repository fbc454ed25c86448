import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { Agent, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createHttpServer } from '../../../src/adapters/http/http-server';
import { send } from '../../support/attacks';
import { aBrandWithKey, createTestApp } from '../../support/test-app';

const PATH = '/api/v1/app-integrations/authentication';
const FAILURES = 3;

/**
 * X-Forwarded-For and the per-address limits over real sockets: the app is
 * served by the service's own HTTP server on 127.0.0.1, and each request
 * leaves from a loopback address of the test's choosing (the socket's peer).
 */
describe('TRUSTED_PROXIES: whose X-Forwarded-For names the client of the auth-failure limit', () => {
  const servers: Server[] = [];
  const agent = new Agent({ keepAlive: false });

  after(() => {
    agent.destroy();
    for (const server of servers) server.close();
  });

  /** The app with AUTH_FAILURES_PER_MINUTE=3 behind `trustedProxies`; `fail` sends one wrong Auth-Key and answers the status. */
  async function serve(trustedProxies?: readonly string[]) {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: FAILURES, refusalDelayMs: 0 }, trustedProxies });
    const server = createHttpServer(t.server, { maxConnections: 100 });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { headers } = await aBrandWithKey(t.container);
    const call = async (from: string, extra: Record<string, string>, authKey: string) => {
      const outcome = await send(base, agent, from, { method: 'GET', path: PATH, headers: { ...headers, 'Auth-Key': authKey, ...extra } });
      expect(outcome.error, 'an HTTP answer').to.equal(null);
      return outcome.status;
    };
    return {
      fail: (from: string, forwardedFor?: string) => call(from, forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor }, 'wrong'),
      succeed: (from: string, forwardedFor: string) => call(from, { 'X-Forwarded-For': forwardedFor }, headers['Auth-Key']),
    };
  }

  it('default (none trusted): X-Forwarded-For is ignored, so rotating it does not escape the 429', async () => {
    const { fail } = await serve();
    const statuses: (number | null)[] = [];
    for (let i = 1; i <= FAILURES + 2; i++) statuses.push(await fail('127.0.0.1', `203.0.113.${i}`));
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429]);
  });

  it('loopback trusted: failures count per forwarded client, so client A locked out leaves client B alone', async () => {
    const { fail, succeed } = await serve(['loopback']);
    for (let i = 0; i < FAILURES; i++) expect(await fail('127.0.0.1', '203.0.113.10')).to.equal(401);
    expect(await fail('127.0.0.1', '203.0.113.10'), 'A past its budget').to.equal(429);
    expect(await fail('127.0.0.1', '203.0.113.11'), 'B through the same proxy').to.equal(401);
    expect(await fail('127.0.0.1'), 'the proxy itself, no header').to.equal(401);
    // A's valid credentials still pass (as behind a NAT).
    expect(await succeed('127.0.0.1', '203.0.113.10')).to.equal(200);
  });

  it('loopback trusted: the right-most untrusted entry is the client, a spoofed left-most entry is not used', async () => {
    const { fail } = await serve(['loopback']);
    for (let i = 0; i < FAILURES; i++) expect(await fail('127.0.0.1', '203.0.113.20')).to.equal(401);
    // The client wrote "1.2.3.4" (or anything) before the proxy appended its real address: still A.
    expect(await fail('127.0.0.1', '1.2.3.4, 203.0.113.20')).to.equal(429);
    expect(await fail('127.0.0.1', `198.51.100.${Date.now() % 250}, 203.0.113.20`)).to.equal(429);
    // Two trusted proxies in a row (127.0.0.9 appended by the second): still A.
    expect(await fail('127.0.0.2', '203.0.113.20, 127.0.0.9')).to.equal(429);
    // Another spelling of A's address is A.
    expect(await fail('127.0.0.1', '::ffff:203.0.113.20')).to.equal(429);
    // And "1.2.3.4" never had a failure of its own.
    expect(await fail('127.0.0.1', '1.2.3.4')).to.equal(401);
  });

  it('loopback trusted: an IPv6 client counts by its /64, so rotating the rest of its address does not escape the 429', async () => {
    const { fail } = await serve(['loopback']);
    const statuses: (number | null)[] = [];
    for (let i = 1; i <= FAILURES + 2; i++) statuses.push(await fail('127.0.0.1', `2001:db8:5:6::${i.toString(16)}`));
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429]);
    expect(await fail('127.0.0.1', '2001:db8:5:6:ffff:ffff:ffff:ffff'), 'the /64\'s last address').to.equal(429);
    expect(await fail('127.0.0.1', '2001:db8:5:7::1'), 'the next /64').to.equal(401);
  });

  it('a peer that is not trusted changes nothing with X-Forwarded-For (spoofing)', async () => {
    const { fail } = await serve(['127.0.0.1']);
    const statuses: (number | null)[] = [];
    for (let i = 1; i <= FAILURES + 1; i++) statuses.push(await fail('127.0.0.2', `203.0.113.${30 + i}`));
    expect(statuses, 'an untrusted peer rotating the header').to.deep.equal([401, 401, 401, 429]);
    expect(await fail('127.0.0.2', '127.0.0.1'), 'naming a trusted proxy does not help either').to.equal(429);
    // The trusted proxy's clients are unaffected by what 127.0.0.2 did.
    expect(await fail('127.0.0.1', '203.0.113.31')).to.equal(401);
  });

  it('a malformed or huge X-Forwarded-For from a trusted peer answers no 5xx and falls back to the peer that sent it', async () => {
    const { fail } = await serve(['loopback']);
    const junk = ['garbage', 'x'.repeat(12_000), ',,, ,', '203.0.113.40:5678', '[::1]', '1.2.3.4, unknown', `${'127.0.0.1, '.repeat(1_000)}unknown`];
    const statuses: (number | null)[] = [];
    for (const header of junk) statuses.push(await fail('127.0.0.3', header));
    // Each counted against 127.0.0.3, the trusted peer that forwarded it (never against the junk, which a client could vary at will).
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429, 429, 429]);
    expect(await fail('127.0.0.3', '203.0.113.41'), 'a well-formed client behind the same proxy').to.equal(401);
    // A long chain of trusted-looking entries ends at a proxy's address after MAX_TRUSTED_HOPS, not at the client the entries hide.
    const { fail: failFresh } = await serve(['loopback']);
    const hidden = `203.0.113.42, ${'127.0.0.1, '.repeat(1_200)}127.0.0.1`;
    expect(hidden.length).to.be.greaterThan(12_000);
    const hops: (number | null)[] = [];
    for (let i = 0; i <= FAILURES; i++) hops.push(await failFresh('127.0.0.4', hidden));
    expect(hops).to.deep.equal([401, 401, 401, 429]);
    expect(await failFresh('127.0.0.4', '203.0.113.42'), 'the hidden client has its own budget').to.equal(401);
  });

  it('an invalid TRUSTED_PROXIES stops start-up with one line naming the variable and the bad entries, exit 1', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(
        process.execPath,
        ['dist/src/bootstrap/main.js'],
        { env: { PATH: process.env.PATH ?? '', TRUSTED_PROXIES: 'loopback, 10.0.0.0/8, 10.0.0.300, proxy.internal' }, timeout: 20_000 },
        (error, _stdout, stderr) => done({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr.trim().split('\n')).to.deep.equal([
      'configuration error: TRUSTED_PROXIES: each entry must be an IP address, a CIDR range or loopback, linklocal, uniquelocal; got "10.0.0.300", "proxy.internal"',
    ]);
  });
});
