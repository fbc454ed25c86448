import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EMBEDDED_RUNTIME_ROLE, startEmbeddedPostgres } from '../adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource, runMigrations } from '../adapters/persistence/typeorm/data-source';
import { connectsAsSuperuser, grantRuntimeRole } from '../adapters/persistence/typeorm/runtime-role';
import { AppConfig } from './config';

/** Migrations may build indexes on large tables: they get far longer than a request's DB_TIMEOUT_MS. */
const MIGRATION_TIMEOUT_MS = 15 * 60_000;

export interface Database {
  /** What the service connects with (with the embedded database: its runtime role). */
  readonly url: string;
  readonly dataSource: DataSource;
  readonly embedded: boolean;
  /** The service's login is a superuser: worth a warning at start-up (only possible with DATABASE_URL). */
  readonly superuser: boolean;
  /**
   * Applies pending migrations as the schema's owner and answers their
   * names: with the embedded database the cluster's superuser (then the
   * runtime role's grants are renewed), with DATABASE_URL that URL's role.
   */
  migrate(): Promise<string[]>;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({ url, poolSize: 1, timeoutMs: MIGRATION_TIMEOUT_MS });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * DATABASE_URL if given, else the embedded PostgreSQL in DATA_DIR, which
 * the service uses as a role that is not a superuser (docs/database-role.md).
 */
export async function openDatabase(config: AppConfig, log?: (line: string) => void): Promise<Database> {
  const embedded = config.databaseUrl === undefined
    ? await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'integration_hub', log })
    : undefined;
  const url = config.databaseUrl ?? embedded!.runtimeUrl;
  const ownerUrl = config.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({ url, timeoutMs: config.dbTimeoutMs });
  let superuser: boolean;
  try {
    await dataSource.initialize();
    superuser = await connectsAsSuperuser(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    dataSource,
    embedded: embedded !== undefined,
    superuser,
    migrate: () =>
      withDataSource(ownerUrl, async (owner) => {
        const applied = await runMigrations(owner);
        if (embedded !== undefined) await grantRuntimeRole(owner, EMBEDDED_RUNTIME_ROLE);
        return applied;
      }),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** SECRET_KEY, or the key generated once into the embedded data directory. */
export async function resolveSecretKey(config: AppConfig): Promise<string> {
  if (config.secretKey !== undefined) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  return (await readFile(file, 'utf8')).trim();
}
