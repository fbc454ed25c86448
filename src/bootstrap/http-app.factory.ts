import { Container } from 'inversify';
import type Koa from 'koa';
import { DataSource } from 'typeorm';
import { AuthenticateBrand } from '../application/brand/authenticate-brand.use-case';
import { CreateIntegrationAuthentication } from '../application/integration-authentication/create-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../application/integration-authentication/get-integration-authentication.use-case';
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
      },
    },
  });
}
