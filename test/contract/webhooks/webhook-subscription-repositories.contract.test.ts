import { InMemoryAuditTrail } from '../../../src/adapters/persistence/in-memory/in-memory-audit-trail';
import { TypeOrmAuditTrail } from '../../../src/adapters/persistence/typeorm/typeorm-audit-trail';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../src/adapters/persistence/in-memory/webhooks/in-memory-webhook-subscription.repository';
import { TypeOrmBrandRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmWebhookSubscriptionRepository } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-subscription.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { webhookSubscriptionRepositoryContract } from './webhook-subscription-repository.contract';

webhookSubscriptionRepositoryContract('in-memory', () => {
  const audit = new InMemoryAuditTrail();
  return { brands: new InMemoryBrandRepository(audit), repository: new InMemoryWebhookSubscriptionRepository(audit), audit };
});

webhookSubscriptionRepositoryContract('TypeORM on PostgreSQL', () => {
  const { dataSource } = testDatabase();
  return {
    brands: new TypeOrmBrandRepository(dataSource),
    repository: new TypeOrmWebhookSubscriptionRepository(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY))),
    audit: new TypeOrmAuditTrail(dataSource),
  };
});
