import { JobQueueRefusedError } from '../../../application/ports/job-queue-errors';
import { INSUFFICIENT_PRIVILEGE, pgError } from './pg-errors';

/** graphile-worker's schema, as PostgreSQL names it in a refusal's message or in the context it was raised in. */
const JOB_QUEUE_SCHEMA = /\bgraphile_worker\b/;

/**
 * PostgreSQL's insufficient_privilege (42501) raised on graphile-worker's
 * schema, which a write reaches when it queues a job in its own transaction
 * (the outbox trigger's and the DCR functions' `graphile_worker.add_job`):
 * a row refused by the row-level security graphile-worker turns on for its
 * tables (`new row violates row-level security policy for table
 * "_private_tasks"`: the message names the table only, the context names
 * `graphile_worker.add_job`), or a schema or table without its grants
 * (`permission denied for schema graphile_worker`). A 42501 on anything
 * else is not this: a missing grant on the service's own tables stays an
 * unexpected failure.
 */
export function isJobQueueRefusal(error: unknown): boolean {
  const { code, message, where } = pgError(error);
  return code === INSUFFICIENT_PRIVILEGE && JOB_QUEUE_SCHEMA.test(`${message ?? ''}\n${where ?? ''}`);
}

function translated(error: unknown): unknown {
  return isJobQueueRefusal(error) ? new JobQueueRefusedError() : error;
}

function call(method: (...args: unknown[]) => unknown, target: object, args: unknown[]): unknown {
  let result: unknown;
  try {
    result = method.apply(target, args);
  } catch (error) {
    throw translated(error);
  }
  return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(translated(error))) : result;
}

/**
 * The adapter, with a job queue refusal from any of its methods thrown as
 * JobQueueRefusedError (which each surface answers 503) and every other
 * error unchanged. One wrapper at the binding rather than a catch in each of
 * the writes: any write of any adapter may queue a job (every audited write
 * raises an event that a subscription may want), so a write added later is
 * covered too. Methods run on the adapter itself, not on the proxy.
 */
export function translatingJobQueueRefusals<T extends object>(adapter: T): T {
  const wrappers = new WeakMap<object, unknown>();
  return new Proxy(adapter, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function' || key === 'constructor') return value;
      let wrapper = wrappers.get(value);
      if (wrapper === undefined) {
        const method = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => call(method, target, args);
        wrappers.set(value, wrapper);
      }
      return wrapper;
    },
  });
}
