import type Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import { validateNoBody } from './validate-body';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A use case class as the container keys it. */
export type UseCaseKey<U> = new (...args: never[]) => U;

/** Gives the instance of a use case class (the composition root asks its container). */
export type ResolveUseCase = <U>(useCase: UseCaseKey<U>) => U;

/**
 * One route of a surface: what the router serves, which use case it calls,
 * how it answers, and what the OpenAPI document and the surface's error
 * rendering need to know of it (`doc`). The route table of a surface is a
 * list of these; routers, the OpenAPI document and error shapes read it.
 */
export interface RouteEntry<Doc> {
  readonly method: Method;
  /** Koa syntax (`:id`), relative to the surface's prefix. */
  readonly path: string;
  readonly useCase: UseCaseKey<unknown>;
  readonly doc: Doc;
  /** The handler, bound to the use case's instance. */
  handler(resolve: ResolveUseCase): (ctx: RouterContext) => Promise<void>;
}

/** What the shared rules read of a route's documentation: the DTO of its body, when it takes one. */
export interface RouteBodyDoc {
  readonly body?: string;
}

/**
 * Declares a route; `handle` is typed by the use case class it names. A
 * write route whose documentation names no body takes none (validateNoBody):
 * one rule for every such route of both surfaces, checked before `handle`.
 */
export function route<U, Doc>(entry: {
  readonly method: Method;
  readonly path: string;
  readonly useCase: UseCaseKey<U>;
  readonly doc: Doc & RouteBodyDoc;
  readonly handle: (useCase: U, ctx: RouterContext) => Promise<void>;
}): RouteEntry<Doc> {
  const { handle, ...rest } = entry;
  return {
    ...rest,
    handler(resolve) {
      const useCase = resolve(entry.useCase);
      if (entry.method === 'get' || entry.doc.body !== undefined) return (ctx) => handle(useCase, ctx);
      return (ctx) => {
        validateNoBody(ctx.request.body);
        return handle(useCase, ctx);
      };
    },
  };
}

/** Registers every route of a table on a router, in table order (the first match wins). */
export function mountRoutes(router: Router, routes: readonly RouteEntry<unknown>[], resolve: ResolveUseCase): void {
  for (const entry of routes) router[entry.method](entry.path, entry.handler(resolve));
}

/** `/a/:id` → `/a/{id}` (OpenAPI's path template). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * Finds the table entry a request is for (method and full path, as the
 * router names the matched layer). The index is built once: a request
 * looks its entry up instead of comparing a built path with every entry.
 */
export function routeIndex<Doc>(routes: readonly RouteEntry<Doc>[], prefix: string): (method: string, layerPath: string) => RouteEntry<Doc> | undefined {
  const byKey = new Map<string, RouteEntry<Doc>>();
  for (const entry of routes) {
    const key = `${entry.method} ${prefix}${entry.path}`;
    if (!byKey.has(key)) byKey.set(key, entry); // the first match wins, as in the router
  }
  return (method, layerPath) => byKey.get(`${method === 'HEAD' ? 'get' : method.toLowerCase()} ${layerPath}`);
}
