import Router from '@koa/router';
import type { Middleware } from 'koa';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
import { HttpInputError } from '../shared/http-input-error';
import { appIntegrationRoutes, AppIntegrationUseCases } from './app-integration.routes';
import { brandAuthentication } from './brand-auth.middleware';
import { IntegrationAuthenticationUseCases, integrationAuthenticationRoutes } from './integration-authentication.routes';

export interface JfwUseCases {
  readonly authenticateBrand: AuthenticateBrand;
  readonly integrationAuthentications: IntegrationAuthenticationUseCases;
  readonly appIntegrations: AppIntegrationUseCases;
}

export const JFW_PREFIX = '/api/v1';

/** The JFramework surface under /api/v1; every route needs Brand-URL + Auth-Key. */
export function jfwRouter(useCases: JfwUseCases): Router {
  const router = new Router({ prefix: JFW_PREFIX });
  // Order matters: `/app-integrations/authentication` must reach its own route before `/app-integrations/:id`.
  integrationAuthenticationRoutes(router, useCases.integrationAuthentications);
  appIntegrationRoutes(router, useCases.appIntegrations);
  requireOnEveryRoute(router, brandAuthentication(useCases.authenticateBrand));
  return router;
}

/** 405 for a known path with another method, in the surface's own error shape. */
export function allowedMethodsOf(router: Router) {
  return router.allowedMethods({
    throw: true,
    methodNotAllowed: () => new HttpInputError('MethodNotAllowed', 'The method is not allowed on this resource'),
    notImplemented: () => new HttpInputError('MethodNotAllowed', 'The method is not implemented'),
  });
}

/**
 * Puts `middleware` first on each route rather than `router.use()`: a
 * router-level middleware that throws leaves the prefix pattern as the matched
 * route, and logs and metrics would lose the route template.
 */
export function requireOnEveryRoute(router: Router, middleware: Middleware): void {
  for (const layer of router.stack) {
    if (layer.methods.length > 0) layer.stack.unshift(middleware);
  }
}
