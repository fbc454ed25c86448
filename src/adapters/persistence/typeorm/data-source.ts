import { AbstractLogger, DataSource } from 'typeorm';
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
 * TypeORM writes some lines whatever `logging` says (a failed migration is
 * one), in plain text on stdout, where the service's log is JSON: the
 * failure then showed twice, once there and once as the error the caller
 * reports. Every failure reaches the caller as an error; nothing is written.
 */
class SilentLogger extends AbstractLogger {
  protected writeLog(): void {}
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
    logger: new SilentLogger(),
    extra: {
      max: options.poolSize ?? 10,
      // A request must not hang on a dead or stopped database: fail within the bound, answer 503.
      connectionTimeoutMillis: options.timeoutMs ?? 5000,
      query_timeout: options.timeoutMs ?? 5000,
      application_name: 'integration-hub',
    },
  });
}

/** A migration that failed, named, with the database's reason. */
export class MigrationFailedError extends Error {
  constructor(readonly migration: string | undefined, readonly reason: string) {
    super(migration === undefined ? `migrations failed: ${reason}` : `migration ${migration} failed: ${reason}`);
  }
}

/** Applies pending migrations and returns their names; a failure names the migration. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } catch (error) {
    throw new MigrationFailedError(await firstPendingMigration(dataSource), error instanceof Error ? error.message : String(error));
  }
}

/** Each migration commits on its own, so the one that failed is the first not recorded as applied. */
async function firstPendingMigration(dataSource: DataSource): Promise<string | undefined> {
  try {
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
    const applied = new Set(rows.map((r) => r.name));
    return dataSource.migrations.map((m) => m.name ?? m.constructor.name).find((name) => !applied.has(name));
  } catch {
    return undefined; // no migrations table, or the database is gone: the reason alone says it
  }
}
