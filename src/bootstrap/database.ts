import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource } from '../adapters/persistence/typeorm/data-source';
import { AppConfig } from './config';

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
    ? await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'integration_hub', log })
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
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  return (await readFile(file, 'utf8')).trim();
}
