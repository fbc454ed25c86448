import { expect } from 'chai';
import { Pool } from 'pg';
import { GraphileWorkerJobRunner, isIncompatibleSchemaError, JobLog } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { startTcpProxy, TcpProxy } from '../../support/tcp-proxy';
import { eventually } from '../../support/eventually';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The database cut by a TCP relay in front of PostgreSQL (the runner's pool
 * goes through it, the test's own queries do not): connections drop and new
 * ones are refused, for as long as the test says.
 */
describe('the job queue runner after a database outage that ends its worker pool (real PostgreSQL behind a TCP relay)', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  let proxy: TcpProxy;
  let pool: Pool;
  let runner: GraphileWorkerJobRunner | undefined;
  const logged: { level: string; message: string; at: number }[] = [];
  const log: JobLog = (level, message) => void logged.push({ level, message, at: Date.now() });
  const ran: string[] = [];
  let finishSlow: () => void = () => undefined;
  /** The newest queue schema revision this build's graphile-worker has. */
  let supportedRevision: number;

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
    supportedRevision = (await db.pool.query<{ id: number }>(`SELECT max(id) AS id FROM graphile_worker.migrations`)).rows[0]!.id;
  });
  beforeEach(async () => {
    const url = new URL(db.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    pool = new Pool({ connectionString: url.toString(), max: 10, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined); // idle clients dropped by the cut
    logged.length = 0;
    ran.length = 0;
  });
  afterEach(async () => {
    finishSlow();
    await runner?.stop();
    runner = undefined;
    await proxy.restore();
    await pool.end();
    await proxy.close();
    await db.pool.query(`DELETE FROM graphile_worker._private_jobs`);
    await db.pool.query(`DELETE FROM graphile_worker.migrations WHERE id > $1`, [supportedRevision]);
    // graphile-worker sets it when it meets a breaking migration; it is not this test run's exit code.
    if (process.exitCode === 57) process.exitCode = undefined;
  });
  after(async () => {
    await db?.drop();
  });

  function aRunner(restartBackoff: { firstMs: number; maxMs: number }): GraphileWorkerJobRunner {
    const slowDone = new Promise<void>((done) => (finishSlow = done));
    return new GraphileWorkerJobRunner({
      pgPool: pool,
      handlers: {
        ih_test_slow: async () => {
          ran.push('slow');
          await slowDone;
        },
        ih_test_quick: async (payload) => void ran.push(`quick ${(payload as { n: number }).n}`),
      },
      pollIntervalMs: 100,
      log,
      crashRecovery: { sweepIntervalMs: 60_000 },
      restartBackoff,
    });
  }

  /** Ends graphile-worker's pool as a long outage does: a job finishes while the database is gone, so it cannot be marked done. */
  async function outageThatEndsThePool(r: GraphileWorkerJobRunner): Promise<void> {
    await db.pool.query(`SELECT graphile_worker.add_job('ih_test_slow', '{}')`);
    await eventually('the slow job started', () => (ran.includes('slow') ? true : undefined));
    await proxy.cut();
    finishSlow();
    await eventually('the worker pool ended', () => (r.state === 'restarting' ? true : undefined));
  }

  /** What a newer graphile-worker's migration step records (graphile-worker's migrate.js): a breaking revision past ours, optionally announced. */
  async function newerBreakingRevision(announce: boolean): Promise<number> {
    const revision = supportedRevision + 1;
    await db.pool.query(`INSERT INTO graphile_worker.migrations (id, breaking) VALUES ($1, true)`, [revision]);
    if (announce) await db.pool.query(`SELECT pg_notify('worker:migrate', $1)`, [JSON.stringify({ migrationNumber: revision, breaking: true })]);
    return revision;
  }

  /**
   * graphile-worker LISTENs for `worker:migrate` on a connection of its own,
   * which it opens after run() has resolved: a notification sent before that
   * reaches nobody (as it would reach no instance of ours that is still
   * starting; the migration check of its next start is what catches that).
   */
  async function untilListening(): Promise<void> {
    await eventually('the worker pool listening for worker:migrate', async () =>
      ((await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle'
          AND query LIKE 'LISTEN %"worker:migrate"%'`)).rowCount ? true : undefined));
  }

  async function registeredPools(): Promise<string[]> {
    return (await db.pool.query<{ pool_id: string }>(`SELECT pool_id FROM job_worker_pools ORDER BY pool_id`)).rows.map((r) => r.pool_id);
  }

  it('restarts itself once the database is back, under a new registered pool id, and runs a job queued afterwards', async () => {
    runner = aRunner({ firstMs: 200, maxMs: 400 });
    await runner.start();
    expect(runner.state).to.equal('running');
    const firstPool = runner.workerPoolId!;
    expect(await registeredPools()).to.deep.equal([firstPool]);

    await outageThatEndsThePool(runner);
    expect(runner.workerPoolId).to.equal(undefined);
    // Still unreachable for a while: restart attempts fail and are retried, one warning each.
    await sleep(1_500);
    expect(runner.state).to.equal('restarting');
    const warnings = logged.filter((l) => l.level === 'warning' && /restarting it in \d+ ms \(attempt \d+\)/.test(l.message));
    expect(warnings.length, logged.map((l) => l.message).join('\n')).to.be.at.least(2);
    expect(warnings[0].message).to.match(/ended by itself/);
    expect(warnings[1].message).to.match(/restarting the job queue runner failed: .*ECONNREFUSED/);
    for (const w of warnings) expect(w.message, 'no stack in a restart warning').not.to.match(/\n\s+at /);

    await proxy.restore();
    await eventually('running again', () => (runner!.state === 'running' && runner!.workerPoolId !== undefined ? true : undefined));
    const secondPool = runner.workerPoolId!;
    expect(secondPool).not.to.equal(firstPool);
    await db.pool.query(`SELECT graphile_worker.add_job('ih_test_quick', '{"n":1}')`);
    await eventually('the job queued after the outage ran', () => (ran.includes('quick 1') ? true : undefined));
    // The id is reported once registered, and registering swept the dead pool (its session ended with the cut):
    // the new pool alone. Its job (done, but not marked done) is released: it runs again, at least once.
    expect(await registeredPools()).to.deep.equal([secondPool]);
    await eventually('the interrupted job run again and marked done', async () => {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`);
      return rows[0].n === 0 && ran.filter((r) => r === 'slow').length === 2 ? true : undefined;
    });

    await runner.stop();
    expect(runner.state).to.equal('stopped');
    expect(await registeredPools()).to.deep.equal([]);
  });

  it('reports its pool id only once the pool is registered (its registration held up by a lock on job_worker_pools)', async () => {
    const locker = await db.pool.connect();
    let started: Promise<void> | undefined;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE job_worker_pools IN EXCLUSIVE MODE');
      const { pid } = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
      runner = aRunner({ firstMs: 200, maxMs: 400 });
      started = runner.start();
      await eventually('the registration waiting for the lock', async () =>
        ((await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))`, [pid])).rowCount ? true : undefined));
      expect(runner.workerPoolId, 'no pool id while it is not registered').to.equal(undefined);
    } finally {
      await locker.query('COMMIT');
      locker.release();
    }
    await started;
    expect(runner.workerPoolId).not.to.equal(undefined);
    expect(await registeredPools()).to.deep.equal([runner.workerPoolId]);
  });

  it('stop() during a pending restart cancels it: no runner is started after, nothing is registered, the state is stopped', async () => {
    runner = aRunner({ firstMs: 800, maxMs: 800 });
    await runner.start();
    await outageThatEndsThePool(runner);
    await runner.stop();
    const stoppedAt = Date.now();
    expect(runner.state).to.equal('stopped');
    expect(runner.workerPoolId).to.equal(undefined);

    await proxy.restore();
    await db.pool.query(`SELECT graphile_worker.add_job('ih_test_quick', '{"n":2}')`);
    await sleep(2_000); // more than twice the restart delay
    expect(runner.state).to.equal('stopped');
    expect(ran).not.to.include('quick 2');
    expect(logged.filter((l) => l.at > stoppedAt).map((l) => l.message), 'nothing ran or logged after stop()').to.deep.equal([]);
    // The dead pool's row goes with the next sweep (its session is gone); no new pool was registered.
    expect((await registeredPools()).length).to.be.at.most(1);
  });

  it('stays stopped, with one error line and no restart, when a newer graphile-worker announces a breaking change of the queue schema', async () => {
    runner = aRunner({ firstMs: 100, maxMs: 200 });
    await runner.start();
    await untilListening();
    const revision = await newerBreakingRevision(true);
    await eventually('stopped', () => (runner!.state === 'stopped' ? true : undefined));
    expect(runner.problem).to.include(`revision ${revision}`);
    expect(logged.find((l) => l.level === 'error')?.message).to.include(`breaking revision ${revision}`);
    await db.pool.query(`SELECT graphile_worker.add_job('ih_test_quick', '{"n":3}')`);
    await sleep(1_500); // several restart delays
    expect(runner.state).to.equal('stopped');
    expect(ran, 'no job taken after').not.to.include('quick 3');
    const errors = logged.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.message)).to.have.length(1);
    expect(errors[0]!.message).to.match(new RegExp(`stopped for good and will not restart: .*breaking revision ${revision}`));
    expect(logged.filter((l) => /restarting/.test(l.message)).map((l) => l.message), 'no restart').to.deep.equal([]);
    expect(await eventually('its pool unregistered', async () => ((await registeredPools()).length === 0 ? [] : undefined))).to.deep.equal([]);
    await runner.stop();
    expect(runner.state).to.equal('stopped');
  });

  it('stops for good, not retrying, when the restart after an outage finds the schema moved past it (migrated meanwhile, unheard)', async () => {
    runner = aRunner({ firstMs: 100, maxMs: 200 });
    await runner.start();
    await outageThatEndsThePool(runner);
    const revision = await newerBreakingRevision(false); // the notification went nowhere: the relay is cut
    await proxy.restore();
    await eventually('stopped', () => (runner!.state === 'stopped' ? true : undefined));
    const gaveUpAt = Date.now();
    expect(runner.problem).to.include(`revision ${revision}`);
    expect(logged.find((l) => /stopped for good/.test(l.message))?.message).to.match(new RegExp(`includes breaking migration ${revision}, but the currently running worker only supports up to revision ${supportedRevision}`));
    await sleep(1_500);
    expect(runner.state).to.equal('stopped');
    // graphile-worker's own errors of the outage come before; the runner's giving up is one line.
    expect(logged.filter((l) => /stopped for good/.test(l.message)).map((l) => `${l.level}: ${l.message}`), logged.map((l) => l.message).join('\n')).to.have.length(1);
    expect(logged.find((l) => /stopped for good/.test(l.message))!.level).to.equal('error');
    expect(logged.filter((l) => l.at > gaveUpAt).map((l) => l.message), 'nothing retried after giving up').to.deep.equal([]);

    // A runner started on that schema fails its start (the server's start-up stops with one line); that error is recognised too.
    const another = aRunner({ firstMs: 100, maxMs: 200 });
    const failure = await another.start().then(() => undefined, (error: Error) => error);
    expect(isIncompatibleSchemaError(failure), String(failure)).to.equal(true);
    expect(another.state).to.equal('stopped');
  });
});
