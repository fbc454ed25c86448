import { ContainerModule, type ContainerModuleLoadOptions, type ServiceIdentifier } from 'inversify';
import type { Token } from '../../application/ports/token';
import type { UseCaseClass } from './use-case-registry';

type Bind = ContainerModuleLoadOptions['bind'];

/**
 * Binds each decorator-free use case class as a singleton keyed by itself,
 * built from the tokens of its static `ports` (the registry checked at
 * compile time that they fit its constructor).
 */
export function useCasesModule(useCases: readonly UseCaseClass[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const useCase of useCases) {
      bind(useCase)
        .toResolvedValue((...args: unknown[]) => new useCase(...(args as never[])), [...useCase.ports] as ServiceIdentifier[])
        .inSingletonScope();
    }
  });
}

/** Binds a token to a value of the token's type; Inversify's own `bind` would take any value. */
export function bindValue<T>(bind: Bind, token: Token<T>, value: NoInfer<T>): void {
  bind(token).toConstantValue(value);
}

type Resolved<D> = { -readonly [K in keyof D]: D[K] extends Token<infer U> ? U : never };

/** Binds a token to a singleton built from other tokens' values, all typed. */
export function bindBuilt<T, const D extends readonly Token<unknown>[]>(bind: Bind, token: Token<T>, build: (...deps: Resolved<D>) => NoInfer<T>, deps: D): void {
  bind(token)
    .toResolvedValue((...args: unknown[]) => build(...(args as Resolved<D>)), [...deps] as ServiceIdentifier[])
    .inSingletonScope();
}
