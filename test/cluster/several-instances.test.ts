import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Container } from 'inversify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CreateBrandKey } from '../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../src/application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../../src/application/brand/revoke-brand-keys.use-case';
import { CreatePortalAdmin } from '../../src/application/portal-admin/create-portal-admin.use-case';
import { RevokePortalAdmin } from '../../src/application/portal-admin/revoke-portal-admin.use-case';
import { createDataSource, MIGRATION_LOCK_KEY } from '../../src/adapters/persistence/typeorm/data-source';
import { MIGRATIONS } from '../../src/adapters/persistence/typeorm/migrations';
import { createContainer } from '../../src/bootstrap/container';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { rememberSecret, suiteLogs, suiteSecrets } from '../support/suite-secrets';
import { Agent, Answer, ChildServer, cli, ClusterDatabase, clusterDatabase, send, startInstance, stopInstance, tally, untilEvery } from './cluster-harness';
import { TEST_CHANGE } from '../support/change';

const PATH = '/api/v1/app-integrations/authentication';
/** The contract's bound for a revoked credential on every instance. */
const WITHIN_MS = 1_000;
/** Client-side wait for the bursts of 100 and 200 concurrent writes (DB_TIMEOUT_MS of the instances is 30 s). */
const PATIENT_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Figures for the table printed at the end. */
const figures: [string, string][] = [];
const note = (what: string, value: string) => (figures.push([what, value]), console.log(`      ${what}: ${value}`));

/**
 * Several instances of the real server (child processes on 127.0.0.1) on
 * one PostgreSQL: starting together on an empty database, writing through
 * a load balancer that alternates between two of them, revocations seen by
 * every instance within a second, an instance killed, the database restarted.
 */
