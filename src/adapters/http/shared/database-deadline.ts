import type { Context, Middleware } from 'koa';

/** The request waited on the database longer than its budget: answered 503, like a database that is down. */
export class DeadlineExceededError extends Error {
  constructor() {
    super('The database did not answer in time');
  }
}

/**
 * The time one request may spend waiting on the database (DB_TIMEOUT_MS),
 * spent across the phases that touch it (authentication, the handler) and
 * not while the client is still sending its body. Work past the budget is
 * abandoned, not cancelled: its outcome is unknown to the client, which got a
 * 503 (a PUT may be repeated; node-postgres' own query timeout, set to the
 * same value, frees the connection).
 */
export class DatabaseDeadline {
  private remainingMs: number;

  constructor(budgetMs: number) {
    this.remainingMs = budgetMs;
  }

  async run<T>(work: Promise<T>): Promise<T> {
    if (this.remainingMs === Number.POSITIVE_INFINITY) return work;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new DeadlineExceededError()), Math.max(0, this.remainingMs));
    });
    work.catch(() => undefined); // an abandoned rejection must not become an unhandled one
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
      this.remainingMs -= performance.now() - started;
    }
  }
}

/** Gives each request its deadline (`ctx.state.deadline`); 0 or less turns the budget off. */
export function databaseDeadline(budgetMs: number): Middleware {
  const budget = budgetMs > 0 ? budgetMs : Number.POSITIVE_INFINITY;
  return (ctx, next) => {
    ctx.state.deadline = new DatabaseDeadline(budget);
    return next();
  };
}

/** The request's deadline; a generous one when the app was built without the middleware (unit wiring). */
export function deadlineOf(ctx: Context): DatabaseDeadline {
  return (ctx.state.deadline as DatabaseDeadline | undefined) ?? new DatabaseDeadline(Number.POSITIVE_INFINITY);
}

/** Runs the rest of the route (the handler) within the request's deadline. */
export const withinDeadline: Middleware = async (ctx, next) => deadlineOf(ctx).run(next());
