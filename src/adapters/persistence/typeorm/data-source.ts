import { Client, ClientConfig, Pool } from 'pg';
import { AbstractLogger, DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { CallbackFormClient } from './callback-form-client';
import { pgPool } from './pool-query';

export interface DataSourceOptions {
  readonly url: string;
  /** Pool size; the service keeps it small, PostgreSQL prefers few busy connections. */
  readonly poolSize?: number;
  /**
   * Longest wait for a pool connection, and longest run of one statement
   * (DB_TIMEOUT_MS); past either the caller gets an error that answers 503.
   * Default 5000.
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
      // The statement bound is PostgreSQL's own (it cancels the statement, SQLSTATE 57014, and
      // the connection stays usable), not node-postgres' query_timeout: that option sets a new
      // callback on every query after creating it, and that made V8 promote each PUT's objects
      // (its pg result, headers, body) to the old generation: 10.6 KB a request against 0.14 KB
      // without it (docs/performance.md, "A callback that aged every request").
      // A database that does not answer at all is the request deadline's job (DatabaseDeadline), and
      // TCP keepalive finds a peer that vanished, so its connections do not stay taken for good.
      statement_timeout: options.timeoutMs ?? 5000,
      // TypeORM and graphile-worker call pg's promise form; this client runs it as the callback form (same reason).
      Client: CallbackFormClient,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
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

/**
 * The session-level advisory lock every process takes around its migration
 * run (any fixed 64-bit number; advisory locks are per database). Instances
 * started together on an empty database apply each migration once: the
 * first runs them, the others wait for the lock, then find nothing pending.
 */
export const MIGRATION_LOCK_KEY = '7308840112435300118';

/** Work done under the migration lock around our own migrations. */
export interface MigrationHooks {
  /**
   * Before our migrations, on the DataSource's pool: schemas they rely on
   * at run time (graphile-worker's, whose add_job the outbox trigger calls).
   */
  readonly before?: (pool: Pool) => Promise<void>;
  /**
   * After them: what must follow every run (the runtime role's grants:
   * concurrent GRANTs on one table can fail with "tuple concurrently
   * updated"; the audit retention the owner sets).
   */
  readonly after?: (dataSource: DataSource) => Promise<void>;
}

/**
 * Applies pending migrations and returns their names, holding
 * MIGRATION_LOCK_KEY, with `hooks` run under the same lock. The lock is held
 * by a connection of its own, opened with the pool's settings but outside
 * it, so a pool of one still has its connection for the migrations, and
 * ending that session releases the lock whatever happened (also if this
 * process dies mid-run). A failed migration is named (MigrationFailedError).
 * The service's own callers go through bootstrap's runMigrations, which
 * adds graphile-worker's schema, grants and retention as hooks.
 */
export async function runLockedMigrations(dataSource: DataSource, hooks: MigrationHooks = {}): Promise<string[]> {
  const lock = new Client(pgPool(dataSource).options as ClientConfig);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await hooks.before?.(pgPool(dataSource));
    let applied: string[];
    try {
      applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } catch (error) {
      throw new MigrationFailedError(await firstPendingMigration(dataSource), error instanceof Error ? error.message : String(error));
    }
    await hooks.after?.(dataSource);
    return applied;
  } finally {
    await lock.end();
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
