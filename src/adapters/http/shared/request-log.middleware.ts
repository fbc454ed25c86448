import type { Middleware } from 'koa';
import { HttpLogger } from './infrastructure-errors';
import { routeTemplateOf } from './router-helpers';

/**
 * One line per request. Only the route template is logged, never the raw
 * URL's query or any header or body, so nothing secret can slip in.
 * Below LOG_LEVEL=info (the level is fixed at start) the middleware is not
 * installed at all: its clock reads, fields object and await were a few µs
 * of every request for a line pino then dropped (docs/performance.md).
 */
export function requestLog(logger: HttpLogger): Middleware | undefined {
  if (logger.isLevelEnabled?.('info') === false) return undefined;
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          method: ctx.method,
          route: routeTemplateOf(ctx),
          status: ctx.status,
          durationMs: Math.round(durationMs * 100) / 100,
          correlationId: ctx.state.correlationId,
        },
        'request',
      );
    }
  };
}
