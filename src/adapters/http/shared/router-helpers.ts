import Router from '@koa/router';
import type { Middleware } from 'koa';
import { HttpInputError } from './http-input-error';

/**
 * A router's routes as plain Koa middleware: they run on the app's context,
 * as `app.use(router.routes())` runs them (the router adds `params` itself).
 */
export function routesOf(router: Router): Middleware {
  return router.routes() as unknown as Middleware;
}

/** 405 for a known path with another method, in the surface's own error shape. */
export function allowedMethodsOf(router: Router): Middleware {
  return router.allowedMethods({
    throw: true,
    methodNotAllowed: () => new HttpInputError('MethodNotAllowed', 'The method is not allowed on this resource'),
    notImplemented: () => new HttpInputError('MethodNotAllowed', 'The method is not implemented'),
  }) as unknown as Middleware;
}

/**
 * Puts `middleware` (in this order) first on each route rather than
 * `router.use()`: a router-level middleware that throws leaves the prefix
 * pattern as the matched route, and logs and metrics would lose the route
 * template.
 */
export function requireOnEveryRoute(router: Router, ...middleware: Middleware[]): void {
  for (const layer of router.stack) {
    if (layer.methods.length > 0) layer.stack.unshift(...middleware);
  }
}

/**
 * Sets the route template (`_matchedRoute`, what logs and metrics read) a
 * request is for before any middleware of the route runs: a request refused
 * before the router dispatches it (401 from a surface's authentication)
 * would otherwise be counted as "unmatched". Answers that template.
 */
export function nameMatchedRoute(router: Router, ctx: { path: string; method: string }): string | undefined {
  const route = router
    .match(ctx.path, ctx.method)
    .pathAndMethod.toReversed()
    .find((layer) => layer.methods.length > 0);
  if (route === undefined) return undefined;
  const template = String(route.path);
  (ctx as { _matchedRoute?: string })._matchedRoute = template;
  return template;
}

/** The route template a request was matched to (what logs and metrics label it with), or "unmatched". */
export function routeTemplateOf(ctx: object): string {
  return (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
}
