import { Client } from 'pg';
import { InMemoryAuditTrail } from '../../../src/adapters/persistence/in-memory/in-memory-audit-trail';
import { TypeOrmAuditTrail } from '../../../src/adapters/persistence/typeorm/typeorm-audit-trail';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../src/adapters/persistence/in-memory/webhooks/in-memory-webhook-subscription.repository';
import { TypeOrmBrandRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmWebhookSubscriptionRepository } from '../../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-subscription.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { cliChange } from '../../../src/domain/audit/change-context';
import { eventually } from '../../support/eventually';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { webhookSubscriptionRepositoryContract } from './webhook-subscription-repository.contract';

webhookSubscriptionRepositoryContract('in-memory', () => {
  const audit = new InMemoryAuditTrail();
  const repository = new InMemoryWebhookSubscriptionRepository(audit);
  return {
    brands: new InMemoryBrandRepository(audit), repository, audit,
    // No transactions in memory: the disable is there at once, and nothing ever waits for it.
    heldDisable: async (scope, id, at) => {
      await repository.update(scope, id, { enabled: false }, at, cliChange());
      return { waitedOn: async () => undefined, commit: async () => undefined };
    },
  };
});

/** Wanted by no subscription: the outbox marks the event dispatched at once and queues nothing. */
const UNWANTED = 'test.webhook-subscription-contract';

webhookSubscriptionRepositoryContract('TypeORM on PostgreSQL', () => {
  const { dataSource, url } = testDatabase();
  return {
    brands: new TypeOrmBrandRepository(dataSource),
    repository: new TypeOrmWebhookSubscriptionRepository(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY))),
    audit: new TypeOrmAuditTrail(dataSource),
    aDelivery: async (subscriptionId) => {
      const [event] = await dataSource.query(
        `INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body)
         SELECT now(), surface, brand_id, $2, 'test-resource', 'r1', '{}' FROM webhook_subscriptions WHERE id = $1 RETURNING id`,
        [subscriptionId, UNWANTED]);
      const [delivery] = await dataSource.query(
        `INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, schedule_started_at, created_at, updated_at)
         VALUES ($1, $2, 'failed', 1, now(), now(), now()) RETURNING id::text AS id`, [event.id, subscriptionId]);
      return delivery.id;
    },
    // What a PATCH { enabled: false } writes, in a transaction of its own held open until commit().
    heldDisable: async (_scope, id, at) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`UPDATE webhook_subscriptions SET disabled_at = $2, version = version + 1, updated_at = $2 WHERE id = $1`, [id, at]);
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      return {
        waitedOn: async () => {
          await eventually('a statement waiting for the disable', async () =>
            ((await dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))`, [pid])).length > 0 ? true : undefined));
        },
        commit: async () => {
          await client.query('COMMIT');
          await client.end();
        },
      };
    },
  };
});
