import { Agent } from 'node:http';
import { Answer, put, shapeOf } from './http';
import { withClient } from './postgres';
import { Workload } from './workload';

export interface StatementCount {
  requests: number;
  /** pg_stat_statements calls per request (top-level statements, BEGIN/COMMIT included), or null when unavailable. */
  statementsPerRequest: number | null;
  /** Committed + rolled back transactions per request (pg_stat_database): the fallback without pg_stat_statements. */
  transactionsPerRequest: number | null;
  /** Each statement seen, busiest first; meanExecMs is PostgreSQL's own execution time (nested SQL of a function included). */
  statements: { calls: number; perRequest: number; meanExecMs: number; query: string }[];
  /** What the first (uncounted) PUT answered: the body's shape and the headers the contract asks for. */
  answer: { shape: string; etag: boolean; correlationIdHeader: boolean };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function transactions(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].n);
  });
}

async function ok(agent: Agent, baseUrl: string, workload: Workload, request: { path: string; body: string }): Promise<Answer> {
  const answer = await put(agent, baseUrl, workload.headers, request);
  if (answer.status !== 200) throw new Error(`statement count: PUT ${request.path} answered ${answer.status} ${answer.text.slice(0, 500)}`);
  return answer;
}

/**
 * Sends `requests` PUTs one after another and counts what reached PostgreSQL.
 * A few PUTs go first, uncounted, so a target's auth cache is filled as it is
 * under load (one lookup per brand or token per TTL).
 */
export async function countStatements(url: string, usePgStatStatements: boolean, baseUrl: string, workload: Workload, requests: number, isDefault = false): Promise<StatementCount> {
  const prepared = workload.requests(isDefault);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    return await count(agent, url, usePgStatStatements, baseUrl, workload, prepared, requests);
  } finally {
    agent.destroy();
  }
}

async function count(agent: Agent, url: string, usePgStatStatements: boolean, baseUrl: string, workload: Workload, prepared: { path: string; body: string }[], requests: number): Promise<StatementCount> {
  const first = await ok(agent, baseUrl, workload, prepared[0]);
  const answer = { shape: shapeOf(JSON.parse(first.text)), etag: first.headers.etag !== undefined, correlationIdHeader: first.headers['x-correlation-id'] !== undefined };
  for (let n = 1; n < 3; n++) await ok(agent, baseUrl, workload, prepared[n % prepared.length]);
  // Idle backends flush pg_stat_database counters only after up to 10 s (PGSTAT_IDLE_INTERVAL).
  const settle = () => sleep(11_000);
  if (usePgStatStatements) await withClient(url, (c) => c.query('SELECT pg_stat_statements_reset()'));
  else await settle();
  const before = usePgStatStatements ? 0 : await transactions(url);
  for (let n = 0; n < requests; n++) await ok(agent, baseUrl, workload, prepared[n % prepared.length]);
  if (!usePgStatStatements) await settle();
  const after = usePgStatStatements ? 0 : await transactions(url);
  // The `before` sample's own transaction is flushed in between; the `after` one's is not yet.
  const runnerTransactions = 1;
  let statements: StatementCount['statements'] = [];
  if (usePgStatStatements) {
    statements = await withClient(url, async (c) => {
      const { rows } = await c.query(`SELECT s.calls, s.mean_exec_time, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat%' ORDER BY s.calls DESC, s.query`);
      return rows.map((r: { calls: string; mean_exec_time: number; query: string }) => ({
        calls: Number(r.calls), perRequest: Number(r.calls) / requests, meanExecMs: Number(r.mean_exec_time), query: r.query.replace(/\s+/g, ' ').slice(0, 160),
      }));
    });
  }
  return {
    requests,
    statementsPerRequest: usePgStatStatements ? statements.reduce((sum, s) => sum + s.calls, 0) / requests : null,
    transactionsPerRequest: usePgStatStatements ? null : (after - before - runnerTransactions) / requests,
    statements,
    answer,
  };
}
