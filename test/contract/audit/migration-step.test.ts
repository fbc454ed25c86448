import { expect } from 'chai';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { runMigrations } from '../../../src/bootstrap/migrations';
import { rejectionOf } from '../../support/rejection';
import { RuntimeRoleDatabase, runtimeRoleDatabase } from '../../support/runtime-role-database';

/** A login role of this suite's own on the test server (roles are per cluster; trust auth lets it log in). */
const ROLE = 'ih_audit_suite_runtime';
const ROLE_PASSWORD = 'ih-audit-suite-runtime';

/**
 * The start-up migration step (bootstrap runMigrations): graphile-worker's
 * schema before ours, the audit retention written by the owner, and the
 * runtime role's grants — audit entries append-only for it, checked by
 * connecting as that role.
 */
describe('migration step: job queue schema, audit retention and the runtime role', function () {
  this.timeout(60_000);
  let scratch: RuntimeRoleDatabase;
  let owner: DataSource;
  let runtime: Client;

  before(async () => {
    scratch = await runtimeRoleDatabase(ROLE, ROLE_PASSWORD);
    owner = scratch.owner;
    runtime = new Client({ connectionString: scratch.runtimeUrl });
    await runtime.connect();
  });
  after(async () => {
    await runtime?.end();
    await scratch?.close();
  });

  it('installs graphile-worker and applies every migration, the audit one after the auth-change one', async () => {
    const names: { name: string }[] = await owner.query('SELECT name FROM migrations ORDER BY id');
    expect(names.map((r) => r.name)).to.deep.equal(MIGRATIONS.map((m) => new m().name));
    const order = names.map((r) => r.name);
    expect(order.indexOf('AuditAndOutbox1767000000000')).to.be.greaterThan(order.indexOf('AuthChangeNotifications1766000000000'));
    const [queue] = await owner.query(`SELECT to_regproc('graphile_worker.add_job') IS NOT NULL AS installed`);
    expect(queue.installed).to.equal(true);
  });

  it('writes AUDIT_RETENTION_DAYS into audit_policy, which the runtime role may read but not change', async () => {
    expect((await runtime.query('SELECT retention_days FROM audit_policy')).rows).to.deep.equal([{ retention_days: 30 }]);
    const refused = <Error>await rejectionOf(runtime.query('UPDATE audit_policy SET retention_days = 1'));
    expect(refused.message).to.match(/permission denied/);
    await runMigrations(owner, { auditRetentionDays: 400, jobQueueLog: () => undefined });
    expect((await runtime.query('SELECT retention_days FROM audit_policy')).rows).to.deep.equal([{ retention_days: 400 }]);
  });

  it('lets the runtime role append and read audit entries, never update, delete or truncate them', async () => {
    const recorded = await runtime.query(
      `SELECT ih_record_change(now(), 'portal', NULL, 'cli', NULL, 'created', 'portal-user', '1', '[]'::jsonb, 'c-1', NULL, NULL) AS id`);
    const id = recorded.rows[0].id;
    expect((await runtime.query('SELECT action FROM audit_entries WHERE id = $1', [id])).rows).to.deep.equal([{ action: 'created' }]);
    for (const statement of [`UPDATE audit_entries SET action = 'deleted' WHERE id = ${id}`, `DELETE FROM audit_entries WHERE id = ${id}`, 'TRUNCATE audit_entries']) {
      const refused = <Error>await rejectionOf(runtime.query(statement));
      expect(refused.message, statement).to.match(/permission denied for table audit_entries/);
    }
    expect((await runtime.query('SELECT count(*)::int AS n FROM audit_entries WHERE id = $1', [id])).rows[0].n).to.equal(1);
    // The purge is the one way out, and only past the owner's retention.
    expect((await runtime.query('SELECT ih_purge_audit_entries() AS purged')).rows[0].purged).to.equal('0');
  });

  it('lets the runtime role queue jobs (an event a subscription wants) but not touch the queue schema', async () => {
    await owner.query(`INSERT INTO brands (id, url, name, created_at) VALUES ('brandQueueTest0001', 'queue.example.com', 'q', now())`);
    await owner.query(`INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
      VALUES ('subQueueTest000001', 'jfw', 'brandQueueTest0001', 'https://receiver.example.com/', '{integration-authentication.updated}', 'x', now(), now())`);
    await runtime.query(`SELECT ih_record_change(now(), 'jfw', 'brandQueueTest0001', 'brand-key', 'k', 'updated', 'integration-authentication', 'a',
      '[]'::jsonb, 'c-2', 'integration-authentication.updated', '{}'::jsonb)`);
    const jobs = await runtime.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'ih_dispatch_event'`);
    expect(jobs.rows[0].n).to.equal(1);
    const refused = <Error>await rejectionOf(runtime.query('DELETE FROM graphile_worker.migrations'));
    expect(refused.message).to.match(/permission denied/);
  });
});
