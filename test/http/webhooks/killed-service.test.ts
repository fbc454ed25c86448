import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { webhookSecretContext } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { StandardWebhooksSigner } from '../../../src/adapters/webhooks/standard-webhooks.signer';
import { ChildServer, startChildServer } from '../../support/child-server';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { eventually as eventuallyWithin } from '../../support/eventually';

/** A restarted server takes its time: 45 s before giving up. */
const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => eventuallyWithin(what, probe, 45_000);

const UPDATED = 'integration-authentication.updated';

/**
 * The real server (node dist/src/bootstrap/main.js) runs the queue; it is
 * killed with SIGKILL while attempts are in flight and events are committed
 * but not delivered, more events are committed while it is down, and a new
 * server process delivers them all: at least once, none lost, none invented.
 */
describe('the service killed with SIGKILL between commit and delivery (child process, real PostgreSQL)', function () {
  this.timeout(180_000);
  let db: ScratchDatabase;
  let hook: WebhookReceiver;
  const servers: ChildServer[] = [];

  const env = () => ({ DATABASE_URL: db.url, SECRET_KEY: TEST_SECRET_KEY, WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'info' });

  before(async () => {
    db = await createScratchDatabase([]);
  });
  after(async () => {
    for (const server of servers) if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await hook?.close();
    await db?.drop();
  });

  async function commitEvents(brandId: string, count: number, from: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = from; i < from + count; i++) {
      const { rows: [audit] } = await db.pool.query(
        `SELECT ih_record_change(now(), 'jfw', $1, 'cli', NULL, 'updated', 'integration-authentication', 'cfg', '[]'::jsonb, $2, $3, $4::jsonb) AS id`,
        [brandId, `corr-${i}`, UPDATED, JSON.stringify({ id: 'cfg', n: i })],
      );
      ids.push((await db.pool.query(`SELECT id FROM outbox_events WHERE audit_entry_id = $1`, [audit.id])).rows[0].id);
    }
    return ids;
  }

  it('delivers every committed event after a restart, each at least once, and nothing else', async () => {
    // The first server migrates the empty database (and installs the queue's schema).
    const first = await startChildServer('webhooks-before-kill', env());
    servers.push(first);

    const signer = new StandardWebhooksSigner();
    const secret = signer.newSecret();
    // Held open: attempts are in flight when the service dies.
    hook = await startWebhookReceiver(secret, 'never');
    const brandId = randomBytes(9).toString('hex');
    const subscriptionId = randomBytes(9).toString('hex');
    const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
    await db.pool.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'Brand')`, [brandId, `${brandId}.example.com`]);
    await db.pool.query(
      `INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
       VALUES ($1, 'jfw', $2, $3, $4, $5, now(), now())`,
      [subscriptionId, brandId, hook.url, [UPDATED], cipher.encrypt(secret, webhookSecretContext(subscriptionId))],
    );

    const committed = await commitEvents(brandId, 10, 0);
    await hook.waitFor(1, 30_000);
    first.process.kill('SIGKILL');
    expect(await first.exited).to.equal(null);
    committed.push(...(await commitEvents(brandId, 10, 10)));
    hook.answerFromNowOn(200);

    const second = await startChildServer('webhooks-after-kill', env());
    servers.push(second);
    // The server's /readyz shows its own runner's state.
    expect(await (await fetch(`${second.base}/readyz`)).json()).to.deep.equal({ status: 'ready', jobs: 'running' });
    const wanted = new Set(committed);
    await eventually('every committed event delivered', async () => {
      const delivered = new Set(hook.deliveries.filter((d) => d.verified && d.answer === 200).map((d) => d.id));
      return [...wanted].every((id) => delivered.has(id)) ? true : undefined;
    });
    const received = hook.deliveries.map((d) => d.id);
    expect(received.filter((id) => !wanted.has(id)), 'invented').to.deep.equal([]);
    expect(hook.deliveries.every((d) => d.verified), 'every delivery signed with the secret').to.equal(true);
    const bodies = new Map((await db.pool.query(`SELECT id, body FROM outbox_events`)).rows.map((r: { id: string; body: string }) => [r.id, r.body]));
    for (const d of hook.deliveries) expect(d.body, d.id).to.equal(bodies.get(d.id));
    const statuses = await eventually('all deliveries recorded as delivered', async () => {
      const { rows } = await db.pool.query(`SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status`);
      return rows.length === 1 && rows[0].status === 'delivered' ? rows : undefined;
    });
    expect(statuses).to.deep.equal([{ status: 'delivered', n: 20 }]);

    // A graceful stop stops the runner before the pool closes: exit 0, and the runner no longer registered.
    second.process.kill('SIGTERM');
    expect(await second.exited).to.equal(0);
    expect((await db.pool.query(`SELECT pool_id FROM job_worker_pools`)).rows).to.deep.equal([]);
  });
});
