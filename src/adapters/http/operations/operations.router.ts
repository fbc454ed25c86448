import Router from '@koa/router';
import type { Registry } from 'prom-client';

/** True when the database answers and every migration is applied. */
export type Readiness = () => Promise<boolean>;

/** Unauthenticated endpoints for orchestrators and monitoring. */
export function operationsRouter(readiness: Readiness, metrics?: Registry): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await readiness().catch(() => false);
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