describe('several instances on one PostgreSQL', function () {
  this.timeout(600_000);
  const secretKey = randomBytes(32).toString('base64');
  rememberSecret(secretKey);
  let db: ClusterDatabase;
  let a: ChildServer;
  let b: ChildServer;
  let seeder: DataSource;
  let seeds: Container;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  before(async () => {
    db = await clusterDatabase();
  });

  after(async () => {
    agent.destroy();
    for (const instance of [a, b]) if (instance !== undefined) await stopInstance(instance);
    if (seeder?.isInitialized) await seeder.destroy();
    await db?.close();
    console.log('\n      test:cluster figures');
    console.log('      | what | figure |\n      |---|---|');
    for (const [what, value] of figures) console.log(`      | ${what} | ${value} |`);
  });

  async function aBrandWithKey(): Promise<{ url: string; headers: Record<string, string> }> {
    const url = `cluster-${randomBytes(4).toString('hex')}.example.com`;
    await seeds.get(CreateBrand).execute({ change: TEST_CHANGE, url });
    const { authKey } = await seeds.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl: url });
    rememberSecret(authKey);
    return { url, headers: { 'Brand-URL': url, 'Auth-Key': authKey } };
  }

  /** Instances answering 200 to `headers` first (so each has them cached), then the time until each answers 401. */
  async function refusedEverywhere(what: string, read: (i: ChildServer) => Promise<Answer>, revoke: () => Promise<number>): Promise<void> {
    for (const instance of [a, b]) expect((await read(instance)).status, `${what}: accepted before`).to.equal(200);
    const committedAt = await revoke();
    const took = await untilEvery([a, b], committedAt, WITHIN_MS, read, 401);
    note(`${what}: refused by A / B after`, took.map((ms) => (ms === null ? `still accepted after ${WITHIN_MS} ms` : `${ms} ms`)).join(' / '));
    expect(took, `${what}: refused by every instance within ${WITHIN_MS} ms`).not.to.include(null);
  }

  const list = (headers: Record<string, string>) => (i: ChildServer) => send(agent, i.base, 'GET', `${PATH}?pageSize=1`, headers);
  const portalUsers = (token: string) => (i: ChildServer) => send(agent, i.base, 'GET', '/portal-api/users', { Authorization: token });

  it('three instances started at the same moment on an empty database: each migration applied once, all three ready', async () => {
    // Node's start-up jitter would let one instance finish before the next arrives; the test holds the
    // migration lock until all three wait on it, so their runs truly overlap, then lets go.
    const gate = new Client({ connectionString: db.url });
    await gate.connect();
    await gate.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const started = Date.now();
    const starting = ['A', 'B', 'C'].map((name) => startInstance(name, db.url, secretKey));
    const outcomesPromise = Promise.allSettled(starting);
    let waiting = 0;
    for (let waited = 0; waiting < 3 && waited < 60_000; waited += 100) {
      await sleep(100);
      [{ waiting }] = await db.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    }
    const [{ tables }] = await db.query<{ tables: number }>(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`);
    await gate.end();
    note('instances waiting on the migration lock held by the test / tables meanwhile', `${waiting} / ${tables}`);
    expect(waiting, 'all three wait for the migration lock').to.equal(3);
    expect(tables, 'nothing migrated while the lock was held').to.equal(0);
    const outcomes = await outcomesPromise;
    const failed = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason).slice(0, 400));
    expect(failed, 'no instance failed to start').to.deep.equal([]);
    const [first, second, third] = outcomes.map((o) => (o as PromiseFulfilledResult<ChildServer>).value);
    note('three instances started together: all listening after', `${Date.now() - started} ms (the lock held by the test included)`);
    const ready = await Promise.all([first, second, third].map((i) => send(agent, i.base, 'GET', '/readyz', {})));
    expect(ready.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    const rows = await db.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name');
    expect(rows.map((r) => r.n).every((n) => n === 1), 'each migration once in the migrations table').to.equal(true);
    expect(rows.map((r) => r.name).sort()).to.deep.equal(MIGRATIONS.map((m) => new m().name!).sort());
    const appliers = [first, second, third].filter((i) => /"msg":"migrations applied"/.test(i.output())).length;
    note('instances that applied migrations / found none pending', `${appliers} / ${3 - appliers} (${rows.length} migrations, each once)`);
    expect(appliers).to.equal(1);
    [a, b] = [first, second];
    expect(await stopInstance(third)).to.equal(0);

    seeder = createDataSource({ url: db.url, poolSize: 2 });
    await seeder.initialize();
    seeds = createContainer({ persistence: { kind: 'typeorm', dataSource: seeder }, secretKey, authCacheTtlMs: 0 });
  });

  it('through a balancer alternating A and B: 100 concurrent default claims leave one default; 200 concurrent If-Match writes give one 200, the rest 412', async () => {
    const { headers } = await aBrandWithKey();
    const ids: string[] = [];
    for (let n = 0; n < 100; n++) ids.push((await send(agent, (n % 2 ? a : b).base, 'POST', PATH, headers, anIntegrationAuthenticationBody())).body.data.id);
    // Answers may queue for a pool connection far longer than usual on a busy 2-core machine: the client waits up to 60 s.
    const claims = await Promise.all(ids.map((id, n) => send(agent, (n % 2 ? a : b).base, 'PUT', `${PATH}/${id}`, headers, anIntegrationAuthenticationBody({ isDefault: true }), PATIENT_MS)));
    const [{ defaults }] = await db.query<{ defaults: number }>('SELECT count(*)::int AS defaults FROM integration_authentications WHERE id = ANY($1) AND is_default', [ids]);
    note('100 concurrent default claims across A and B', `${JSON.stringify(tally(claims))}, defaults after: ${defaults}, slowest answer ${Math.max(...claims.map((c) => c.ms))} ms`);
    expect(claims.every((c) => c.status === 200)).to.equal(true);
    expect(defaults).to.equal(1);

    const created = await send(agent, a.base, 'POST', PATH, headers, anIntegrationAuthenticationBody());
    const id = created.body.data.id as string;
    const writes = await Promise.all(Array.from({ length: 200 }, (_, n) =>
      send(agent, (n % 2 ? a : b).base, 'PUT', `${PATH}/${id}`, { ...headers, 'If-Match': '"1"' }, anIntegrationAuthenticationBody({ name: `writer ${n}` }), PATIENT_MS)));
    note('200 concurrent If-Match PUTs across A and B', `${JSON.stringify(tally(writes))}, slowest answer ${Math.max(...writes.map((w) => w.ms))} ms`);
    expect(writes.filter((w) => w.status === 200)).to.have.length(1);
    expect(writes.filter((w) => w.status === 412)).to.have.length(199);
  });

  it('a key or an admin token revoked elsewhere (another container, the CLI) is refused by A and B within 1 s; a key created by the CLI is accepted as fast', async () => {
    const viaUseCase = await aBrandWithKey();
    await refusedEverywhere('key revoked through another instance\'s use case', list(viaUseCase.headers), async () => {
      await seeds.get(RevokeBrandKeys).execute({ change: TEST_CHANGE, brandUrl: viaUseCase.url });
      return Date.now();
    });

    const viaCli = await aBrandWithKey();
    await refusedEverywhere('key revoked by the CLI', list(viaCli.headers), async () => (await cli(db.url, secretKey, ['keys:revoke', '--brand', viaCli.url])).printedAt);

    // The report: a second key made by the CLI while the servers have the brand cached.
    const brand = await aBrandWithKey();
    for (const instance of [a, b]) expect((await list(brand.headers)(instance)).status).to.equal(200);
    const made = await cli(db.url, secretKey, ['keys:create', '--brand', brand.url]);
    rememberSecret(made.json.authKey);
    const accepted = await untilEvery([a, b], made.printedAt, WITHIN_MS, list({ ...brand.headers, 'Auth-Key': made.json.authKey }), 200);
    note('key created by the CLI: accepted by A / B after', accepted.map((ms) => (ms === null ? 'never' : `${ms} ms`)).join(' / '));
    expect(accepted).not.to.include(null);

    const email = `${randomBytes(4).toString('hex')}@cluster.example.com`;
    const { token } = await seeds.get(CreatePortalAdmin).execute({ change: TEST_CHANGE, email });
    rememberSecret(token);
    await refusedEverywhere('admin token revoked through another instance\'s use case', portalUsers(token), async () => {
      await seeds.get(RevokePortalAdmin).execute({ change: TEST_CHANGE, email });
      return Date.now();
    });
    const byCli = await cli(db.url, secretKey, ['portal-admins:create', '--email', `cli-${email}`]);
    rememberSecret(byCli.json.token);
    await refusedEverywhere('admin token revoked by the CLI', portalUsers(byCli.json.token), async () =>
      (await cli(db.url, secretKey, ['portal-admins:revoke', '--email', `cli-${email}`])).printedAt);
  });

  /** Writers through the balancer; acknowledged writes are remembered to be looked for afterwards. */
  async function writeLoad(headers: Record<string, string>, workers: number) {
    const ids: string[] = [];
    for (let w = 0; w < workers; w++) ids.push((await send(agent, a.base, 'POST', PATH, headers, anIntegrationAuthenticationBody())).body.data.id);
    const answers: (Answer & { target: string })[] = [];
    const ackedPut = new Array<number>(workers).fill(-1);
    const ackedPost: { id: string; code: string }[] = [];
    let rotation: ChildServer[] = [a, b];
    let running = true;
    let turn = 0;
    const worker = async (w: number) => {
      for (let n = 0; running; n++) {
        const target = rotation[turn++ % rotation.length];
        const name = target === a ? 'A' : 'B';
        if (n % 3 === 2) {
          const body = anIntegrationAuthenticationBody({ code: `CLUSTER_${w}_${n}` });
          const answer = await send(agent, target.base, 'POST', PATH, headers, body);
          answers.push({ ...answer, target: name });
          if (answer.status === 201) ackedPost.push({ id: answer.body.data.id, code: String(body.code) });
        } else {
          const answer = await send(agent, target.base, 'PUT', `${PATH}/${ids[w]}`, headers, anIntegrationAuthenticationBody({ code: `CLUSTER_W${w}`, name: `write ${n}` }));
          answers.push({ ...answer, target: name });
          if (answer.status === 200) ackedPut[w] = n;
        }
        if (answers.at(-1)!.status !== 200 && answers.at(-1)!.status !== 201) await sleep(20);
      }
    };
    const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    return {
      answers,
      /** The balancer stops sending to an instance (its health check failed). */
      route: (instances: ChildServer[]) => void (rotation = instances),
      async stop() {
        running = false;
        await done;
      },
      /** Acknowledged writes missing from the database. */
      async lost(): Promise<number> {
        const rows = await db.query<{ id: string; code: string; name: string }>('SELECT id, code, name FROM integration_authentications WHERE id = ANY($1) OR code LIKE $2', [ids, 'CLUSTER_%']);
        const byId = new Map(rows.map((r) => [r.id, r]));
        const lostPosts = ackedPost.filter((p) => byId.get(p.id)?.code !== p.code);
        const lostPuts = ids.filter((id, w) => ackedPut[w] >= 0 && Number(byId.get(id)!.name.replace('write ', '')) < ackedPut[w]);
        note('acknowledged writes (POSTs + PUT streams) / lost', `${ackedPost.length} + ${ackedPut.filter((n) => n >= 0).length} / ${lostPosts.length + lostPuts.length}`);
        return lostPosts.length + lostPuts.length;
      },
    };
  }

  it('A killed with SIGKILL under write load while B serves: every acknowledged write is there, B answers every request after the kill', async () => {
    const { headers } = await aBrandWithKey();
    const load = await writeLoad(headers, 6);
    await sleep(2_000);
    a.process.kill('SIGKILL');
    const killedAt = Date.now();
    load.route([b]);
    await a.exited;
    await sleep(3_000);
    await load.stop();
    const beforeKill = load.answers.filter((x) => x.startedAt < killedAt);
    const survivorAfter = load.answers.filter((x) => x.target === 'B' && x.startedAt >= killedAt);
    const survivorErrors = survivorAfter.filter((x) => x.status !== 200 && x.status !== 201);
    note('writes before the kill (A and B)', JSON.stringify(tally(beforeKill)));
    note('B after the kill: answers / errors', `${survivorAfter.length} / ${survivorErrors.length} (${JSON.stringify(tally(survivorAfter))})`);
    expect(survivorAfter.length).to.be.greaterThan(0);
    expect(survivorErrors, 'the survivor\'s error rate after the kill is 0').to.deep.equal([]);
    expect(await load.lost()).to.equal(0);
    a = await startInstance('A2', db.url, secretKey);
  });

  it('PostgreSQL restarted under load: A and B recover without a restart, and a revoke afterwards is refused by both within 1 s', async () => {
    const { headers } = await aBrandWithKey();
    const load = await writeLoad(headers, 6);
    await sleep(1_500);
    const outage = await db.restart(3_000);
    const recovered = await untilEvery([a, b], outage.upAt, 30_000, (i) => send(agent, i.base, 'GET', '/readyz', {}), 200);
    await sleep(1_500);
    await load.stop();
    const afterUp = (name: string) => load.answers.filter((x) => x.target === name && x.startedAt >= outage.upAt + (recovered[name === 'A' ? 0 : 1] ?? 0));
    note('database outage', `${outage.kind}, ${outage.upAt - outage.downAt} ms`);
    note('writes during the whole round', JSON.stringify(tally(load.answers)));
    note('/readyz 200 again on A / B after the database was back', recovered.map((ms) => (ms === null ? 'never' : `${ms} ms`)).join(' / '));
    expect(recovered, 'both recover without a restart').not.to.include(null);
    expect(load.answers.filter((x) => ![200, 201, 503].includes(x.status ?? 0)), 'only 2xx or 503').to.deep.equal([]);
    for (const name of ['A', 'B']) expect(afterUp(name).length, `${name} served writes afterwards`).to.be.greaterThan(0);
    expect(a.process.exitCode).to.equal(null);
    expect(b.process.exitCode).to.equal(null);
    expect(await load.lost()).to.equal(0);

    // At once: while an instance's listener is still away, its caches store nothing.
    const early = await aBrandWithKey();
    await refusedEverywhere('right after the restart: key revoked by the CLI', list(early.headers), async () => (await cli(db.url, secretKey, ['keys:revoke', '--brand', early.url])).printedAt);
    // And through the channel: each listener logs when it is back (it retries at least once a second).
    // The last one: with a shared server, the "restart" cuts connections several times.
    const reconnectLine = (i: ChildServer) => i.output().split('\n').filter((line) => line.includes('auth change listener reconnected')).at(-1);
    for (let waited = 0; [a, b].some((i) => reconnectLine(i) === undefined) && waited < 30_000; waited += 100) await sleep(100);
    const reconnects = [a, b].map((i) => JSON.parse(reconnectLine(i) ?? '{}') as { time?: number; afterMs?: number; attempts?: number });
    note('auth change listener back on A / B after the database was up', reconnects.map((r) => (r.time === undefined ? 'never' : `${r.time - outage.upAt} ms (offline ${r.afterMs} ms, ${r.attempts} attempts)`)).join(' / '));
    expect(reconnects.map((r) => r.time), 'both listeners reconnected').not.to.include(undefined);
    const brand = await aBrandWithKey();
    await refusedEverywhere('listeners back: key revoked by the CLI', list(brand.headers), async () => (await cli(db.url, secretKey, ['keys:revoke', '--brand', brand.url])).printedAt);
  });

  it('writes no secret to the instances\' logs', () => {
    const secrets = suiteSecrets();
    const leaks = suiteLogs().flatMap(({ name, text }) => secrets.filter((s) => text.includes(s)).map(() => name));
    expect(leaks).to.deep.equal([]);
  });
});
