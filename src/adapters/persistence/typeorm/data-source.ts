import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  readonly url: string;
  /** Pool size; the service keeps it small, PostgreSQL prefers few busy connections. */
  readonly poolSize?: number;
}

/**
 * The one DataSource definition shared by the server, the command line, the
 * tests and embedding hosts. Schema comes only from checked-in migrations.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      // A request must not hang on a dead database: fail fast, answer 503.
      connectionTimeoutMillis: 3000,
      query_timeout: 10000,
      application_name: 'integration-hub',
    },
  });
}

/** Applies pending migrations and returns their names. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
