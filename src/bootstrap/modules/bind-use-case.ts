import type { ContainerModuleLoadOptions, ServiceIdentifier } from 'inversify';

type Bind = ContainerModuleLoadOptions['bind'];

/**
 * Binds a decorator-free class as a singleton keyed by itself, built from the
 * given tokens in constructor order. The wiring test resolves every binding,
 * so a wrong order fails there and not in production.
 */
export function bindUseCase<T, A extends unknown[]>(
  bind: Bind,
  useCase: new (...args: A) => T,
  dependencies: { [K in keyof A]: ServiceIdentifier<A[K]> },
): void {
  bind(useCase)
    .toResolvedValue((...args: unknown[]) => new useCase(...(args as A)), dependencies as ServiceIdentifier[])
    .inSingletonScope();
}
