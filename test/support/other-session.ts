import { Client } from 'pg';
import { testDatabase } from './test-database';

/**
 * A second session on the test database, opened before each test and
 * rolled back and closed after it: the concurrent writer of a test, holding
 * real locks. Call inside a `describe`; the accessor answers the session of
 * the running test.
 */
export function anotherSession(): () => Client {
  let other: Client;
  beforeEach(async () => {
    other = new Client({ connectionString: testDatabase().url });
    await other.connect();
  });
  afterEach(async () => {
    await other.query('ROLLBACK').catch(() => undefined);
    await other.end();
  });
  return () => other;
}

/** Resolves once at least `sessions` sessions wait for a lock (the writers under test are blocked); fails after 5 s. */
export async function sessionsWaiting(sessions = 1): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const [{ n }] = (await testDatabase().dataSource.query(
      `SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted`,
    )) as { n: number }[];
    if (n >= sessions) return;
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`fewer than ${sessions} sessions waited for a lock`);
}
