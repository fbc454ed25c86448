import type { ResolveUseCase } from '../../src/adapters/job-queue/job-table';

/** A resolver over instances built by hand: each class gives its own instance (tests that run jobs without a container). */
export function resolveFrom(...instances: object[]): ResolveUseCase {
  return <U>(key: new (...args: never[]) => U): U => {
    const found = instances.find((instance) => instance.constructor === key);
    if (found === undefined) throw new Error(`no instance of ${key.name}`);
    return found as U;
  };
}
