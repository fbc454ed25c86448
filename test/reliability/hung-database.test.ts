import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { expect } from 'chai';
import { OPERATIONS_CACHE_MS } from '../../src/adapters/http/operations/operations.router';
import { CreateIntegrationAuthentication } from '../../src/application/integration-authentication/create-integration-authentication.use-case';
import { SettingsInput } from '../../src/domain/integration-authentication/integration-authentication-settings';
import { Answer, send, startChildServer } from '../support/child-server';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { IsolatedDatabase, isolatedDatabase } from '../support/isolated-service';
import { rememberSecret } from '../support/suite-secrets';
import { aBrandWithKey } from '../support/test-app';
import { TEST_CHANGE } from '../support/change';

const PATH = '/api/v1/app-integrations/authentication';
const DB_TIMEOUT_MS = 5_000;
/** Long enough for every request waiting on the frozen database to reach its deadline. */
const FROZEN_MS = 8_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const max = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.status ?? a.error!] = (counts[a.status ?? a.error!] ?? 0) + 1;
  return counts;
}

/**
 * A database that hangs rather than dies: the embedded PostgreSQL and every
 * backend it forked are frozen with SIGSTOP (connections stay open, nothing
 * answers), then thawed with SIGCONT, under write load on the real server.
 */
describe('reliability: a hung database (SIGSTOP, then SIGCONT)', function () {
  this.timeout(180_000);
  const secretKey = randomBytes(32).toString('base64');
  rememberSecret(secretKey);
  let iso: IsolatedDatabase;

  before(async () => {
    iso = await isolatedDatabase('hung', secretKey);
  });

  after(async () => {
    // Never leave a frozen server behind, whatever happened.
    for (const pid of iso?.postgresPids() ?? []) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone already
      }
    }
    await iso?.close();
  });

  it(`answers /readyz 503 within 2 s and writes 503 within DB_TIMEOUT_MS, recovers without a restart, and loses no acknowledged write`, async () => {
    const WORKERS = 8;
    const { brandId, headers } = await aBrandWithKey(iso.container);
    const ids: string[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const settings = anIntegrationAuthenticationBody() as unknown as SettingsInput;
      ids.push((await iso.container.get(CreateIntegrationAuthentication).execute({ change: TEST_CHANGE, brandId, settings })).authentication.id);
    }
    const server = await startChildServer('hung-database', {
      DATABASE_URL: iso.db.runtimeUrl, SECRET_KEY: secretKey, DB_TIMEOUT_MS: String(DB_TIMEOUT_MS), LOG_LEVEL: 'warn',
    });
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS + 2 });
    const answers: (Answer & { kind: string })[] = [];
    const acknowledgedPut = new Array<number>(WORKERS).fill(-1);
    const acknowledgedPost: { id: string; code: string }[] = [];
    let running = true;

    const worker = async (w: number) => {
      for (let n = 0; running; n++) {
        if (n % 3 === 2) {
          const body = anIntegrationAuthenticationBody({ code: `HUNG_${w}_${n}` });
          const a = await send(agent, server.base, 'POST', PATH, headers, body, 30_000);
          answers.push({ ...a, kind: 'POST' });
          if (a.status === 201) acknowledgedPost.push({ id: a.body.data.id, code: String(body.code) });
        } else {
          const a = await send(agent, server.base, 'PUT', `${PATH}/${ids[w]}`, headers, anIntegrationAuthenticationBody({ code: `HUNG_W${w}`, name: `write ${n}` }), 30_000);
          answers.push({ ...a, kind: 'PUT' });
          if (a.status === 200) acknowledgedPut[w] = n;
        }
        if (answers.at(-1)!.status !== 200 && answers.at(-1)!.status !== 201) await sleep(50);
      }
    };
    const readiness: Answer[] = [];
    const poller = (async () => {
      while (running) {
        readiness.push(await send(agent, server.base, 'GET', '/readyz', {}, undefined, 30_000));
        await sleep(200);
      }
    })();
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    await sleep(1_500);
    const frozen = iso.postgresPids();
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    await sleep(FROZEN_MS);
    const thawing = iso.postgresPids();
    for (const pid of new Set([...frozen, ...thawing])) process.kill(pid, 'SIGCONT');
    const resumedAt = Date.now();
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - resumedAt < 20_000) {
      await sleep(50);
      recoveredAt = answers.find((a) => a.startedAt >= resumedAt && (a.status === 200 || a.status === 201))?.startedAt;
    }
    await sleep(1_500);
    running = false;
    await Promise.all([load, poller]);
    agent.destroy();

    // Started while the database was frozen (after the first ones in flight had their time) and answered before it woke.
    const frozenWrites = answers.filter((a) => a.startedAt >= stoppedAt && a.startedAt + a.ms <= resumedAt);
    // /readyz reuses an answer for OPERATIONS_CACHE_MS: one computed just before the freeze may be served that long after it (margin: timers).
    const frozenReadiness = readiness.filter((a) => a.startedAt >= stoppedAt + OPERATIONS_CACHE_MS + 200 && a.startedAt + a.ms <= resumedAt);
    // Every write that waited on the frozen database, timed from when it started waiting on it.
    const waited = answers.filter((a) => a.startedAt + a.ms > stoppedAt && a.startedAt < resumedAt);
    const slowestWrite = max(waited.map((a) => a.startedAt + a.ms - Math.max(a.startedAt, stoppedAt)));
    const slowestReady = max(readiness.filter((a) => a.startedAt + a.ms > stoppedAt && a.startedAt < resumedAt).map((a) => a.ms));
    console.log(`      froze ${frozen.length} PostgreSQL processes for ${resumedAt - stoppedAt} ms (DB_TIMEOUT_MS ${DB_TIMEOUT_MS})`);
    console.log(`      writes: ${answers.length} (${JSON.stringify(tally(answers))}); started and answered while frozen: ${JSON.stringify(tally(frozenWrites))}`);
    console.log(`      /readyz while frozen: ${JSON.stringify(tally(frozenReadiness))}, slowest ${slowestReady} ms; slowest write answer after the freeze ${slowestWrite} ms`);
    console.log(`      recovered ${recoveredAt === undefined ? 'never' : `${recoveredAt - resumedAt} ms`} after SIGCONT, without a restart; /readyz in all: ${JSON.stringify(tally(readiness))}`);

    expect(answers.filter((a) => a.status !== 200 && a.status !== 201 && a.status !== 503), 'only 2xx or 503').to.deep.equal([]);
    expect(frozenWrites.length, 'writes answered while frozen').to.be.greaterThan(0);
    expect(frozenWrites.every((a) => a.status === 503), 'every write started while frozen answers 503').to.equal(true);
    expect(frozenReadiness.length, '/readyz answers while frozen').to.be.greaterThan(0);
    expect(frozenReadiness.every((a) => a.status === 503)).to.equal(true);
    expect(slowestReady, '/readyz answers within 2 s').to.be.lessThan(2_000);
    // The deadline is DB_TIMEOUT_MS; the margin is for timers on a busy 2-core machine, not for the design.
    expect(slowestWrite, 'a write waits at most DB_TIMEOUT_MS').to.be.lessThan(DB_TIMEOUT_MS + 1_000);
    expect(recoveredAt, 'recovers without a restart').not.to.equal(undefined);
    expect(readiness.at(-1)!.status).to.equal(200);
    expect(server.process.exitCode).to.equal(null);

    const rows: { id: string; code: string; name: string }[] = await iso.admin.query(`SELECT id, code, name FROM integration_authentications WHERE brand_id = $1`, [brandId]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lostPosts = acknowledgedPost.filter((p) => byId.get(p.id)?.code !== p.code);
    const lostPuts = ids.filter((id, w) => acknowledgedPut[w] >= 0 && Number(byId.get(id)!.name.replace('write ', '')) < acknowledgedPut[w]);
    console.log(`      acknowledged: ${acknowledgedPost.length} POSTs, ${acknowledgedPut.filter((n) => n >= 0).length} PUT streams; lost: ${lostPosts.length + lostPuts.length}`);
    expect(lostPosts).to.deep.equal([]);
    expect(lostPuts).to.deep.equal([]);

    server.process.kill('SIGTERM');
    expect(await server.exited).to.equal(0);
  });
});
