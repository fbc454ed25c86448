import { Container } from 'inversify';
import type Koa from 'koa';
import { DataSource } from 'typeorm';
import { GetAppIntegration } from '../application/app-integration/get-app-integration.use-case';
import { ListAppIntegrations } from '../application/app-integration/list-app-integrations.use-case';
import { AuthenticateBrand } from '../application/brand/authenticate-brand.use-case';
import { BuildAuthorizationUrl } from '../application/integration-authentication/build-authorization-url.use-case';
import { CreateIntegrationAuthentication } from '../application/integration-authentication/create-integration-authentication.use-case';
import { DeleteIntegrationAuthentication } from '../application/integration-authentication/delete-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../application/integration-authentication/get-integration-authentication.use-case';
import { ListIntegrationAuthentications } from '../application/integration-authentication/list-integration-authentications.use-case';
import { PatchIntegrationAuthentication } from '../application/integration-authentication/patch-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../application/integration-authentication/update-integration-authentication.use-case';
import { createHttpApp } from '../adapters/http/app';
import { HttpLogger } from '../adapters/http/shared/infrastructure-errors';
import { isDatabaseUnavailable } from '../adapters/persistence/typeorm/pg-errors';
import { createMetrics } from './metrics';

/** Wires the Koa app to the use cases of a container. */
export function buildHttpApp(container: Container, logger: HttpLogger, dataSource?: DataSource): Koa {
  return createHttpApp({
    logger,
    isUnavailable: isDatabaseUnavailable,
    metrics: createMetrics(dataSource),
    readiness: async () => {
      if (dataSource === undefined) return true;
      const pending = await dataSource.showMigrations();
      return !pending;
    },
    jfw: {
      authenticateBrand: container.get(AuthenticateBrand),
      integrationAuthentications: {
        create: container.get(CreateIntegrationAuthentication),
        get: container.get(GetIntegrationAuthentication),
        update: container.get(UpdateIntegrationAuthentication),
        patch: container.get(PatchIntegrationAuthentication),
        list: container.get(ListIntegrationAuthentications),
        delete: container.get(DeleteIntegrationAuthentication),
        buildAuthorizationUrl: container.get(BuildAuthorizationUrl),
      },
      appIntegrations: {
        list: container.get(ListAppIntegrations),
        get: container.get(GetAppIntegration),
      },
    },
  });
}
