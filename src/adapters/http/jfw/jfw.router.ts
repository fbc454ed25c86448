import Router from '@koa/router';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
import { afterAuthentication } from '../shared/authentication-guard';
import { RateLimits } from '../shared/rate-limits';
import { requireOnEveryRoute } from '../shared/router-helpers';
import { appIntegrationRoutes, AppIntegrationUseCases } from './app-integration.routes';
import { brandAuthentication } from './brand-auth.middleware';
import { IntegrationAuthenticationUseCases, integrationAuthenticationRoutes } from './integration-authentication.routes';

export interface JfwUseCases {
  readonly authenticateBrand: AuthenticateBrand;
  readonly integrationAuthentications: IntegrationAuthenticationUseCases;
  readonly appIntegrations: AppIntegrationUseCases;
}

export const JFW_PREFIX = '/api/v1';

/**
 * The JFramework surface under /api/v1; every route needs Brand-URL +
 * Auth-Key, checked before its query and body are looked at.
 */
export function jfwRouter(useCases: JfwUseCases, limits: RateLimits): Router {
  const router = new Router({ prefix: JFW_PREFIX });
  // Order matters: `/app-integrations/authentication` must reach its own route before `/app-integrations/:id`.
  integrationAuthenticationRoutes(router, useCases.integrationAuthentications);
  appIntegrationRoutes(router, useCases.appIntegrations);
  requireOnEveryRoute(router, brandAuthentication(useCases.authenticateBrand, limits), ...afterAuthentication());
  return router;
}
