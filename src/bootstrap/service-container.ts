import { Container } from 'inversify';
import { AppConfig } from './config';
import { createContainer } from './container';
import { Database, resolveSecretKey } from './database';

/** The container the server and the command line share: PostgreSQL storage, the configured keys and auth cache. */
export async function serviceContainer(config: AppConfig, database: Database): Promise<Container> {
  return createContainer({
    persistence: { kind: 'typeorm', dataSource: database.dataSource },
    secretKey: await resolveSecretKey(config),
    previousSecretKeys: config.previousSecretKeys,
    authCacheTtlMs: config.authCacheTtlMs,
  });
}
