import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource } from '../../src/adapters/persistence/typeorm/data-source';
import { runMigrations } from '../../src/bootstrap/migrations';

export interface TestDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
}

let current: { db: TestDatabase; embedded?: EmbeddedDatabase } | undefined;

/** Empties an external database: tests always start from a clean schema. */
async function resetSchema(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

/**
 * TEST_DATABASE_URL when set (its schema is wiped), else a fresh database on
 * the embedded PostgreSQL of TEST_DATA_DIR (default ./.data). Migrated once
 * per run and shared by every suite; tests isolate by making their own brands.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  if (current) return current.db;
  const external = process.env.TEST_DATABASE_URL?.trim() || undefined;
  let embedded: EmbeddedDatabase | undefined;
  let url: string;
  if (external) {
    await resetSchema(external);
    url = external;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: process.env.TEST_DATA_DIR ?? './.data', database: 'integration_hub_test', fresh: true });
    url = embedded.url;
  }
  const dataSource = createDataSource({ url, poolSize: 20 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  current = { db: { url, dataSource }, embedded };
  return current.db;
}

export function testDatabase(): TestDatabase {
  if (!current) throw new Error('test database not started: is test/support/global-setup required?');
  return current.db;
}

export async function stopTestDatabase(): Promise<void> {
  if (!current) return;
  const { db, embedded } = current;
  current = undefined;
  if (db.dataSource.isInitialized) await db.dataSource.destroy();
  await embedded?.stop();
}

/** The raw stored row of a configuration, for "nothing changed" checks after failed writes. */
export async function storedConfigurationRow(id: string): Promise<Record<string, unknown> | undefined> {
  const rows = await testDatabase().dataSource.query('SELECT * FROM integration_authentications WHERE id = $1', [id]);
  return rows[0];
}
