/** The parts of a node-postgres error the repositories branch on. */
export interface PgErrorInfo {
  readonly code?: string;
  readonly constraint?: string;
  /** PostgreSQL's message, and the call stack of PL/pgSQL functions (and the statements) it was raised in. */
  readonly message?: string;
  readonly where?: string;
}

/** TypeORM wraps driver errors in QueryFailedError; the pg fields sit on it or on `driverError`. */
export function pgError(error: unknown): PgErrorInfo {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown; where?: unknown; driverError?: unknown };
  const source = (typeof e.code === 'string' ? e : (e.driverError as typeof e | undefined)) ?? {};
  return {
    code: typeof source.code === 'string' ? source.code : undefined,
    constraint: typeof source.constraint === 'string' ? source.constraint : undefined,
    message: typeof source.message === 'string' ? source.message : undefined,
    where: typeof source.where === 'string' ? source.where : undefined,
  };
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const INSUFFICIENT_PRIVILEGE = '42501';
/** PostgreSQL broke a lock cycle by aborting this transaction; nothing of it stayed. */
export const DEADLOCK_DETECTED = '40P01';
/** Raised by our SQL functions. */
export const ROW_NOT_FOUND = 'IH404';
export const VERSION_MISMATCH = 'IH412';

/** Escapes LIKE wildcards so user keywords match literally. */
export function likePattern(keywords: string): string {
  return `%${keywords.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** SQLSTATE class 08 (connection exception) or 57P0x (operator intervention, e.g. shutdown): the session is gone. */
export function endsSession(code: string): boolean {
  return code.startsWith('08') || code.startsWith('57P');
}

/** A statement cancelled: past statement_timeout (the pool's DB_TIMEOUT_MS), or by an operator. */
export const QUERY_CANCELED = '57014';

/**
 * The database cannot be reached, is going away or did not finish in time:
 * connection refused or reset, pool or query timeout, a statement past its
 * timeout (57014), SQLSTATE class 08 (connection) and 57P0x (operator
 * intervention, e.g. shutdown). Such errors answer 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code } = pgError(error);
  if (code !== undefined && (UNAVAILABLE_NODE_CODES.has(code) || code === QUERY_CANCELED || endsSession(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection refused|connect ECONNREFUSED|Client has encountered a connection error/i.test(message);
}
