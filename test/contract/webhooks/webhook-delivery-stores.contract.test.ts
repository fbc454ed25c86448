import { InMemoryAuditTrail } from '../../../src/adapters/persistence/in-memory/in-memory-audit-trail';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryWebhookDeliveryStore } from '../../../src/adapters/persistence/in-memory/webhooks/in-memory-webhook-delivery.store';
import { InMemoryWebhookSubscriptionRepository } from '../../../src/adapters/persistence/in-memory/webhooks/in-memory-webhook-subscription.repository';
import { TypeOrmBrandRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmWebhookDeliveryStore } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { TypeOrmWebhookSubscriptionRepository } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-subscription.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { webhookDeliveryStoreContract } from './webhook-delivery-store.contract';

webhookDeliveryStoreContract('in-memory', () => {
  const audit = new InMemoryAuditTrail();
  return {
    store: new InMemoryWebhookDeliveryStore(),
    subscriptions: new InMemoryWebhookSubscriptionRepository(audit),
    brands: new InMemoryBrandRepository(audit),
    makesDeliveries: false,
    recordChange: async () => 'evt_in_memory',
  };
});

webhookDeliveryStoreContract('TypeORM on PostgreSQL', () => {
  const { dataSource } = testDatabase();
  const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
  return {
    store: new TypeOrmWebhookDeliveryStore(dataSource, cipher),
    subscriptions: new TypeOrmWebhookSubscriptionRepository(dataSource, cipher),
    brands: new TypeOrmBrandRepository(dataSource),
    makesDeliveries: true,
    recordChange: async (brandId, type) => {
      const [{ id }] = await dataSource.query(
        `SELECT ih_record_change(now(), 'jfw', $1, 'cli', NULL, 'updated', 'integration-authentication', 'cfg', '[]'::jsonb, NULL, $2, '{"id":"cfg"}'::jsonb) AS id`,
        [brandId, type]);
      return (await dataSource.query(`SELECT id FROM outbox_events WHERE audit_entry_id = $1`, [id]))[0].id;
    },
  };
});
