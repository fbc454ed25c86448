/**
 * A store that fails the test when asked anything: for inputs a use case must
 * answer on its own (say, a malformed id that must never reach PostgreSQL,
 * where it would be a type error rather than "not found").
 */
export function storeThatMustNotBeAsked<T extends object>(): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => {
      throw new Error(`the store was asked ${String(method)}`);
    },
  });
}
