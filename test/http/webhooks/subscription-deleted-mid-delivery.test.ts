import { expect } from 'chai';
import request from 'supertest';
import { GraphileWorkerJobRunner, JobLog } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { startJobRunner } from '../../../src/bootstrap/job-runner';
import { eventually } from '../../support/eventually';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp } from '../../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';

const UPDATED = 'integration-authentication.updated';

/**
 * A subscription deleted through the API while its delivery's POST is on the
 * wire (the receiver holds it until the DELETE has answered). The delivery
 * and its attempts went with the subscription; the job that was sending
 * finds nothing to record and must end as a stale job does: done, no error,
 * no retry. A database of its own, so the queue holds this suite's jobs only.
 */
describe('a webhook subscription deleted while a delivery attempt is in flight (real queue)', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  let runner: GraphileWorkerJobRunner | undefined;
  let hook: WebhookReceiver | undefined;
  const lines: { level: string; message: string }[] = [];
  const log: JobLog = (level, message) => void lines.push({ level, message });

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
  });
  after(async () => {
    await runner?.stop();
    await hook?.close();
    await db?.drop();
  });

  it('ends the job quietly: no error logged, no failed job left to retry, nothing recorded', async () => {
    const t = createTestApp({ dataSource: db.dataSource, webhooks: { allowPrivate: true } });
    runner = await startJobRunner(t.container, db.dataSource, { log, pollIntervalMs: 100 });
    const brand = await aBrandWithKey(t.container);
    const created = (await request(t.server).post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'http://127.0.0.1:9/placeholder', eventTypes: [UPDATED] }).expect(201)).body.data;
    rememberSecret(created.secret);
    hook = await startWebhookReceiver(created.secret, 'held');
    await request(t.server).patch(`/api/v1/webhooks/${created.id}`).set(brand.headers).send({ url: hook.url }).expect(200);

    await db.pool.query(
      `SELECT ih_record_change(now(), 'jfw', $1, 'cli', NULL, 'updated', 'integration-authentication', 'cfg', '[]'::jsonb, NULL, $2, '{"id":"cfg"}'::jsonb)`,
      [brand.brandId, UPDATED]);
    const [held] = await hook.waitFor(1);
    expect(held.verified).to.equal(true);
    await request(t.server).delete(`/api/v1/webhooks/${created.id}`).set(brand.headers).expect(200);
    hook.release(200);

    // Done: graphile-worker deletes a job that succeeded and keeps one that failed (with last_error) for its retry.
    const deliveryJobs = async () =>
      (await db.pool.query(`SELECT attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = 'ih_deliver_webhook'`)).rows;
    const left = await eventually('the delivery job to end', async () => {
      const jobs = await deliveryJobs();
      return jobs.length === 0 || jobs.some((j) => j.last_error !== null) ? jobs : undefined;
    });
    expect(left, 'no failed delivery job').to.deep.equal([]);
    expect(lines.filter((l) => l.level === 'error' || l.level === 'warning')).to.deep.equal([]);
    const counts = (await db.pool.query(
      `SELECT (SELECT count(*) FROM webhook_deliveries)::int AS deliveries, (SELECT count(*) FROM webhook_delivery_attempts)::int AS attempts`)).rows[0];
    expect(counts).to.deep.equal({ deliveries: 0, attempts: 0 });
  });
});
