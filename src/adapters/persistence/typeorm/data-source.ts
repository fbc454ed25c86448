import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { pgPool } from './pool-query';

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

/**
 * The session-level advisory lock every process takes around its migration
 * run (any fixed 64-bit number; advisory locks are per database). Instances
 * started together on an empty database apply each migration once: the
 * first runs them, the others wait for the lock, then find nothing pending.
 */
export const MIGRATION_LOCK_KEY = '7308840112435300118';

/**
 * Applies pending migrations and returns their names, holding
 * MIGRATION_LOCK_KEY; `underLock` runs after them, still under the lock
 * (the runtime role's grants: concurrent GRANTs on one table can fail with
 * "tuple concurrently updated"). The lock is held by a connection of its own,
 * opened with the pool's settings but outside it, so a pool of one still has
 * its connection for the migrations, and ending that session releases the
 * lock whatever happened (also if this process dies mid-run).
 */
export async function runMigrations(dataSource: DataSource, underLock?: (dataSource: DataSource) => Promise<void>): Promise<string[]> {
  const lock = new Client(pgPool(dataSource).options as ClientConfig);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await underLock?.(dataSource);
    return applied.map((m) => m.name);
  } finally {
    await lock.end();
  }
}
