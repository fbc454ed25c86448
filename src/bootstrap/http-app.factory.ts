import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { createHttpApp, DEFAULT_DB_TIMEOUT_MS } from '../adapters/http/app';
import { DEFAULT_RATE_LIMITS, RateLimits, RateLimitSettings } from '../adapters/http/shared/rate-limits';
import { UNREADABLE_SECRET_REPORTER } from '../application/ports/unreadable-secret.reporter';
import { TallyingUnreadableSecretReporter } from '../adapters/system/tallying-unreadable-secret.reporter';
import { AppConfig } from './config';
import { portalSurface } from '../adapters/http/portal/portal.surface';
import { PortalUseCases } from '../adapters/http/portal/portal-use-cases';
import { HttpLogger } from '../adapters/http/shared/infrastructure-errors';
import { isDatabaseUnavailable } from '../adapters/persistence/typeorm/pg-errors';
import { createMetrics } from './metrics';
import { ApproveAccessRequestUseCase } from '../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdminUseCase } from '../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProductUseCase } from '../application/portal/create-api-product.use-case';
import { CreatePortalAppUseCase } from '../application/portal/create-portal-app.use-case';
import { CreatePortalUserUseCase } from '../application/portal/create-portal-user.use-case';
import { DeleteAccessRequestUseCase } from '../application/portal/delete-access-request.use-case';
import { DeletePortalAppUseCase } from '../application/portal/delete-portal-app.use-case';
import { DeletePortalUserUseCase } from '../application/portal/delete-portal-user.use-case';
import { GetAccessRequestUseCase } from '../application/portal/get-access-request.use-case';
import { GetApiProductUseCase } from '../application/portal/get-api-product.use-case';
import { GetAppAccessRequestUseCase } from '../application/portal/get-app-access-request.use-case';
import { GetPortalAppUseCase } from '../application/portal/get-portal-app.use-case';
import { GetPortalUserUseCase } from '../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentialsUseCase } from '../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequestsUseCase } from '../application/portal/list-access-requests.use-case';
import { ListApiProductsUseCase } from '../application/portal/list-api-products.use-case';
import { ListAppAccessRequestsUseCase } from '../application/portal/list-app-access-requests.use-case';
import { ListPortalAppsUseCase } from '../application/portal/list-portal-apps.use-case';
import { ListPortalUsersUseCase } from '../application/portal/list-portal-users.use-case';
import { ProvisionPortalAppUseCase } from '../application/portal/provision-portal-app.use-case';
import { RejectAccessRequestUseCase } from '../application/portal/reject-access-request.use-case';
import { RotateCredentialUseCase } from '../application/portal/rotate-credential.use-case';
import { UpdatePortalAppUseCase } from '../application/portal/update-portal-app.use-case';
import { UpdatePortalUserUseCase } from '../application/portal/update-portal-user.use-case';

function portalUseCases(c: Container): PortalUseCases {
  return {
    authenticate: c.get(AuthenticatePortalAdminUseCase),
    users: {
      create: c.get(CreatePortalUserUseCase),
      get: c.get(GetPortalUserUseCase),
      list: c.get(ListPortalUsersUseCase),
      update: c.get(UpdatePortalUserUseCase),
      delete: c.get(DeletePortalUserUseCase),
    },
    products: { create: c.get(CreateApiProductUseCase), get: c.get(GetApiProductUseCase), list: c.get(ListApiProductsUseCase) },
    apps: {
      create: c.get(CreatePortalAppUseCase),
      get: c.get(GetPortalAppUseCase),
      list: c.get(ListPortalAppsUseCase),
      update: c.get(UpdatePortalAppUseCase),
      delete: c.get(DeletePortalAppUseCase),
      provision: c.get(ProvisionPortalAppUseCase),
      listAccessRequests: c.get(ListAppAccessRequestsUseCase),
      getAccessRequest: c.get(GetAppAccessRequestUseCase),
      listCredentials: c.get(ListAccessRequestCredentialsUseCase),
      rotateCredential: c.get(RotateCredentialUseCase),
    },
    accessRequests: {
      list: c.get(ListAccessRequestsUseCase),
      get: c.get(GetAccessRequestUseCase),
      delete: c.get(DeleteAccessRequestUseCase),
      approve: c.get(ApproveAccessRequestUseCase),
      reject: c.get(RejectAccessRequestUseCase),
    },
  };
}

/** The package's version (dist/src/bootstrap → package root), for /openapi.json. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** The configurable limits of the HTTP app; absent ones take the contract's defaults. */
export interface HttpSettings {
  readonly rateLimits?: RateLimitSettings;
  /** DB_TIMEOUT_MS: a request waiting on the database longer answers 503. */
  readonly dbTimeoutMs?: number;
  /** METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`. */
  readonly metricsToken?: string;
  /** How long /readyz and /metrics answers are reused (default 1000 ms; tests set 0). */
  readonly operationsCacheMs?: number;
}

export function httpSettings(config: AppConfig): HttpSettings {
  return {
    rateLimits: { perCredentialPerMinute: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute },
    dbTimeoutMs: config.dbTimeoutMs,
    metricsToken: config.metricsToken,
  };
}

/**
 * Stored secrets that fail to decrypt answer null; each is logged here by
 * row id (never by value) and counted for /metrics.
 */
function unreadableSecrets(container: Container, logger: HttpLogger): TallyingUnreadableSecretReporter | undefined {
  const reporter = container.isBound(UNREADABLE_SECRET_REPORTER) ? container.get(UNREADABLE_SECRET_REPORTER) : undefined;
  if (!(reporter instanceof TallyingUnreadableSecretReporter)) return undefined;
  reporter.onReport(({ resource, id }) =>
    logger.warn({ resource, id }, 'a stored secret could not be decrypted with the configured keys; answered null'),
  );
  return reporter;
}

/** Wires the Koa app to the use cases of a container. */
export function buildHttpApp(container: Container, logger: HttpLogger, dataSource?: DataSource, settings: HttpSettings = {}): Koa {
  const rateLimits = new RateLimits(settings.rateLimits ?? DEFAULT_RATE_LIMITS);
  return createHttpApp({
    apiVersion: packageVersion(),
    logger,
    isUnavailable: isDatabaseUnavailable,
    metrics: createMetrics(dataSource, unreadableSecrets(container, logger)),
    rateLimits,
    dbTimeoutMs: settings.dbTimeoutMs ?? DEFAULT_DB_TIMEOUT_MS,
    operations: { metricsToken: settings.metricsToken, cacheMs: settings.operationsCacheMs },
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
    surfaces: [portalSurface(portalUseCases(container), logger, isDatabaseUnavailable, rateLimits)],
  });
}
