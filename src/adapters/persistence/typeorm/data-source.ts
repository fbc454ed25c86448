import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  readonly url: string;
  /** Pool size; the service keeps it small, PostgreSQL prefers few busy connections. */
  readonly poolSize?: number;
  /**
   * Longest wait for a pool connection and for one statement's answer
   * (DB_TIMEOUT_MS); past it the caller gets an error that answers 503, and
   * a connection whose statement timed out is dropped. Default 5000.
   */
  readonly timeoutMs?: number;
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
      // A request must not hang on a dead or stopped database: fail within the bound, answer 503.
      connectionTimeoutMillis: options.timeoutMs ?? 5000,
      query_timeout: options.timeoutMs ?? 5000,
      application_name: 'integration-hub',
    },
  });
}

/** Applies pending migrations and returns their names. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
