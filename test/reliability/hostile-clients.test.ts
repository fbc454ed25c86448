import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { CreateBrandKey } from '../../src/application/brand/create-brand-key.use-case';
import { CreateIntegrationAuthentication } from '../../src/application/integration-authentication/create-integration-authentication.use-case';
import { CreatePortalAdmin } from '../../src/application/portal-admin/create-portal-admin.use-case';
import { CreatePortalApp } from '../../src/application/portal-app/create-portal-app.use-case';
import { CreatePortalUser } from '../../src/application/portal-user/create-portal-user.use-case';
import { SettingsInput } from '../../src/domain/integration-authentication/integration-authentication-settings';
import { Agent } from 'node:http';
import { flood, Outcome, outcomeOf, percentile, rawConnection, RawConnection, RequestSpec, send, sleep, tally } from '../support/attacks';
import { ChildServer, startChildServer } from '../support/child-server';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { IsolatedDatabase, isolatedDatabase, rssMiB } from '../support/isolated-service';
import { rememberSecret } from '../support/suite-secrets';
import { aBrandWithKey } from '../support/test-app';
import type { VictimSample } from '../support/victim-worker';
import { TEST_CHANGE } from '../support/change';

const JFW = '/api/v1/app-integrations/authentication';
/** Victim's quiet figures are taken right before each attack, over this long (printed beside the attack's, never compared). */
const QUIET_MS = 4_000;
const ATTACK_MS = 4_000;
/**
 * The victim is checked by counts, not by its latency: every one of its
 * requests answered 200 (none reset, none 5xx, none 429 for its innocent
 * keys), and enough of them answered during the attack that the check says
 * something. A latency ratio against a quiet baseline (p99 within 2×, once
 * here) measured the machine as much as the server: on a shared 2-core host
 * a cold server or a neighbour's burst failed it with no change in the code.
 * The figures are still printed in the table below.
 */
const MIN_VICTIM_ANSWERS = 20;
const MAX_CONNECTIONS = 1_000;
/** The server's default MAX_CONNECTIONS_PER_ADDRESS. */
const PER_ADDRESS = 64;

/**
 * Loopback addresses of one attack for socket attacks that are about many
 * clients, not one: `perAddress` sockets each, below the per-address cap.
 * `from` is the attack's own `127.1.<attack>.1`.
 */
function spread(from: string, i: number, perAddress = 50): string {
  const [, , attack] = from.split('.');
  return `127.11.${attack}.${1 + Math.floor(i / perAddress)}`;
}
/** The victim: 120 PUTs a second over 12 keys, 600 a minute each, well within RATE_LIMIT_PER_MINUTE (1,200). */
const VICTIM_KEYS = 12;
const VICTIM_INTERVAL_MS = 1000 / 120;
/**
 * Attacks with a valid key send from each connection at most 10 requests a
 * second: what they test is what one hostile request costs (before, one
 * 650 KB body cost ~7 s of CPU, so three at once were three requests in 7
 * s); a flood of cheap requests is a different attack, which the rate
 * limits answer (the stranger attacks below run unpaced into them).
 */
const PACED_MS = 100;

