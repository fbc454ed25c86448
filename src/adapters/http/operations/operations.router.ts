import Router from '@koa/router';
import type { Registry } from 'prom-client';

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

/** Unauthenticated endpoints for orchestrators and monitoring. */
export function operationsRouter(readiness: Readiness, metrics?: Registry, readinessTimeoutMs = READINESS_TIMEOUT_MS): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await readyWithin(readiness, readinessTimeoutMs);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'unavailable' };
  });
  router.get('/metrics', async (ctx) => {
    if (!metrics) return;
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });
  return router;
}
