import type { Context } from 'koa';
import { DeadlineExceededError } from './database-deadline';
import { describe } from './describe-error';

/** Told by the composition root how to recognise "the database is down". */
export type UnavailabilityCheck = (error: unknown) => boolean;

/** The only logging the HTTP layer needs; bootstrap plugs in pino. */
export interface HttpLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** pino's: lets a per-request line skip building its fields when the level is off. Absent → assumed on. */
  isLevelEnabled?(level: 'info'): boolean;
}

/**
 * An error no surface knows, logged (name and stack only, never a message
 * that could hold SQL or a secret): 503 when the database is unreachable or
 * past the request's deadline, else 500. Each surface renders the status in
 * its own shape.
 */
export function unexpectedFailure(error: unknown, ctx: Context, logger: HttpLogger, isUnavailable: UnavailabilityCheck): 503 | 500 {
  if (isUnavailable(error) || error instanceof DeadlineExceededError) {
    logger.warn({ err: describe(error), correlationId: ctx.state.correlationId }, 'database unavailable');
    return 503;
  }
  logger.error({ err: describe(error), correlationId: ctx.state.correlationId }, 'unhandled error');
  return 500;
}

/**
 * A known error that a surface answers 5xx (the job queue refused a write):
 * the client gets its fixed message, the operator a warning line (name, code
 * and stack), as for a database that is down.
 */
export function warnServerSide(error: Error, ctx: Context, logger: HttpLogger): void {
  logger.warn({ err: describe(error), correlationId: ctx.state.correlationId }, error.message);
}