interface Row {
  readonly attack: string;
  readonly attacker: Outcome[];
  readonly quiet: number[];
  readonly during: number[];
  readonly note: string;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

function describeAnswers(outcomes: readonly Outcome[]): string {
  return Object.entries(tally(outcomes))
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${n}× ${key}`)
    .join(', ');
}

/**
 * Each attack of issue 13 replayed against the real server (a child process
 * on its own embedded PostgreSQL, connecting as the non-superuser runtime
 * role, with the default limits) over loopback sockets, while a second
 * tenant (a worker thread) runs a steady stream of seed 000 PUTs within its
 * limits. Attackers come from loopback addresses of their own (127.1.x.y),
 * as separate clients would, so the per-address failure limit meets them and
 * not the victim; the attacks with a valid key use the attacker tenant's.
 *
 * Checked per attack, by counts: only 4xx answers (or a connection the
 * server closed), never 5xx; every one of the victim's requests, before and
 * during the attack, answered 200, and at least MIN_VICTIM_ANSWERS of them
 * during it; RSS during the slow bodies within 100 MiB of idle. Latencies are
 * printed, not asserted (MIN_VICTIM_ANSWERS says why).
 */
describe('reliability: hostile clients against the real server', function () {
  this.timeout(600_000);
  const secretKey = randomBytes(32).toString('base64');
  rememberSecret(secretKey);
  let iso: IsolatedDatabase;
  let server: ChildServer;
  let victim: Worker;
  let attackerConfig: string;
  let victimUrl: string;
  let appId: number;
  const rows: Row[] = [];
  let attackNo = 0;
  let attackerBrandUrl: string;

  /** A fresh key of the attacker tenant and a fresh portal admin token: each attack starts with a full per-minute budget. */
  async function freshCredentials(): Promise<{ jfw: Record<string, string>; portal: Record<string, string> }> {
    const { authKey } = await iso.container.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl: attackerBrandUrl });
    const { token } = await iso.container.get(CreatePortalAdmin).execute({ change: TEST_CHANGE, email: `attacker-${randomBytes(6).toString('hex')}@example.com` });
    rememberSecret(authKey, token);
    const jfw = { 'Brand-URL': attackerBrandUrl, 'Auth-Key': authKey };
    // The server may hold the brand's keys from before this one for AUTH_CACHE_TTL_MS: wait until it takes the new key.
    const agent = new Agent({ keepAlive: false });
    for (let tries = 0; tries < 40; tries++) {
      if ((await send(server.base, agent, '127.3.0.1', { method: 'GET', path: JFW, headers: jfw })).status === 200) break;
      await sleep(200);
    }
    agent.destroy();
    return { jfw, portal: { Authorization: token } };
  }

  const collect = (): Promise<VictimSample[]> =>
    new Promise((done) => {
      victim.once('message', done);
      victim.postMessage({ type: 'collect' });
    });

  before(async () => {
    iso = await isolatedDatabase('hostile', secretKey);
    const settings = anIntegrationAuthenticationBody({ code: 'VICTIM', isDefault: false });
    const victimBrand = await aBrandWithKey(iso.container);
    victimUrl = victimBrand.url;
    const victimKeys = [victimBrand.headers['Auth-Key']];
    while (victimKeys.length < VICTIM_KEYS) victimKeys.push((await iso.container.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl: victimUrl })).authKey);
    rememberSecret(...victimKeys);
    const victimId = (await iso.container.get(CreateIntegrationAuthentication).execute({ change: TEST_CHANGE, brandId: victimBrand.brandId, settings: settings as unknown as SettingsInput })).authentication.id;
    const attacker = await aBrandWithKey(iso.container);
    attackerBrandUrl = attacker.url;
    attackerConfig = (await iso.container.get(CreateIntegrationAuthentication).execute({ change: TEST_CHANGE, brandId: attacker.brandId, settings: anIntegrationAuthenticationBody() as unknown as SettingsInput })).authentication.id;
    const user = await iso.container.get(CreatePortalUser).execute({ change: TEST_CHANGE, email: 'owner@example.com', first: 'A', last: 'B', role: 'consumer-admin' });
    appId = (await iso.container.get(CreatePortalApp).execute({ change: TEST_CHANGE, name: 'App', userId: user.id })).app.id;

    server = await startChildServer('hostile', {
      DATABASE_URL: iso.db.runtimeUrl,
      SECRET_KEY: secretKey,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1200',
      AUTH_FAILURES_PER_MINUTE: '20',
      MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    });
    victim = new Worker(join(__dirname, '..', 'support', 'victim-worker.js'), {
      workerData: { base: server.base, path: `${JFW}/${victimId}`, brandUrl: victimUrl, authKeys: victimKeys, body: JSON.stringify(settings), intervalMs: VICTIM_INTERVAL_MS },
    });
    await sleep(2_000); // warm-up: JIT, pool, auth cache
    await collect();
  });

  after(async () => {
    if (victim) {
      victim.postMessage({ type: 'stop' });
      await sleep(200);
      await victim.terminate();
    }
    if (server) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await iso?.close();
    if (rows.length === 0) return;
    console.log('\n      hostile clients (victim: another tenant\'s seed 000 PUTs, 120/s over 12 keys; quiet = the 4 s right before each attack; server limits at their defaults)');
    console.log('      | attack | attacker answers | attacker ms p50 / max | victim p50 / p99 quiet (ms) | victim p50 / p99 during (ms) | victim n quiet / during |');
    console.log('      |---|---|---:|---:|---:|---:|');
    for (const r of rows) {
      const ms = r.attacker.map((o) => o.ms);
      console.log(
        `      | ${r.attack}${r.note ? ` (${r.note})` : ''} | ${describeAnswers(r.attacker)} | ` +
          `${fmt(percentile(ms, 50))} / ${fmt(Math.max(...ms))} | ${fmt(percentile(r.quiet, 50))} / ${fmt(percentile(r.quiet, 99))} | ` +
          `${fmt(percentile(r.during, 50))} / ${fmt(percentile(r.during, 99))} | ${r.quiet.length} / ${r.during.length} |`,
      );
    }
  });

  /** Quiet figures, then the attack with the victim running through it; checked by counts (MIN_VICTIM_ANSWERS). */
  async function measure(attack: string, run: (from: string) => Promise<{ outcomes: Outcome[]; note?: string }>): Promise<Row> {
    attackNo++;
    // Answers since the last collect: a request started late in the previous attack and answered after it is counted here.
    const between = await collect();
    await sleep(QUIET_MS);
    const quietSamples = await collect();
    const started = Date.now();
    // A source address of its own per attack: limits earned by one never meet another.
    const { outcomes, note } = await run(`127.1.${attackNo}.1`);
    const ended = Date.now();
    const duringSamples = (await collect()).filter((s) => s.at >= started && s.at <= ended);
    const row: Row = { attack, attacker: outcomes, quiet: quietSamples.map((s) => s.ms), during: duringSamples.map((s) => s.ms), note: note ?? '' };
    rows.push(row);
    // Status 0 is a request the victim saw reset or time out; 429 would be its innocent keys refused.
    const all200 = (samples: VictimSample[], when: string) =>
      expect(tally(samples.map((s) => ({ status: s.status === 0 ? null : s.status, error: 'reset or timeout', ms: s.ms }))), `${attack}: the victim's answers ${when}`)
        .to.deep.equal(samples.length === 0 ? {} : { 200: samples.length });
    all200(between, 'between attacks');
    all200(quietSamples, 'before the attack');
    all200(duringSamples, 'during the attack');
    expect(duringSamples.length, `${attack}: victim answers during the attack`).to.be.at.least(MIN_VICTIM_ANSWERS);
    expect(row.attacker.length, `${attack}: attacker requests`).to.be.greaterThan(0);
    expect(row.attacker.filter((o) => o.status !== null && o.status >= 500), `${attack}: no 5xx`).to.deep.equal([]);
    return row;
  }

