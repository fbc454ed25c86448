import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/** Echoes a sane X-Correlation-ID or makes one; it appears in the header, answers and logs. */
export function correlationId(): Middleware {
  return (ctx, next) => {
    const given = ctx.get('X-Correlation-ID');
    ctx.state.correlationId = ACCEPTABLE.test(given) ? given : randomUUID();
    ctx.set('X-Correlation-ID', ctx.state.correlationId);
    return next();
  };
}
