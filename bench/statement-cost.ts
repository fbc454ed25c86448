import { resolve } from 'node:path';
import { Pool, QueryResult } from 'pg';
import { queryKeepingConnection } from '../src/adapters/persistence/typeorm/pool-query';
import { startBenchDatabase } from './lib/postgres';

/*
 * The client-side CPU of one execution of a hot named statement as wide as
 * seed 000's answer (27 columns and a count), two ways in the same run
 * (docs/performance.md, "Seed 003 in one statement, Describe once"):
 *
 * - pg: node-postgres' own named query (`client.query({ name, text, values }, callback)`),
 *   which describes the portal and rebuilds the row template at every execution;
 * - service: the service's path (pool-query.ts → lean-query.ts): the row
 *   shape built once per statement and the statement described once per connection.
 *
 * Each way runs STATEMENT_QUERIES executions over STATEMENT_CONNECTIONS
 * pooled connections, after a warm-up of a fifth of that, in STATEMENT_ROUNDS
 * interleaved rounds; CPU is this process's (process.cpuUsage, user +
 * system), so the database's own work is left out. The database:
 * DATABASE_URL, or a fresh embedded PostgreSQL in .data/statement-cost.
 * `npm run bench:statement`.
 */

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const QUERIES = int('STATEMENT_QUERIES', 40_000);
const CONNECTIONS = int('STATEMENT_CONNECTIONS', 4);
const ROUNDS = int('STATEMENT_ROUNDS', 3);

const COLUMNS = Array.from({ length: 27 }, (_, i) => `'value of column ${i}'::text AS column_${i}`).join(', ');
const TEXT = `SELECT $1::int AS n, ${COLUMNS}`;
const NAME = 'ih_bench_statement_cost';

type Way = (pool: Pool, n: number) => Promise<QueryResult>;

const WAYS: Record<string, Way> = {
  pg: async (pool, n) => {
    const client = await pool.connect();
    try {
      return await new Promise<QueryResult>((done, fail) =>
        client.query({ name: NAME, text: TEXT, values: [n] }, (error: Error | null, result: QueryResult) => (error ? fail(error) : done(result))),
      );
    } finally {
      client.release();
    }
  },
  service: (pool, n) => queryKeepingConnection(pool, { name: NAME, text: TEXT, values: [n] }),
};

async function drive(way: Way, pool: Pool, queries: number): Promise<void> {
  const each = Math.ceil(queries / CONNECTIONS);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = 0; i < each; i++) {
        const { rows } = await way(pool, i);
        if (rows[0].n !== i || rows[0].column_26 !== 'value of column 26') throw new Error('a row came back wrong');
      }
    }),
  );
}

/** µs of this process's CPU per execution, on a fresh pool (so the first execution on each connection describes). */
async function measure(url: string, way: Way): Promise<number> {
  const pool = new Pool({ connectionString: url, max: CONNECTIONS });
  // pool.end() resolves before its clients' sockets close; the server stopping right after must not crash the run.
  pool.on('error', () => undefined);
  try {
    await drive(way, pool, Math.ceil(QUERIES / 5));
    const before = process.cpuUsage();
    await drive(way, pool, QUERIES);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / QUERIES;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const db = await startBenchDatabase(resolve(__dirname, '../../.data/statement-cost'), (line) => console.log(line));
  try {
    const results: Record<string, number[]> = { pg: [], service: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order, so neither way always runs on the warmer process.
      const order = round % 2 === 0 ? ['pg', 'service'] : ['service', 'pg'];
      for (const way of order) results[way]!.push(await measure(db.url, WAYS[way]!));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`${QUERIES} executions of a 28-column named statement over ${CONNECTIONS} connections, ${ROUNDS} rounds; client CPU µs per execution:`);
    for (const [way, values] of Object.entries(results)) console.log(`  ${way.padEnd(8)} ${values.map((v) => v.toFixed(1)).join(', ')} (median ${median(values).toFixed(1)})`);
    console.log(`  service / pg: ${(median(results.service!) / median(results.pg!)).toFixed(2)}×`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