  const only4xx = (row: Row, allowClosed = false) =>
    expect(
      row.attacker.filter((o) => (o.status === null ? !allowClosed : o.status < 400 || o.status >= 500)).map((o) => o.status ?? o.error),
      `${row.attack}: every answer a 4xx${allowClosed ? ' or a closed connection' : ''}`,
    ).to.deep.equal([]);

  it('Brand-URL of 16,000 slashes from 8 senders: 400 at the length check, before any other work', async () => {
    const brandUrl = `a${'/'.repeat(16_000)}x`;
    const row = await measure('Brand-URL 16,000 × "/"', async (from) => ({
      outcomes: await flood(server.base, from, {
        senders: 8, durationMs: ATTACK_MS, next: () => ({ method: 'GET', path: JFW, headers: { 'Brand-URL': brandUrl, 'Auth-Key': 'guess' } }),
      }),
    }));
    only4xx(row);
    // 20 × 400 (each a failed authentication), then the address waits a second for each 429.
    expect(tally(row.attacker)['400']).to.equal(20);
  });

  it('Brand-URL of 2,048 slashes (the longest allowed) from 8 senders: 401, then 429 from the failure limit', async () => {
    const brandUrl = `${'/'.repeat(2_047)}x`;
    const row = await measure('Brand-URL 2,048 × "/"', async (from) => ({
      outcomes: await flood(server.base, from, {
        senders: 8, durationMs: ATTACK_MS, next: () => ({ method: 'GET', path: JFW, headers: { 'Brand-URL': brandUrl, 'Auth-Key': 'guess' } }),
      }),
    }));
    only4xx(row);
    expect(tally(row.attacker)['401']).to.equal(20);
  });

