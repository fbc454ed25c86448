import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { TypeOrmWebhookDeliveryStore } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

/**
 * A 410 Gone disables the subscription in the statement that records the
 * attempt, with its audit entry (by the delivery job). A subscription
 * already disabled when the 410 is recorded (a PATCH while the attempt was
 * on the wire) is not changed again: no version move, no entry.
 */
describe('recording a 410 Gone (TypeORM on PostgreSQL)', () => {
  const q = (sql: string, params: unknown[] = []) => testDatabase().dataSource.query(sql, params);
  const store = () => new TypeOrmWebhookDeliveryStore(testDatabase().dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));

  /** A brand's subscription (disabled when asked) with one pending delivery; no job queued, the store is called directly. */
  async function aPendingDelivery(disabled: boolean): Promise<{ brandId: string; subscriptionId: string; deliveryId: string }> {
    const brandId = randomBytes(9).toString('hex');
    const subscriptionId = randomBytes(9).toString('hex');
    await q(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'Brand')`, [brandId, `${brandId}.example.com`]);
    await q(`INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at, disabled_at)
             VALUES ($1, 'jfw', $2, 'https://hooks.example.com/a', '{integration-authentication.updated}', 'unused', now(), now(), $3)`,
    [subscriptionId, brandId, disabled ? new Date() : null]);
    const [event] = await q(`INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body, dispatched_at)
             VALUES (now(), 'jfw', $1, 'integration-authentication.updated', 'integration-authentication', 'r', '{}', now()) RETURNING id`, [brandId]);
    const [delivery] = await q(`INSERT INTO webhook_deliveries (event_id, subscription_id, status, schedule_started_at, created_at, updated_at)
             VALUES ($1, $2, 'pending', now(), now(), now()) RETURNING id`, [event.id, subscriptionId]);
    return { brandId, subscriptionId, deliveryId: String(delivery.id) };
  }

  const gone = (deliveryId: string, at: Date) => store().recordAttempt({
    deliveryId, attempt: 1, at, durationMs: 3, statusCode: 410, error: 'answered 410', result: 'gone', nextAttemptAt: null,
  });
  const entries = (subscriptionId: string) => q(
    `SELECT at, surface, brand_id, actor_kind, actor_id, action, resource_type, changes, correlation_id
       FROM audit_entries WHERE resource_type = 'webhook-subscription' AND resource_id = $1`, [subscriptionId]);
  const subscription = async (id: string) => (await q(`SELECT version, disabled_at FROM webhook_subscriptions WHERE id = $1`, [id]))[0];

  it('disables an enabled subscription and records one entry by the delivery job, at the attempt\'s time', async () => {
    const { brandId, subscriptionId, deliveryId } = await aPendingDelivery(false);
    const at = new Date('2026-12-01T10:00:00.000Z');
    await gone(deliveryId, at);
    expect(await subscription(subscriptionId)).to.deep.equal({ version: 2, disabled_at: at });
    expect(await entries(subscriptionId)).to.deep.equal([{
      at, surface: 'jfw', brand_id: brandId, actor_kind: 'job', actor_id: 'ih_deliver_webhook', action: 'updated',
      resource_type: 'webhook-subscription', changes: [{ field: 'enabled', from: true, to: false }], correlation_id: null,
    }]);
    await gone(deliveryId, new Date());
    expect(await entries(subscriptionId), 'a repeated record of the same attempt changes nothing').to.have.length(1);
  });

  it('leaves a subscription disabled meanwhile as it is: the delivery failed, no version move, no entry', async () => {
    const { subscriptionId, deliveryId } = await aPendingDelivery(true);
    const before = await subscription(subscriptionId);
    await gone(deliveryId, new Date());
    expect(await subscription(subscriptionId)).to.deep.equal(before);
    expect((await q(`SELECT status FROM webhook_deliveries WHERE id = $1`, [deliveryId]))[0].status).to.equal('failed');
    expect(await entries(subscriptionId)).to.deep.equal([]);
  });
});
