import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';
import { Answer, ChildServer, freePort, send, startChildServer } from '../support/child-server';
import { CLI } from '../support/server-process';
import { rememberSecret } from '../support/suite-secrets';

/**
 * One PostgreSQL for the instances of test:cluster: TEST_DATABASE_URL (its
 * `public` schema emptied first), else an embedded cluster of the suite's
 * own in a temporary directory on a fixed port, so a restart keeps the URL
 * and no other suite's database is touched.
 */
export interface ClusterDatabase {
  readonly url: string;
  readonly embedded: boolean;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Embedded: stops PostgreSQL and starts it again on the same port.
   * TEST_DATABASE_URL (a server other jobs share): every connection to the
   * database is terminated instead, which is what the instances see of a restart.
   */
  restart(downMs: number): Promise<{ kind: string; downAt: number; upAt: number }>;
  close(): Promise<void>;
}

export async function clusterDatabase(): Promise<ClusterDatabase> {
  const external = process.env.TEST_DATABASE_URL?.trim() || undefined;
  const query = async <Row>(url: string, sql: string, params?: unknown[]): Promise<Row[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };
  if (external !== undefined) {
    await query(external, 'DROP SCHEMA IF EXISTS public CASCADE');
    await query(external, 'CREATE SCHEMA public');
    return {
      url: external,
      embedded: false,
      query: (sql, params) => query(external, sql, params),
      async restart(downMs) {
        const downAt = Date.now();
        const end = downAt + downMs;
        // Connections come back at once; keep cutting them for the outage's length.
        while (Date.now() < end) {
          await query(external, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
          await new Promise((r) => setTimeout(r, 100));
        }
        return { kind: 'every connection terminated (shared server)', downAt, upAt: Date.now() };
      },
      close: async () => undefined,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ih-cluster-'));
  const port = await freePort();
  let db: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, database: 'cluster', port });
  rememberSecret(decodeURIComponent(new URL(db.url).password));
  return {
    url: db.url,
    embedded: true,
    query: (sql, params) => query(db.url, sql, params),
    async restart(downMs) {
      await db.stop();
      const downAt = Date.now();
      await new Promise((r) => setTimeout(r, downMs));
      db = await startEmbeddedPostgres({ dataDir, database: 'cluster', port });
      return { kind: 'embedded PostgreSQL stopped and started', downAt, upAt: Date.now() };
    },
    async close() {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An instance of the real server on the cluster's database. DB_TIMEOUT_MS is
 * raised: 200 writes at once on two instances of a 2-core machine wait
 * longer than 5 s for a pool connection (503 is then correct, but these
 * tests are about which writes win, not about the bound).
 * MAX_CONNECTIONS_PER_ADDRESS is off, as in docker-compose.cluster.yml:
 * every socket comes from one address here, as from a balancer, and the
 * test's pool of 64 sockets per instance sat exactly at the default cap, so
 * one socket replaced mid-burst (the old one's close not yet seen by the
 * server) was refused, and each refusal's replacement too: 16–25 requests
 * answered ECONNRESET in about one run of six. The cap has its own tests
 * (the reliability suite).
 */
export function startInstance(name: string, url: string, secretKey: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return startChildServer(name, { DATABASE_URL: url, SECRET_KEY: secretKey, DB_TIMEOUT_MS: '30000', MAX_CONNECTIONS_PER_ADDRESS: '0', ...env });
}

export async function stopInstance(instance: ChildServer): Promise<number | null> {
  if (instance.process.exitCode !== null || instance.process.signalCode !== null) return instance.process.exitCode;
  instance.process.kill('SIGTERM');
  return instance.exited;
}

/** The command line as an operator runs it; `printedAt` is when its answer arrived (the change committed before it). */
export async function cli(url: string, secretKey: string, args: string[]): Promise<{ json: any; printedAt: number }> {
  const child = spawn(process.execPath, [CLI, ...args, '--json'], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, SECRET_KEY: secretKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let printedAt = 0;
  child.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), (printedAt ||= Date.now())));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`cli ${args[0]} exited ${code}: ${err}`);
  return { json: JSON.parse(out), printedAt };
}

/**
 * Polls each instance with `request` until it answers `status`, for at most
 * `limitMs` from `since`; answers how long each took, or null if it never did.
 */
export async function untilEvery(
  instances: readonly ChildServer[],
  since: number,
  limitMs: number,
  request: (instance: ChildServer) => Promise<Answer>,
  status: number,
): Promise<(number | null)[]> {
  return Promise.all(
    instances.map(async (instance) => {
      for (;;) {
        const answer = await request(instance);
        const at = answer.startedAt - since;
        if (answer.status === status) return Math.max(0, at);
        if (Date.now() - since > limitMs) return null;
        await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
}

export function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.status ?? a.error!] = (counts[a.status ?? a.error!] ?? 0) + 1;
  return counts;
}

export { Agent, send };
export type { Answer, ChildServer };
