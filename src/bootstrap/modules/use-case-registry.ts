import type { Token, TokenType } from '../../application/ports/token';
import * as jfw from '../../application/jfw.use-cases';
import * as operations from '../../application/operations.use-cases';
import * as portal from '../../application/portal.use-cases';
import * as webhooks from '../../application/webhooks.use-cases';

/** A use case class: its constructor takes what its `ports` tokens are bound to, in order. */
export interface UseCaseClass<T = unknown> {
  readonly name: string;
  readonly ports: readonly Token<unknown>[];
  new (...args: never[]): T;
}

type PortTypes<P> = { -readonly [K in keyof P]: TokenType<P[K]> };

/** true when the class's constructor accepts what its tokens are bound to. */
type Wired<C> = C extends { readonly ports: infer P; new (...args: infer A): unknown }
  ? PortTypes<P> extends A ? true : false
  : true;

/** The exported names of a registry whose constructor and tokens disagree. */
type Miswired<M> = { [K in keyof M]: Wired<M[K]> extends true ? never : K }[keyof M];

/**
 * The use case classes of one registry module, checked at compile time:
 * an export whose `ports` do not match its constructor makes the call
 * need a second argument, and the error names the export.
 */
function registry<M extends object>(module: M, ..._miswired: [Miswired<M>] extends [never] ? [] : [Miswired<M>]): readonly UseCaseClass[] {
  return Object.values(module).filter(
    // `in`, not a read: the getter runs when the container binds, so loading this module runs no use case code.
    (value): value is UseCaseClass => typeof value === 'function' && 'ports' in value,
  );
}

export const JFW_USE_CASES = registry(jfw);
export const PORTAL_USE_CASES = registry(portal);
export const OPERATIONS_USE_CASES = registry(operations);
export const WEBHOOKS_USE_CASES = registry(webhooks);
export const ALL_USE_CASES: readonly UseCaseClass[] = [...JFW_USE_CASES, ...PORTAL_USE_CASES, ...OPERATIONS_USE_CASES, ...WEBHOOKS_USE_CASES];
