import { DEADLOCK_DETECTED, pgError } from './pg-errors';
import type { PoolQuery } from './pool-query';

/** Runs of a write that PostgreSQL may abort as a deadlock before the error is the caller's. */
export const DEADLOCK_ATTEMPTS = 3;

/**
 * Runs `write` again when PostgreSQL aborted it to break a deadlock (40P01).
 * The aborted transaction left nothing behind, so running it again is the
 * same request, and the caller gets its answer rather than a 500. The
 * writers of a portal app and its access requests take the app's lock
 * first (docs/portal-surface.md, "Concurrent writers"), so a deadlock among
 * them is not expected; this is the net for an order not yet seen, not the
 * rule. `write` must be a whole transaction or a single statement, and
 * pure apart from the database (it may run up to DEADLOCK_ATTEMPTS times).
 */
export async function retryingDeadlocks<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= DEADLOCK_ATTEMPTS || pgError(error).code !== DEADLOCK_DETECTED) throw error;
    }
  }
}

/** `run`, each of its statements run again when aborted as a deadlock: for statements outside a transaction. */
export function withDeadlockRetry(run: PoolQuery): PoolQuery {
  return (sql, params) => retryingDeadlocks(() => run(sql, params));
}
