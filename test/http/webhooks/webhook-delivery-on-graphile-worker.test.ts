import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { jobHandlers, WEBHOOK_JOBS } from '../../../src/adapters/job-queue/job-table';
import { resolveFrom } from '../../support/resolve-from';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { TypeOrmWebhookDeliveryStore, webhookSecretContext } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { SystemClock } from '../../../src/adapters/system/system-clock';
import { StandardWebhooksSigner } from '../../../src/adapters/webhooks/standard-webhooks.signer';
import { DeliverWebhookAttempt } from '../../../src/application/webhooks/deliver-webhook-attempt.use-case';
import { DispatchOutboxEvent } from '../../../src/application/webhooks/dispatch-outbox-event.use-case';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { eventually } from '../../support/eventually';

const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
const signer = new StandardWebhooksSigner();
const clock = new SystemClock();
/** Milliseconds instead of hours: the production shape, shrunk. */
const QUICK_SCHEDULE = { firstDelayMs: 40, maxDelayMs: 120, windowMs: 1_500 };


describe('webhook delivery on graphile-worker (real PostgreSQL, a database of its own)', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  let pool: Pool;
  const runners: GraphileWorkerJobRunner[] = [];
  const receivers: WebhookReceiver[] = [];

  function runner(options: { timeoutMs?: number; allowPrivate?: boolean } = {}): GraphileWorkerJobRunner {
    const store = new TypeOrmWebhookDeliveryStore(db.dataSource, cipher);
    const http = new SafeOutboundHttp({ allowPrivate: options.allowPrivate ?? true, timeoutMs: options.timeoutMs ?? 2_000 });
    const handlers = jobHandlers(WEBHOOK_JOBS, resolveFrom(
      new DispatchOutboxEvent(store, clock),
      new DeliverWebhookAttempt(store, http, signer, clock, { schedule: QUICK_SCHEDULE, random: () => 0.5 }),
    ));
    const r = new GraphileWorkerJobRunner({ pgPool: pool, handlers, pollIntervalMs: 100, log: () => undefined });
    runners.push(r);
    return r;
  }

  async function receiver(secret: string): Promise<WebhookReceiver> {
    const r = await startWebhookReceiver(secret);
    receivers.push(r);
    return r;
  }

  async function aBrand(): Promise<string> {
    const id = randomBytes(9).toString('hex').slice(0, 18);
    await pool.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'Brand')`, [id, `${id}.example.com`]);
    return id;
  }

  async function aSubscription(brandId: string, url: string, eventTypes = ['integration-authentication.updated']): Promise<string> {
    const id = randomBytes(9).toString('hex').slice(0, 18);
    const secret = signer.newSecret();
    await pool.query(
      `INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
       VALUES ($1, 'jfw', $2, $3, $4, $5, now(), now())`,
      [id, brandId, url, eventTypes, cipher.encrypt(secret, webhookSecretContext(id))],
    );
    subscriptionSecrets.set(id, secret);
    return id;
  }
  const subscriptionSecrets = new Map<string, string>();

  /** What a write does in its own statement: audit entry + event (+ the dispatch job, by trigger). Answers the event id. */
  async function recordChange(on: Pool | PoolClient, brandId: string, data: Record<string, unknown> = { id: 'cfg1' }): Promise<string> {
    await on.query(
      `SELECT ih_record_change(now(), 'jfw', $1, 'brand-key', 'key1', 'updated', 'integration-authentication', 'cfg1',
         '[]'::jsonb, 'corr-1', 'integration-authentication.updated', $2::jsonb)`,
      [brandId, JSON.stringify(data)],
    );
    const rows = await on.query(`SELECT id FROM outbox_events WHERE brand_id = $1 ORDER BY occurred_at DESC, id LIMIT 1`, [brandId]);
    return rows.rows[0].id;
  }

  async function delivery(eventId: string): Promise<{ id: string; status: string; attempts: number } | undefined> {
    const rows = await pool.query(`SELECT id, status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
    return rows.rows[0];
  }

  async function attempts(deliveryId: string): Promise<{ attempt: number; status_code: number | null; error: string | null }[]> {
    return (await pool.query(`SELECT attempt, status_code, error FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`, [deliveryId])).rows;
  }

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
    pool = db.pool;
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  after(async () => {
    await db?.drop();
  });

  it('queues the job only when the transaction that wrote the event commits', async () => {
    const brand = await aBrand();
    const sub = await aSubscription(brand, 'placeholder');
    const hook = await receiver(subscriptionSecrets.get(sub)!);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url, sub]);
    await runner().start();

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const rolledBack = await recordChange(client, brand, { id: 'cfg1', name: 'never' });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      const committed = await recordChange(client, brand, { id: 'cfg1', name: 'kept' });
      // The running worker cannot see the job before the commit.
      await new Promise((r) => setTimeout(r, 400));
      expect(hook.deliveries, 'before commit').to.have.length(0);
      await client.query('COMMIT');

      const [received] = await hook.waitFor(1);
      expect(received.id).to.equal(committed);
      expect(received.verified).to.equal(true);
      expect(JSON.parse(received.body)).to.deep.include({ type: 'integration-authentication.updated', data: { id: 'cfg1', name: 'kept' } });
      expect((await pool.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = $1`, [rolledBack])).rows[0].n).to.equal(0);
    } finally {
      client.release();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(hook.deliveries).to.have.length(1);
    expect((await pool.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'ih_dispatch_event'`)).rows[0].n).to.equal(0);
  });

  /** A receiver answering 500 then 200, the runner started, one change recorded: its event id and both deliveries, signed. */
  async function answered500Then200() {
    const brand = await aBrand();
    const sub = await aSubscription(brand, 'placeholder');
    const hook = await receiver(subscriptionSecrets.get(sub)!);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url, sub]);
    hook.plan(500, 200);
    await runner().start();

    const eventId = await recordChange(pool, brand);
    const seen = await hook.waitFor(2);
    expect(seen.map((d) => [d.id, d.answer, d.verified])).to.deep.equal([[eventId, 500, true], [eventId, 200, true]]);
    return { eventId, seen };
  }

  it('retries after a 500 with the same webhook-id, then records the delivery as delivered', async () => {
    const { eventId, seen } = await answered500Then200();
    expect(seen[0].body).to.equal(seen[1].body);
    const d = await eventually('delivered', async () => ((await delivery(eventId))?.status === 'delivered' ? delivery(eventId) : undefined));
    expect(d).to.include({ status: 'delivered', attempts: 2 });
    expect(await attempts(d.id)).to.deep.equal([
      { attempt: 1, status_code: 500, error: 'answered 500' },
      { attempt: 2, status_code: 200, error: null },
    ]);
  });

  it('retries a receiver that never answers on the (shortened) schedule, then marks the delivery failed', async () => {
    const brand = await aBrand();
    const sub = await aSubscription(brand, 'placeholder');
    const hook = await startWebhookReceiver(subscriptionSecrets.get(sub)!, 'never');
    receivers.push(hook);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url, sub]);
    await runner({ timeoutMs: 150 }).start();

    const eventId = await recordChange(pool, brand);
    const d = await eventually('failed', async () => ((await delivery(eventId))?.status === 'failed' ? delivery(eventId) : undefined));
    const made = await attempts(d.id);
    expect(made.length).to.be.at.least(3);
    expect(made.map((a) => a.attempt)).to.deep.equal(made.map((_, i) => i + 1));
    expect(new Set(made.map((a) => a.error))).to.deep.equal(new Set(['no answer in time']));
    expect(new Set(hook.deliveries.map((h) => h.id))).to.deep.equal(new Set([eventId]));
    expect(hook.deliveries).to.have.length(made.length);
  });

  it('never delivers one brand\'s event to another brand\'s subscription', async () => {
    const [mine, theirs] = [await aBrand(), await aBrand()];
    const sub = await aSubscription(theirs, 'placeholder');
    const hook = await receiver(subscriptionSecrets.get(sub)!);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url, sub]);
    await runner().start();

    const eventId = await recordChange(pool, mine);
    await eventually('dispatched', async () =>
      (await pool.query(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [eventId])).rows[0].dispatched_at ?? undefined);
    expect(await delivery(eventId)).to.equal(undefined);
    expect(hook.deliveries).to.have.length(0);
  });

  it('refuses, at delivery time, a subscription whose address is private when the switch is off', async () => {
    const brand = await aBrand();
    const sub = await aSubscription(brand, 'placeholder');
    const hook = await receiver(subscriptionSecrets.get(sub)!);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url.replace('http:', 'https:'), sub]);
    await runner({ allowPrivate: false }).start();

    const eventId = await recordChange(pool, brand);
    const d = await eventually('failed', async () => ((await delivery(eventId))?.status === 'failed' ? delivery(eventId) : undefined));
    expect((await attempts(d.id))[0].error).to.match(/^refused: address 127\.0\.0\.1 is in a private network/);
    expect(hook.deliveries).to.have.length(0);
  });

  it('registers a running runner as alive and forgets it when it stops gracefully', async () => {
    const r = runner();
    await r.start();
    const registered = async () => (await pool.query(`SELECT pool_id FROM job_worker_pools WHERE pool_id = $1`, [r.workerPoolId])).rows;
    expect(await registered()).to.have.length(1);
    await r.stop();
    expect(await registered()).to.have.length(0);
  });

  it('delivers, and retries, a delivery whose id is past 2^53 (the identity set there): the job carries it exactly', async () => {
    // 2^53 + 1 is the next id: read as a double it would be 2^53, another delivery. Only this suite's database moves.
    await pool.query(`SELECT setval(pg_get_serial_sequence('webhook_deliveries', 'id'), 9007199254740992)`);
    const { eventId } = await answered500Then200();
    const d = await eventually('delivered', async () => ((await delivery(eventId))?.status === 'delivered' ? delivery(eventId) : undefined));
    expect(d).to.include({ id: '9007199254740993', status: 'delivered', attempts: 2 });
    expect((await attempts(d.id)).map((a) => a.status_code)).to.deep.equal([500, 200]);
  });

  it('makes each attempt once when two instances run the queue', async () => {
    const brand = await aBrand();
    const sub = await aSubscription(brand, 'placeholder');
    const hook = await receiver(subscriptionSecrets.get(sub)!);
    await pool.query(`UPDATE webhook_subscriptions SET url = $1 WHERE id = $2`, [hook.url, sub]);
    await Promise.all([runner().start(), runner().start()]);

    const events: string[] = [];
    for (let i = 0; i < 20; i++) events.push(await recordChange(pool, brand, { id: 'cfg1', n: i }));
    const seen = await hook.waitFor(20);
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.deliveries).to.have.length(20);
    expect(new Set(seen.map((d) => d.id))).to.deep.equal(new Set(events));
  });
});
