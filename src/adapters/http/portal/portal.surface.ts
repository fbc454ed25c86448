import Router from '@koa/router';
import type { Middleware } from 'koa';
import { HttpSurface } from '../app';
import { HttpInputError } from '../shared/http-input-error';
import { HttpLogger, UnavailabilityCheck } from '../shared/infrastructure-errors';
import { afterAuthentication } from '../shared/authentication-guard';
import { RateLimits } from '../shared/rate-limits';
import { mountRoutes, ResolveUseCase, routeIndex } from '../shared/route-table';
import { allowedMethodsOf, nameMatchedRoute, requireOnEveryRoute, routesOf } from '../shared/router-helpers';
import { AuthenticatePortalAdmin } from '../../../application/portal-admin/authenticate-portal-admin.use-case';
import { portalAdminAuthentication } from './portal-admin-auth.middleware';
import { portalErrors } from './portal-error.middleware';
import { PORTAL_PREFIX } from './portal-prefix';
import { PORTAL_ROUTES } from './portal.routes';

export { PORTAL_PREFIX };

/** The portal's routes (portal.routes.ts) on one router. */
export function portalRouter(resolve: ResolveUseCase): Router {
  const router = new Router({ prefix: PORTAL_PREFIX });
  mountRoutes(router, PORTAL_ROUTES, resolve);
  requireOnEveryRoute(router, ...afterAuthentication());
  return router;
}

/**
 * The Tyk-style portal under /portal-api. Every path under the prefix is
 * authenticated first (so unknown paths reveal nothing to strangers) and
 * ends here: 405 and 404 are decided by this surface, never by another.
 * Query and body are read only behind authentication, on the matched route.
 */
export function portalSurface(
  resolve: ResolveUseCase,
  logger: HttpLogger,
  isUnavailable: UnavailabilityCheck,
  limits: RateLimits,
): HttpSurface {
  const router = portalRouter(resolve);
  const authenticate = portalAdminAuthentication(resolve(AuthenticatePortalAdmin), limits);
  const allowed = allowedMethodsOf(router);
  const routes = routesOf(router);
  const end = async () => undefined;
  const routeOf = routeIndex(PORTAL_ROUTES, PORTAL_PREFIX);
  // Runs only for paths under PORTAL_PREFIX: the app hands it no others (HttpSurface).
  const surface: Middleware = async (ctx) => {
    // Authentication runs before the router: a 401 keeps its route template, and an error its route's 422 shape.
    const template = nameMatchedRoute(router, ctx);
    ctx.state.unprocessable = template === undefined ? undefined : routeOf(ctx.method, template)?.doc.unprocessable;
    await authenticate(ctx, () => allowed(ctx, () => routes(ctx, end)));
    if (ctx.status === 404 && ctx.body === undefined) throw new HttpInputError('NotFound', 'No resource at this path');
  };
  return { prefix: PORTAL_PREFIX, errors: portalErrors(logger, isUnavailable), middleware: [surface] };
}
