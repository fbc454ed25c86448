import { Client, QueryResult } from 'pg';

type Callback = (error: Error | null, result: QueryResult) => void;

/**
 * One statement through node-postgres' callback form, answered as a promise:
 * what the promise form does, without setting a callback on the query after
 * creating it (why that matters: CallbackFormClient below).
 */
export function throughCallback(query: (config: unknown, values: unknown, callback: Callback) => void, config: unknown, values?: unknown): Promise<QueryResult> {
  return new Promise((resolve, reject) => query(config, values, (error, result) => (error ? reject(error) : resolve(result))));
}

/**
 * node-postgres' Client, with its promise form (`client.query(config)`, no
 * callback) run through its callback form: same results, same errors.
 *
 * Why: the promise form sets a new callback on each query after creating it,
 * and with that on the query path V8 promoted every request's objects to the
 * old generation: 10.5–11.1 KB a PUT, about 100 B without it (docs/performance.md,
 * "A callback that aged every request", which also says how far the cause
 * inside V8 was pinned down). The service's
 * own hot statements call the callback form themselves (pool-query.ts); this
 * class gives it to everything else on the DataSource's pool that calls the
 * promise form: TypeORM's query runners and graphile-worker's worker.
 */
export class CallbackFormClient extends Client {
  // pg's overloads (text, config, submittable; with or without values and callback) pass through as
  // they came; the result is typed `never`, which satisfies each overload's declared result.
  override query(...args: unknown[]): never {
    const [config, values, callback] = args;
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
    if (submittable || typeof values === 'function' || typeof callback === 'function') {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    return throughCallback((c, v, done) => (super.query as (...a: unknown[]) => void)(c, v, done), config, values) as never;
  }
}
