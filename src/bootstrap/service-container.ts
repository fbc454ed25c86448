import { Container } from 'inversify';
import { AuthChangeFeed } from '../application/ports/auth-change-feed';
import { AppConfig } from './config';
import { createContainer } from './container';
import { WebhookOptions } from './modules/webhooks.module';
import { Database, resolveSecretKey } from './database';

/**
 * The container the server and the command line share: PostgreSQL storage,
 * the configured keys and auth cache; the server also passes its
 * LISTEN/NOTIFY feed (the command line only writes, and its writes notify)
 * and where outbound refusals are logged.
 */
export async function serviceContainer(
  config: AppConfig,
  database: Database,
  authChanges?: AuthChangeFeed,
  warn?: WebhookOptions['warn'],
): Promise<Container> {
  return createContainer({
    persistence: { kind: 'typeorm', dataSource: database.dataSource },
    secretKey: await resolveSecretKey(config),
    previousSecretKeys: config.previousSecretKeys,
    authCacheTtlMs: config.authCacheTtlMs,
    authChanges,
    webhooks: { allowPrivate: config.webhookAllowPrivate, warn },
  });
}
