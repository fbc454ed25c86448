import type { Middleware } from 'koa';
import compose from 'koa-compose';

/** The middleware that serve the paths under one prefix, outermost first. */
export interface PrefixChain {
  readonly prefix: string;
  readonly chain: readonly Middleware[];
}

/** Whether `path` is `prefix` itself or lies below it (`/api/v1x` is not under `/api/v1`). */
export function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 0x2f);
}

/**
 * Hands a request to the one chain its path belongs to, or to `rest`.
 * Each chain is composed once, at start: an API request no longer passes
 * through the operational and OpenAPI routers (each a path-to-regexp match
 * per layer) or the other surface's frames on its way to its own router
 * (docs/performance.md, "A quiet machine, and the trims of 2026-12-01").
 */
export function dispatchByPrefix(chains: readonly PrefixChain[], rest: readonly Middleware[]): Middleware {
  const composed = chains.map(({ prefix, chain }) => ({ prefix, run: compose([...chain]) }));
  const fallback = compose([...rest]);
  return (ctx, next) => {
    const path = ctx.path;
    for (const { prefix, run } of composed) if (isUnder(path, prefix)) return run(ctx, next);
    return fallback(ctx, next);
  };
}
