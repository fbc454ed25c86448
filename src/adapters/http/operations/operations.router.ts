import { createHash, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Registry } from 'prom-client';
import { HttpInputError } from '../shared/http-input-error';

/** True when the database answers and every migration is applied. */
export type Readiness = () => Promise<boolean>;

/** Readiness probes wait a few seconds at most; a database that has not answered by then is not ready. */
export const READINESS_TIMEOUT_MS = 1_500;

/** False when the check fails or has not answered within `timeoutMs` (a hung database, a saturated pool). */
export async function readyWithin(readiness: Readiness, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), timeoutMs);
  });
  try {
    return await Promise.race([readiness().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a /readyz or /metrics answer is reused: a flood of either costs one computation a second. */
export const OPERATIONS_CACHE_MS = 1_000;

/**
 * `compute`, shared: callers while it runs get the same promise, and callers
 * within `ttlMs` after it settled get its value. A rejection is not kept.
 * Hand-made (a dozen lines) because the memoising packages cache by
 * arguments and forever, or bring an LRU this does not need.
 */
export function sharedFor<T>(ttlMs: number, compute: () => Promise<T>, now: () => number = () => performance.now()): () => Promise<T> {
  let running: Promise<T> | undefined;
  let last: { value: T; at: number } | undefined;
  return () => {
    if (running !== undefined) return running;
    if (last !== undefined && now() - last.at < ttlMs) return Promise.resolve(last.value);
    running = compute().then(
      (value) => {
        last = { value, at: now() };
        running = undefined;
        return value;
      },
      (error: unknown) => {
        running = undefined;
        throw error;
      },
    );
    return running;
  };
}

export interface OperationsOptions {
  readonly readinessTimeoutMs?: number;
  /** Reuse of /readyz and /metrics answers; 0 = compute each time. Default OPERATIONS_CACHE_MS. */
  readonly cacheMs?: number;
  /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. */
  readonly metricsToken?: string;
  /**
   * The job queue's state, shown by /readyz as `jobs` when given. It does
   * not decide readiness: the HTTP API works while the queue restarts.
   */
  readonly jobQueueState?: () => JobQueueState;
  /** Why the queue is `failing` or `stopped` for good, in fixed words (never a database's message: /readyz is open); shown as `jobsProblem` when set. */
  readonly jobQueueProblem?: () => string | undefined;
}

/** What the server's job queue runner is doing (its own state, read from bootstrap). */
export type JobQueueState = 'running' | 'failing' | 'restarting' | 'stopped';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Endpoints for orchestrators and monitoring, unauthenticated but for
 * /metrics when a token is configured. /readyz and /metrics reuse their
 * answer for `cacheMs` (one database round trip, one registry render a
 * second however many ask), so /readyz may report a change up to that late.
 */
export function operationsRouter(readiness: Readiness, metrics?: Registry, options: OperationsOptions = {}): Router {
  const router = new Router();
  const cacheMs = options.cacheMs ?? OPERATIONS_CACHE_MS;
  const ready = sharedFor(cacheMs, () => readyWithin(readiness, options.readinessTimeoutMs ?? READINESS_TIMEOUT_MS));
  const rendered = metrics ? sharedFor(cacheMs, () => metrics.metrics()) : undefined;
  const expected = options.metricsToken ? digest(`Bearer ${options.metricsToken}`) : undefined;
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const isReady = await ready();
    ctx.status = isReady ? 200 : 503;
    const jobs = options.jobQueueState?.();
    const jobsProblem = jobs === undefined ? undefined : options.jobQueueProblem?.();
    ctx.body = { status: isReady ? 'ready' : 'unavailable', ...(jobs === undefined ? {} : { jobs }), ...(jobsProblem === undefined ? {} : { jobsProblem }) };
  });
  router.get('/metrics', async (ctx) => {
    if (!metrics || !rendered) return;
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (expected !== undefined && !timingSafeEqual(digest(ctx.get('Authorization')), expected)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new HttpInputError('Unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    ctx.type = metrics.contentType;
    ctx.body = await rendered();
  });
  return router;
}
