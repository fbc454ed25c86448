import { expect } from 'chai';
import type { Pool } from 'pg';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { rejectionOf } from '../../support/rejection';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';

/**
 * The SQL every write path will call in its own statement (wiring phase):
 * field-level changes with secrets reduced to "changed", one audit entry and
 * one event per change, and audit entries that cannot be rewritten.
 */
describe('audit and outbox SQL (real PostgreSQL, a database of its own)', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  let pool: Pool;

  const changes = async (old: object | null, now: object | null, fields: string[], secrets: string[] = []) =>
    (await pool.query(`SELECT ih_changes($1::jsonb, $2::jsonb, $3, $4) AS c`, [old && JSON.stringify(old), now && JSON.stringify(now), fields, secrets])).rows[0].c;

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
    pool = db.pool;
  });
  after(async () => {
    await db?.drop();
  });

  it('lists the changed fields only, in the order given, with from and to', async () => {
    const c = await changes({ name: 'a', scope: 'x', status: 'Active' }, { name: 'b', scope: 'x', status: 'Inactive' }, ['status', 'name', 'scope']);
    expect(c).to.deep.equal([
      { field: 'status', from: 'Active', to: 'Inactive' },
      { field: 'name', from: 'a', to: 'b' },
    ]);
  });

  it('shows a secret only as changed, never its value, and not at all when its digest is the same', async () => {
    const old = { name: 'a', clientSecret: 'digest-1' };
    expect(await changes(old, { name: 'a', clientSecret: 'digest-2' }, ['name'], ['clientSecret'])).to.deep.equal([{ field: 'clientSecret', changed: true }]);
    expect(await changes(old, { name: 'a', clientSecret: 'digest-1' }, ['name'], ['clientSecret'])).to.deep.equal([]);
    // A row written before digests existed: unknown, so reported as changed rather than silently dropped.
    expect(await changes({ name: 'a' }, { name: 'a' }, ['name'], ['clientSecret'])).to.deep.equal([{ field: 'clientSecret', changed: true }]);
  });

  it('describes a creation as every field from null', async () => {
    expect(await changes(null, { name: 'a', tags: null, clientSecret: 'd' }, ['name', 'tags'], ['clientSecret'])).to.deep.equal([
      { field: 'name', from: null, to: 'a' },
      { field: 'clientSecret', changed: true },
    ]);
  });

  it('records one audit entry and one event per change; no event when the change has no type', async () => {
    const record = (eventType: string | null) =>
      pool.query(
        `SELECT ih_record_change(now(), 'portal', NULL, 'portal-admin', '7', 'updated', 'portal-app', '42',
           '[{"field":"Name","from":"a","to":"b"}]'::jsonb, 'corr-9', $1, '{"ID":42,"Name":"b"}'::jsonb) AS audit_id`,
        [eventType],
      );
    const withEvent = (await record('portal-app.updated')).rows[0].audit_id;
    const withoutEvent = (await record(null)).rows[0].audit_id;
    const entries = (await pool.query(`SELECT * FROM audit_entries WHERE id IN ($1, $2) ORDER BY id`, [withEvent, withoutEvent])).rows;
    expect(entries.map((e) => [e.actor_kind, e.actor_id, e.action, e.resource_type, e.resource_id, e.correlation_id])).to.deep.equal([
      ['portal-admin', '7', 'updated', 'portal-app', '42', 'corr-9'],
      ['portal-admin', '7', 'updated', 'portal-app', '42', 'corr-9'],
    ]);
    const events = (await pool.query(`SELECT * FROM outbox_events WHERE audit_entry_id IN ($1, $2)`, [withEvent, withoutEvent])).rows;
    expect(events).to.have.length(1);
    expect(events[0].id).to.match(/^evt_[0-9a-f]{32}$/);
    const body = JSON.parse(events[0].body);
    expect(body).to.deep.equal({ type: 'portal-app.updated', timestamp: body.timestamp, data: { ID: 42, Name: 'b' } });
    expect(body.timestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('gives events time-ordered ids (UUIDv7 hex: the creation time in ms, version 7, RFC variant), so the primary key grows at its right edge', async () => {
    const eventId = async () => {
      const audit = (await pool.query(
        `SELECT ih_record_change(now(), 'portal', NULL, 'cli', NULL, 'updated', 'portal-app', '9', '[]', NULL, 'portal-app.updated', '{}') AS id`)).rows[0].id;
      return (await pool.query(`SELECT id FROM outbox_events WHERE audit_entry_id = $1`, [audit])).rows[0].id as string;
    };
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await eventId());
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    for (const id of ids) {
      expect(id).to.match(/^evt_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
      expect(parseInt(id.slice(4, 16), 16)).to.be.within(started - 1_000, Date.now() + 1_000);
    }
    expect([...ids].sort()).to.deep.equal(ids);
    expect(new Set(ids).size).to.equal(3);
  });

  it('queues a dispatch job only for an event some subscription wants; the others are dispatched on the spot', async () => {
    const dispatchJobs = async () =>
      (await pool.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'ih_dispatch_event'`)).rows[0].n;
    const event = async (type: string) => {
      const audit = (await pool.query(
        `SELECT ih_record_change(now(), 'portal', NULL, 'portal-admin', '7', 'updated', 'portal-app', '5', '[]', NULL, $1, '{}') AS id`, [type])).rows[0].id;
      return (await pool.query(`SELECT dispatched_at FROM outbox_events WHERE audit_entry_id = $1`, [audit])).rows[0];
    };
    const before = await dispatchJobs();
    expect((await event('portal-app.updated')).dispatched_at).to.not.equal(null);
    expect(await dispatchJobs()).to.equal(before);
    await pool.query(`INSERT INTO webhook_subscriptions (id, surface, url, event_types, secret, created_at, updated_at)
      VALUES ('portal-sub-1', 'portal', 'https://hooks.example.com/', '{portal-app.updated}', 'x', now(), now())`);
    expect((await event('portal-app.deleted')).dispatched_at).to.not.equal(null);
    expect((await event('portal-app.updated')).dispatched_at).to.equal(null);
    expect(await dispatchJobs()).to.equal(before + 1);
    await pool.query(`DELETE FROM webhook_subscriptions WHERE id = 'portal-sub-1'`);
  });

  it('refuses to update, delete or truncate audit entries', async () => {
    await pool.query(`SELECT ih_record_change(now(), 'portal', NULL, 'cli', NULL, 'created', 'portal-admin', '1', '[]', NULL, NULL, NULL)`);
    for (const sql of [`UPDATE audit_entries SET action = 'deleted'`, `DELETE FROM audit_entries`, `TRUNCATE audit_entries`]) {
      const error = (await rejectionOf(pool.query(sql))) as { code?: string };
      expect(error.code, sql).to.equal('IH403');
    }
  });

  it('purges only entries older than the retention the owner set', async () => {
    await pool.query(`UPDATE audit_policy SET retention_days = 30`);
    const old = (await pool.query(`SELECT ih_record_change(now() - interval '31 days', 'portal', NULL, 'cli', NULL, 'created', 'portal-user', 'old', '[]', NULL, NULL, NULL) AS id`)).rows[0].id;
    const recent = (await pool.query(`SELECT ih_record_change(now() - interval '29 days', 'portal', NULL, 'cli', NULL, 'created', 'portal-user', 'new', '[]', NULL, NULL, NULL) AS id`)).rows[0].id;
    await pool.query(`SELECT ih_purge_audit_entries()`);
    const left = (await pool.query(`SELECT id FROM audit_entries WHERE id IN ($1, $2)`, [old, recent])).rows.map((r) => r.id);
    expect(left).to.deep.equal([recent]);
    // The purge's permission ends with its transaction: a delete afterwards is refused again.
    expect(((await rejectionOf(pool.query(`DELETE FROM audit_entries WHERE id = $1`, [recent]))) as { code?: string }).code).to.equal('IH403');
  });
});