  it('650 KB bodies of 60,000 keys with a valid key on every write route of both surfaces, 3 at once', async () => {
    const body = Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]))));
    const json = { 'Content-Type': 'application/json' };
    const routes = (jfw: Record<string, string>, portal: Record<string, string>): RequestSpec[] => [
      { method: 'POST', path: JFW, headers: { ...jfw, ...json }, body },
      { method: 'PUT', path: `${JFW}/${attackerConfig}`, headers: { ...jfw, ...json }, body },
      { method: 'PATCH', path: `${JFW}/${attackerConfig}`, headers: { ...jfw, ...json }, body },
      { method: 'POST', path: '/api/v1/app-integrations/GoogleSignIn000001/authentication/test', headers: { ...jfw, ...json }, body },
      { method: 'PUT', path: `/portal-api/apps/${appId}`, headers: { ...portal, ...json }, body },
      { method: 'POST', path: '/portal-api/users', headers: { ...portal, ...json }, body },
    ];
    const row = await measure('650 KB, 60,000 keys, valid key', async (from) => {
      const { jfw, portal } = await freshCredentials();
      const all = routes(jfw, portal);
      return {
        outcomes: await flood(server.base, from, { senders: 3, durationMs: ATTACK_MS, minIntervalMs: PACED_MS, next: (n) => all[n % all.length] }),
        note: `${(body.length / 1024).toFixed(0)} KiB, 6 routes`,
      };
    });
    only4xx(row, true);
    expect(row.attacker.filter((o) => o.status === 400 || o.status === 422).length).to.be.greaterThan(0);
  });

  it('a wrong key with a 1 MiB − 1 byte malformed body from 8 senders: 401 without reading it (429 past the failure limit)', async () => {
    const body = Buffer.alloc(1024 * 1024 - 1, 0x7b); // "{{{{…": not JSON
    const row = await measure('wrong key + 1 MiB malformed JSON', async (from) => ({
      outcomes: await flood(server.base, from, {
        senders: 8, durationMs: ATTACK_MS,
        next: () => ({ method: 'POST', path: JFW, headers: { 'Brand-URL': victimUrl, 'Auth-Key': 'guess', 'Content-Type': 'application/json' }, body }),
      }),
    }));
    only4xx(row, true);
    expect(row.attacker.some((o) => o.status === 400)).to.equal(false);
  });

  it('400 strangers each sending 1 MiB − 1 byte of body and holding the socket: RSS stays within 100 MiB of idle', async () => {
    const pid = server.process.pid!;
    const idle = rssMiB(pid);
    let peak = idle;
    const row = await measure('slow bodies, 400 strangers', async (from) => {
      const started = performance.now();
      const connections: RawConnection[] = [];
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      for (let i = 0; i < 400; i++) {
        const c = await rawConnection(server.port, spread(from, i));
        c.socket.write(`POST ${JFW} HTTP/1.1\r\nHost: x\r\nBrand-URL: ${victimUrl}\r\nAuth-Key: guess-${i}\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n`);
        connections.push(c);
      }
      // Up to 1 MiB − 1 byte each, 16 KiB every 200 ms, then hold; a socket the server closed gets no more.
      for (let sent = 0; sent < 1024 * 1024 - 1 && performance.now() - started < ATTACK_MS; sent += chunk.length) {
        for (const c of connections) if (c.ended() === null) c.socket.write(sent + chunk.length >= 1024 * 1024 ? chunk.subarray(1) : chunk);
        await sleep(200);
      }
      await sleep(Math.max(0, ATTACK_MS - (performance.now() - started)));
      clearInterval(sampler);
      const outcomes = connections.map((c) => outcomeOf(c, performance.now() - started));
      for (const c of connections) c.socket.destroy();
      return { outcomes, note: `RSS idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB` };
    });
    only4xx(row, true);
    expect(peak - idle, 'RSS growth during the slow bodies (MiB)').to.be.lessThan(100);
  });

  it('300 slow 1 MiB bodies with a valid key from 6 addresses: 429 past 8 MiB in flight for the key; RSS within 100 MiB of idle', async () => {
    const pid = server.process.pid!;
    const idle = rssMiB(pid);
    let peak = idle;
    const row = await measure('slow bodies, valid key, 300 sockets', async (from) => {
      const { jfw } = await freshCredentials();
      const started = performance.now();
      const connections: RawConnection[] = [];
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
      const chunk = Buffer.alloc(16 * 1024, 0x78); // "xxxx…": inside the string opened below
      for (let i = 0; i < 300; i++) {
        const c = await rawConnection(server.port, spread(from, i));
        c.socket.write(`PUT ${JFW}/${attackerConfig} HTTP/1.1\r\nHost: x\r\nBrand-URL: ${jfw['Brand-URL']}\r\nAuth-Key: ${jfw['Auth-Key']}\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{"description":"`);
        connections.push(c);
      }
      // 16 KiB every 200 ms per socket (1 MiB would take 13 s), for the attack's length; a socket the server closed gets no more.
      while (performance.now() - started < ATTACK_MS) {
        for (const c of connections) if (c.ended() === null) c.socket.write(chunk);
        await sleep(200);
      }
      clearInterval(sampler);
      const outcomes = connections.map((c) => outcomeOf(c, performance.now() - started));
      for (const c of connections) c.socket.destroy();
      return { outcomes, note: `RSS idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB` };
    });
    only4xx(row, true);
    expect(row.attacker.filter((o) => o.status === 401), 'the key is valid').to.deep.equal([]);
    // Without the budget nothing here answers 429: the key is valid and within its requests a minute.
    expect(row.attacker.filter((o) => o.status === 429).length, 'refused past the bytes in flight').to.be.greaterThan(0);
    expect(peak - idle, 'RSS growth during the slow bodies (MiB)').to.be.lessThan(100);
  });

  it('400 slow-header senders (one header line a second): 408 once the 10 s header timeout passes', async () => {
    const row = await measure('slow headers, 400 sockets', async (from) => {
      const started = performance.now();
      const connections: RawConnection[] = [];
      for (let i = 0; i < 400; i++) {
        const c = await rawConnection(server.port, spread(from, i));
        c.socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\n`);
        connections.push(c);
      }
      // Bounded: 14 lines, one a second; the server must have answered by then.
      for (let line = 0; line < 14 && connections.some((c) => c.ended() === null); line++) {
        await sleep(1_000);
        for (const c of connections) if (c.ended() === null) c.socket.write(`X-Slow-${line}: x\r\n`);
      }
      const outcomes = connections.map((c) => outcomeOf(c, performance.now() - started));
      for (const c of connections) c.socket.destroy();
      return { outcomes, note: `all closed after ${((performance.now() - started) / 1000).toFixed(1)} s` };
    });
    only4xx(row, true);
    expect(row.attacker.filter((o) => o.error === 'still open')).to.deep.equal([]);
    expect(row.attacker.filter((o) => o.status === 408).length).to.be.greaterThan(0);
  });

  it(`1,100 idle connections from 22 addresses against MAX_CONNECTIONS=${MAX_CONNECTIONS}: the excess is closed at once`, async () => {
    const row = await measure('1,100 idle connections, 22 addresses', async (from) => {
      const started = performance.now();
      const connections: RawConnection[] = [];
      for (let i = 0; i < 1_100; i++) connections.push(await rawConnection(server.port, spread(from, i)));
      await sleep(ATTACK_MS);
      const open = connections.filter((c) => c.ended() === null).length;
      const outcomes = connections.map((c) => outcomeOf(c, performance.now() - started));
      for (const c of connections) c.socket.destroy();
      return { outcomes, note: `${open} held open` };
    });
    only4xx(row, true);
    const held = row.attacker.filter((o) => o.error === 'still open').length;
    expect(held, 'connections held').to.be.at.most(MAX_CONNECTIONS);
    expect(row.attacker.length - held, 'connections closed by the cap').to.be.at.least(100);
  });

  it(`1,000 idle connections from one address: at most ${PER_ADDRESS} held (MAX_CONNECTIONS_PER_ADDRESS), and a new client still gets in`, async () => {
    let probes: Outcome[] = [];
    const row = await measure('1,000 idle connections, one address', async (from) => {
      const started = performance.now();
      const connections: RawConnection[] = [];
      for (let i = 0; i < 1_000; i++) connections.push(await rawConnection(server.port, from));
      await sleep(ATTACK_MS / 2);
      // A client that was not connected before the attack: new connections of its own, from an address of its own.
      probes = await flood(server.base, spread(from, 0, 1), { senders: 4, durationMs: ATTACK_MS / 2, maxRequests: 20, next: () => ({ method: 'GET', path: '/healthz', headers: {} }) });
      const open = connections.filter((c) => c.ended() === null).length;
      const outcomes = connections.map((c) => outcomeOf(c, performance.now() - started));
      for (const c of connections) c.socket.destroy();
      return { outcomes, note: `${open} held open; a new client: ${describeAnswers(probes)}` };
    });
    only4xx(row, true);
    expect(row.attacker.filter((o) => o.error === 'still open').length, 'connections held by one address').to.be.at.most(PER_ADDRESS);
    expect(probes.map((o) => o.status), 'a new client during the attack').to.deep.equal(Array(20).fill(200));
  });

  it('NUL and other control characters in text fields and ?keywords= on both surfaces: 400 / 422', async () => {
    const json = { 'Content-Type': 'application/json' };
    const nul = Buffer.from(JSON.stringify(anIntegrationAuthenticationBody({ name: 'a\u0000b' })));
    const row = await measure('control characters', async (from) => {
      const { jfw, portal } = await freshCredentials();
      const routes: RequestSpec[] = [
        { method: 'PUT', path: `${JFW}/${attackerConfig}`, headers: { ...jfw, ...json }, body: nul },
        { method: 'GET', path: `${JFW}?keywords=%00`, headers: jfw },
        { method: 'GET', path: '/api/v1/app-integrations?keywords=x%00', headers: jfw },
        { method: 'PUT', path: `/portal-api/apps/${appId}`, headers: { ...portal, ...json }, body: Buffer.from(JSON.stringify({ Name: 'x\u0000' })) },
        { method: 'POST', path: '/portal-api/users', headers: { ...portal, ...json }, body: Buffer.from(JSON.stringify({ Email: 'a@b.c', First: '\u0007', Last: 'x', Role: 'consumer-admin' })) },
      ];
      return { outcomes: await flood(server.base, from, { senders: 4, durationMs: ATTACK_MS, minIntervalMs: PACED_MS, next: (n) => routes[n % routes.length] }) };
    });
    only4xx(row);
  });

  it('JSON nested 2,000 deep on both surfaces: 400 / 422', async () => {
    const deep = Buffer.from(`${'['.repeat(2_000)}${']'.repeat(2_000)}`);
    const json = { 'Content-Type': 'application/json' };
    const row = await measure('JSON nested 2,000 deep', async (from) => {
      const { jfw, portal } = await freshCredentials();
      const routes: RequestSpec[] = [
        { method: 'PUT', path: `${JFW}/${attackerConfig}`, headers: { ...jfw, ...json }, body: deep },
        { method: 'PUT', path: `/portal-api/apps/${appId}`, headers: { ...portal, ...json }, body: deep },
      ];
      return { outcomes: await flood(server.base, from, { senders: 4, durationMs: ATTACK_MS, minIntervalMs: PACED_MS, next: (n) => routes[n % routes.length] }) };
    });
    only4xx(row);
  });

  it('constructor, prototype and __proto__ keys on both surfaces: 400 / 422 as unknown fields', async () => {
    const valid = JSON.stringify(anIntegrationAuthenticationBody()).slice(0, -1);
    const json = { 'Content-Type': 'application/json' };
    const row = await measure('prototype keys', async (from) => {
      const { jfw, portal } = await freshCredentials();
      const routes: RequestSpec[] = [
        { method: 'PUT', path: `${JFW}/${attackerConfig}`, headers: { ...jfw, ...json }, body: Buffer.from(`${valid},"constructor":{"prototype":{"x":1}}}`) },
        { method: 'PUT', path: `/portal-api/apps/${appId}`, headers: { ...portal, ...json }, body: Buffer.from('{"Name":"n","__proto__":{"admin":true}}') },
      ];
      return { outcomes: await flood(server.base, from, { senders: 4, durationMs: ATTACK_MS, minIntervalMs: PACED_MS, next: (n) => routes[n % routes.length] }) };
    });
    only4xx(row);
  });

  it('brand probing: a wrong key for a known brand in use, an unknown brand probed before and one never seen cost the same (medians printed)', async () => {
    const kinds = { known: [] as number[], unknown: [] as number[], fresh: [] as number[] };
    let round = 0;
    const row = await measure('brand probing, 3 × 1,000', async (from) => {
      const outcomes: Outcome[] = [];
      for (const list of Object.values(kinds)) list.length = 0;
      round++;
      // 12 requests per source address (4 of each kind, interleaved) keep each under the failure limit, so every
      // kind reaches the credential check; every round uses fresh addresses. "known" is the victim's brand,
      // in the server's cache (the victim uses it all the time); "unknown" is one of 50 names, cached after its
      // first probe; "fresh" is a name never sent before, so its lookup goes to the database.
      for (let batchNo = 0; batchNo < 250; batchNo++) {
        const batch = await flood(server.base, `127.2.${round}.${1 + batchNo}`, {
          senders: 1, durationMs: 60_000, maxRequests: 12, minIntervalMs: 3,
          next: (n) => ({
            method: 'GET', path: JFW,
            headers: {
              'Brand-URL': [victimUrl, `nobody-${(batchNo + n) % 50}.example.com`, `fresh-${round}-${batchNo}-${n}.example.com`][n % 3],
              'Auth-Key': `guess-${batchNo}-${n}`,
            },
          }),
        });
        batch.forEach((o, n) => [kinds.known, kinds.unknown, kinds.fresh][n % 3].push(o.ms));
        outcomes.push(...batch);
      }
      return {
        outcomes,
        note: `median known ${fmt(percentile(kinds.known, 50))} ms, unknown ${fmt(percentile(kinds.unknown, 50))} ms, never seen ${fmt(percentile(kinds.fresh, 50))} ms`,
      };
    });
    only4xx(row);
    expect(Object.keys(tally(row.attacker))).to.deep.equal(['401']);
    expect(Object.values(kinds).map((list) => list.length)).to.deep.equal([1_000, 1_000, 1_000]);
  });
});
