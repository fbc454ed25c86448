import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { pgPool } from '../../../src/adapters/persistence/typeorm/pool-query';
import { TypeOrmWebhookDeliveryStore } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

/**
 * The race the contract suite cannot stage: the subscription's delete is
 * under way (its transaction holds the delivery) when the attempt is
 * recorded. The record waits for it, then finds no delivery: nothing
 * recorded and no foreign-key error (23503), which a check by snapshot
 * alone would still raise once the delete committed.
 */
describe('recording an attempt while its subscription is being deleted (TypeORM on PostgreSQL)', () => {
  it('waits for the delete, then records nothing and does not fail', async () => {
    const { dataSource } = testDatabase();
    const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
    const store = new TypeOrmWebhookDeliveryStore(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));
    const brandId = randomBytes(9).toString('hex');
    const subscriptionId = randomBytes(9).toString('hex');
    await q(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'Brand')`, [brandId, `${brandId}.example.com`]);
    await q(`INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
             VALUES ($1, 'jfw', $2, 'https://hooks.example.com/a', '{integration-authentication.updated}', 'unused', now(), now())`, [subscriptionId, brandId]);
    const [event] = await q(`INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body, dispatched_at)
             VALUES (now(), 'jfw', $1, 'integration-authentication.updated', 'integration-authentication', 'r', '{}', now()) RETURNING id`, [brandId]);
    const [delivery] = await q(`INSERT INTO webhook_deliveries (event_id, subscription_id, status, schedule_started_at, created_at, updated_at)
             VALUES ($1, $2, 'pending', now(), now(), now()) RETURNING id`, [event.id, subscriptionId]);
    const deliveryId = String(delivery.id);

    const deleting = await pgPool(dataSource).connect();
    try {
      await deleting.query('BEGIN');
      await deleting.query('DELETE FROM webhook_subscriptions WHERE id = $1', [subscriptionId]);
      let settled = false;
      const recording = store.recordAttempt({
        deliveryId, attempt: 1, at: new Date(), durationMs: 3, statusCode: 200, error: null, result: 'delivered', nextAttemptAt: null,
      }).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled, 'the record waits for the delete').to.equal(false);
      await deleting.query('COMMIT');
      await recording;
    } finally {
      deleting.release();
    }
    expect(await q(`SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE delivery_id = $1`, [deliveryId])).to.deep.equal([{ n: 0 }]);
  });
});
