import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { TypeOrmRetentionStore } from '../../../src/adapters/persistence/typeorm/typeorm-retention.store';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { webhookSecretContext } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

const DAY = 86_400_000;

/** The daily purge on PostgreSQL: audit entries past AUDIT_RETENTION_DAYS, events 30 days after their deliveries became final. */
describe('retention purge (TypeORM on PostgreSQL)', () => {
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const q = (sql: string, params: unknown[] = []) => testDatabase().dataSource.query(sql, params);

  async function anEvent(brandId: string, dispatchedDaysAgo: number): Promise<string> {
    const [row] = await q(
      `INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body, dispatched_at)
       VALUES ($1, 'jfw', $2, 'integration-authentication.updated', 'integration-authentication', 'r', '{}', $1) RETURNING id`,
      [ago(dispatchedDaysAgo), brandId]);
    return row.id;
  }

  async function aDelivery(eventId: string, subscriptionId: string, status: string, updatedDaysAgo: number): Promise<void> {
    await q(`INSERT INTO webhook_deliveries (event_id, subscription_id, status, schedule_started_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $4)`,
      [eventId, subscriptionId, status, ago(updatedDaysAgo)]);
  }

  it('deletes events whose deliveries all became final over 30 days ago, with their deliveries, and audit entries past retention', async () => {
    const brandId = randomBytes(9).toString('hex');
    await q(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'B')`, [brandId, `${brandId}.example.com`]);
    const subscriptionId = randomBytes(9).toString('hex');
    const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
    await q(`INSERT INTO webhook_subscriptions (id, surface, brand_id, url, event_types, secret, created_at, updated_at)
             VALUES ($1, 'jfw', $2, 'https://hooks.example.com/', '{x}', $3, now(), now())`, [subscriptionId, brandId, cipher.encrypt('whsec_x', webhookSecretContext(subscriptionId))]);
    const old = await anEvent(brandId, 40);
    await aDelivery(old, subscriptionId, 'delivered', 35);
    const oldWithoutDeliveries = await anEvent(brandId, 40);
    const recentlyFinal = await anEvent(brandId, 40);
    await aDelivery(recentlyFinal, subscriptionId, 'failed', 10);
    const stillPending = await anEvent(brandId, 40);
    await aDelivery(stillPending, subscriptionId, 'pending', 35);
    const young = await anEvent(brandId, 5);
    await q(`INSERT INTO audit_entries (at, surface, brand_id, actor_kind, action, resource_type, resource_id, changes)
             VALUES ($1, 'jfw', $2, 'cli', 'updated', 'test', 'old', '[]'), (now(), 'jfw', $2, 'cli', 'updated', 'test', 'new', '[]')`, [ago(400), brandId]);

    const purged = await new TypeOrmRetentionStore(testDatabase().dataSource).purge(now);
    expect(purged.events).to.be.at.least(2);
    expect(purged.auditEntries).to.be.at.least(1);
    const left = (await q(`SELECT id FROM outbox_events WHERE brand_id = $1`, [brandId])).map((r: { id: string }) => r.id);
    expect(left.sort()).to.deep.equal([recentlyFinal, stillPending, young].sort());
    expect(left).to.not.include.members([old, oldWithoutDeliveries]);
    expect((await q(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = $1`, [old]))[0].n).to.equal(0);
    expect((await q(`SELECT resource_id FROM audit_entries WHERE brand_id = $1`, [brandId])).map((r: { resource_id: string }) => r.resource_id)).to.deep.equal(['new']);
  });
});
