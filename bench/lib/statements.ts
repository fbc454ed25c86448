import { withClient } from './postgres';
import { Workload } from './workload';

export interface StatementCount {
  requests: number;
  /** pg_stat_statements calls per request (top-level statements, BEGIN/COMMIT included), or null when unavailable. */
  statementsPerRequest: number | null;
  /** Committed + rolled back transactions per request (pg_stat_database): the fallback without pg_stat_statements. */
  transactionsPerRequest: number | null;
  statements: { calls: number; perRequest: number; query: string }[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function transactions(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].n);
  });
}

/**
 * Sends `requests` PUTs one after another and counts what reached PostgreSQL.
 */
export async function countStatements(url: string, usePgStatStatements: boolean, baseUrl: string, workload: Workload, requests: number): Promise<StatementCount> {
  // Idle backends flush pg_stat_database counters only after up to 10 s (PGSTAT_IDLE_INTERVAL).
  const settle = () => sleep(11_000);
  if (usePgStatStatements) await withClient(url, (c) => c.query('SELECT pg_stat_statements_reset()'));
  else await settle();
  const before = usePgStatStatements ? 0 : await transactions(url);
  const prepared = workload.requests(false);
  for (let n = 0; n < requests; n++) {
    const { path, body } = prepared[n % prepared.length];
    const res = await fetch(`${baseUrl}${path}`, { method: 'PUT', headers: workload.headers, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`statement count: PUT answered ${res.status}`);
  }
  if (!usePgStatStatements) await settle();
  const after = usePgStatStatements ? 0 : await transactions(url);
  // The `before` sample's own transaction is flushed in between; the `after` one's is not yet.
  const runnerTransactions = 1;
  let statements: StatementCount['statements'] = [];
  if (usePgStatStatements) {
    statements = await withClient(url, async (c) => {
      const { rows } = await c.query(`SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat%' ORDER BY s.calls DESC`);
      return rows.map((r: { calls: string; query: string }) => ({ calls: Number(r.calls), perRequest: Number(r.calls) / requests, query: r.query.replace(/\s+/g, ' ').slice(0, 160) }));
    });
  }
  return {
    requests,
    statementsPerRequest: usePgStatStatements ? statements.reduce((sum, s) => sum + s.calls, 0) / requests : null,
    transactionsPerRequest: usePgStatStatements ? null : (after - before - runnerTransactions) / requests,
    statements,
  };
}
