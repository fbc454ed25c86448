import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';

export interface BenchDatabase {
  readonly url: string;
  readonly embedded: boolean;
  /** pg_stat_statements is loaded and created in the database. */
  readonly statements: boolean;
  stop(): Promise<void>;
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'bench-runner' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function preloaded(url: string): Promise<boolean> {
  return withClient(url, async (c) => (await c.query('SHOW shared_preload_libraries')).rows[0].shared_preload_libraries.includes('pg_stat_statements'));
}

async function createStatementsExtension(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    try {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await c.query('SELECT pg_stat_statements_reset()');
      return true;
    } catch {
      return false; // not preloaded or not allowed: statement counts fall back to pg_stat_database
    }
  });
}

/**
 * DATABASE_URL as given, or a fresh `integration_hub_bench` database on an
 * embedded PostgreSQL in `dataDir`. pg_stat_statements must be preloaded:
 * the embedded wrapper takes no extra flags, so the first run sets it with
 * ALTER SYSTEM (kept in the bench cluster's postgresql.auto.conf) and restarts.
 */
export async function startBenchDatabase(dataDir: string, log: (line: string) => void): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL?.trim() || undefined;
  if (external !== undefined) {
    const statements = (await preloaded(external)) && (await createStatementsExtension(external));
    return { url: external, embedded: false, statements, stop: async () => undefined };
  }
  const options = { dataDir, database: 'integration_hub_bench', fresh: true };
  let db = await startEmbeddedPostgres(options);
  if (!(await preloaded(db.url))) {
    log('enabling pg_stat_statements in the bench cluster (ALTER SYSTEM + restart)');
    await withClient(db.url, (c) => c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`));
    await db.stop();
    db = await startEmbeddedPostgres(options);
  }
  const statements = (await preloaded(db.url)) && (await createStatementsExtension(db.url));
  return { url: db.url, embedded: true, statements, stop: () => db.stop() };
}
