import { expect } from 'chai';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { GraphileWorkerJobRunner, JOB_ACCESS_PROBLEM, JobLog } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { grantRuntimeRole } from '../../../src/adapters/persistence/typeorm/runtime-role';
import { eventually } from '../../support/eventually';
import { dropJobQueuePolicies, RuntimeRoleDatabase, runtimeRoleDatabase } from '../../support/runtime-role-database';

/** A login role of this suite's own on the test server (roles are per cluster; trust auth lets it log in). */
const ROLE = 'ih_job_access_suite_runtime';
const ROLE_PASSWORD = 'ih-job-access-suite-runtime';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The runtime role with the table grants but without the row policies of the
 * README's DO block (graphile-worker turns row-level security on for its
 * tables): the runner starts and polls, but every job fetch is refused with
 * 42501 and no job is ever taken. graphile-worker says so at debug level
 * only; the runner shows it as `failing` (what /readyz reports), with one
 * error line, until the policies are given.
 */
describe('the job queue runner as a runtime role whose job fetches the database refuses (real PostgreSQL, no row policies)', function () {
  this.timeout(60_000);
  let scratch: RuntimeRoleDatabase;
  let owner: DataSource;
  let pool: Pool;
  let runner: GraphileWorkerJobRunner | undefined;
  const logged: { level: string; message: string }[] = [];
  const log: JobLog = (level, message) => void logged.push({ level, message });
  const ran: number[] = [];

  before(async () => {
    // The start-up migration step with its grants, then the row policies taken away: the README's grants without the DO block.
    scratch = await runtimeRoleDatabase(ROLE, ROLE_PASSWORD);
    owner = scratch.owner;
    await dropJobQueuePolicies(owner, ROLE);
    pool = new Pool({ connectionString: scratch.runtimeUrl, max: 10 });
    pool.on('error', () => undefined); // idle clients ended by the database's drop
  });
  after(async () => {
    await runner?.stop();
    await pool?.end();
    await scratch?.close();
  });

  it('is `failing` with one error line naming 42501 and the grants, takes no job, and runs again once the policies are given', async () => {
    runner = new GraphileWorkerJobRunner({
      pgPool: pool,
      handlers: { ih_test_quick: async (payload) => void ran.push((payload as { n: number }).n) },
      pollIntervalMs: 100,
      log,
      crashRecovery: false,
      restartBackoff: { firstMs: 100, maxMs: 300 },
    });
    await runner.start(); // it starts: nothing in run() needs a row of graphile-worker's tables
    await owner.query(`SELECT graphile_worker.add_job('ih_test_quick', '{"n":1}')`); // queued by the owner, as a write could not be
    await eventually('failing', () => (runner!.state === 'failing' ? true : undefined));
    expect(runner.problem).to.equal(JOB_ACCESS_PROBLEM);
    await sleep(1_500); // several pools replaced (graphile-worker keeps a refused lookup for a pool's life), all refused
    expect(runner.state, 'failing between the replaced pools too').to.equal('failing');
    expect(logged.filter((l) => /refused the job queue runner its jobs \(42501\); restarting it in/.test(l.message)).map((l) => l.level))
      .to.include('debug').and.not.to.include('warning');
    expect(ran).to.deep.equal([]);
    const errors = logged.filter((l) => l.level === 'error' && /takes no jobs/.test(l.message));
    expect(errors, 'one line, not one per poll or per replaced pool').to.have.length(1);
    expect(errors[0]!.message).to.match(/42501: new row violates row-level security policy/);
    expect(errors[0]!.message).to.include('DO block');

    await grantRuntimeRole(owner, ROLE); // the README's grants with the DO block, while the server runs
    await eventually('the queued job ran', () => (ran.includes(1) ? true : undefined));
    expect(runner.state).to.equal('running');
    expect(runner.problem).to.equal(undefined);
    expect(logged.filter((l) => /takes jobs again/.test(l.message)).map((l) => l.level)).to.deep.equal(['info']);
    expect(logged.filter((l) => /takes no jobs/.test(l.message)), 'no new refusal line').to.have.length(1);
    await runner.stop();
    expect(runner.state).to.equal('stopped');
    expect(runner.problem).to.equal(undefined);
  });
});
