import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { webhookJobHandlers } from '../../../src/adapters/job-queue/webhook-job-handlers';
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

const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
const signer = new StandardWebhooksSigner();

describe('a queue runner killed with SIGKILL in the middle of an attempt (real PostgreSQL, child process)', function () {
  this.timeout(90_000);
  let db: ScratchDatabase;
  let pool: Pool;
  let hook: WebhookReceiver | undefined;
  const runners: GraphileWorkerJobRunner[] = [];

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
    pool = db.pool;
  });
  after(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await hook?.close();
    await db?.drop();
  });

  function runnerHere(crashRecovery: boolean): GraphileWorkerJobRunner {
    const store = new TypeOrmWebhookDeliveryStore(db.dataSource, cipher);
    const clock = new SystemClock();
    const r = new GraphileWorkerJobRunner({
      pgPool: pool,
      handlers: webhookJobHandlers(
        new DispatchOutboxEvent(store, clock),
        new DeliverWebhookAttempt(store, new SafeOutboundHttp({ allowPrivate: true }), signer, clock),
      ),
      pollIntervalMs: 100,
      log: () => undefined,
      crashRecovery: crashRecovery ? { sweepIntervalMs: 60_000 } : false,
    });
    runners.push(r);
    return r;
  }

  it('has its attempt made again at once by the next runner, with the same webhook-id, and delivered once answered', async () => {
    const brand = randomBytes(9).toString('hex');
    const sub = randomBytes(9).toString('hex');
    const secret = signer.newSecret();
    hook = await startWebhookReceiver(secret);
    hook.plan('never', 200);
    await pool.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'B')`, [brand, `${brand}.example.com`]);
    await pool.query(
      `INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
       VALUES ($1, 'jfw', $2, $3, '{portal-app.updated,integration-authentication.updated}', $4, now(), now())`,
      [sub, brand, hook.url, cipher.encrypt(secret, webhookSecretContext(sub))],
    );

    const child = spawn(process.execPath, ['dist/test/support/job-queue-child.js', db.url], {
      env: { PATH: process.env.PATH ?? '', CHILD_SECRET_KEY: TEST_SECRET_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = once(child, 'exit');
    const deadline = Date.now() + 30_000;
    while (!/ready \S+/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`child runner did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const childPool = /ready (\S+)/.exec(output)![1];

    await pool.query(
      `SELECT ih_record_change(now(), 'jfw', $1, 'brand-key', 'k', 'updated', 'integration-authentication', 'cfg', '[]', 'c', 'integration-authentication.updated', '{"id":"cfg"}')`,
      [brand],
    );
    const [first] = await hook.waitFor(1);
    child.kill('SIGKILL');
    await exited;

    // Without the release, graphile-worker keeps the killed runner's job locked for 4 hours.
    await runnerHere(false).start();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(hook.deliveries, 'without crash recovery').to.have.length(1);
    await runners.pop()!.stop();

    await runnerHere(true).start();
    const [, again] = await hook.waitFor(2);
    expect(again.id).to.equal(first.id);
    expect(again).to.include({ verified: true, answer: 200 });
    const deadline2 = Date.now() + 10_000;
    let delivery: { status: string; attempts: number } | undefined;
    while (delivery?.status !== 'delivered' && Date.now() < deadline2) {
      delivery = (await pool.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [first.id])).rows[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    // The killed attempt was never recorded: the one that succeeded is attempt 1.
    expect(delivery).to.deep.equal({ status: 'delivered', attempts: 1 });
    expect((await pool.query(`SELECT pool_id FROM job_worker_pools WHERE pool_id = $1`, [childPool])).rows).to.deep.equal([]);
  });
});
