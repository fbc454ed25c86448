import Router from '@koa/router';
import { AuthenticateBrand } from '../../../application/brand/authenticate-brand.use-case';
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

/** The JFramework surface under /api/v1; every route needs Brand-URL + Auth-Key. */
export function jfwRouter(useCases: JfwUseCases): Router {
  const router = new Router({ prefix: JFW_PREFIX });
  // Order matters: `/app-integrations/authentication` must reach its own route before `/app-integrations/:id`.
  integrationAuthenticationRoutes(router, useCases.integrationAuthentications);
  appIntegrationRoutes(router, useCases.appIntegrations);
  requireOnEveryRoute(router, brandAuthentication(useCases.authenticateBrand));
  return router;
}
