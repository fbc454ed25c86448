import Router from '@koa/router';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
import { afterAuthentication } from '../shared/authentication-guard';
import { RateLimits } from '../shared/rate-limits';
import { mountRoutes, ResolveUseCase } from '../shared/route-table';
import { requireOnEveryRoute } from '../shared/router-helpers';
import { brandAuthentication } from './brand-auth.middleware';
import { JFW_PREFIX, JFW_ROUTES } from './jfw.routes';

export { JFW_PREFIX };

/**
 * The JFramework surface under /api/v1 (its routes: jfw.routes.ts); every
 * route needs Brand-URL + Auth-Key, checked before its query and body are
 * looked at.
 */
export function jfwRouter(resolve: ResolveUseCase, limits: RateLimits): Router {
  const router = new Router({ prefix: JFW_PREFIX });
  mountRoutes(router, JFW_ROUTES, resolve);
  requireOnEveryRoute(router, brandAuthentication(resolve(AuthenticateBrand), limits), ...afterAuthentication());
  return router;
}
