import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { pgPool } from '../../src/adapters/persistence/typeorm/pool-query';
import { testDatabase } from './test-database';

export interface ScratchDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  /** The node-postgres pool the DataSource owns. */
  readonly pool: Pool;
  drop(): Promise<void>;
}

/**
 * A database of its own on the test run's PostgreSQL server, for suites that
 * install things the shared one must not see (a queue runner, migrations not
 * yet registered). `prepare` runs on the pool before the migrations.
 */
export async function createScratchDatabase(
  migrations: (new () => MigrationInterface)[],
  prepare: (pool: Pool) => Promise<void> = async () => undefined,
): Promise<ScratchDatabase> {
  const serverUrl = new URL(testDatabase().url);
  const name = `${serverUrl.pathname.slice(1)}_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl.toString());
  url.pathname = `/${name}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 12, application_name: 'integration-hub-scratch' },
  });
  await dataSource.initialize();
  const pool = pgPool(dataSource);
  await prepare(pool);
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    dataSource,
    pool,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const again = new Client({ connectionString: serverUrl.toString() });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
