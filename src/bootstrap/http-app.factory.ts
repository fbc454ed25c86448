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
import { ApproveAccessRequest } from '../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdmin } from '../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProduct } from '../application/portal/create-api-product.use-case';
import { CreatePortalApp } from '../application/portal/create-portal-app.use-case';
import { CreatePortalUser } from '../application/portal/create-portal-user.use-case';
import { DeleteAccessRequest } from '../application/portal/delete-access-request.use-case';
import { DeletePortalApp } from '../application/portal/delete-portal-app.use-case';
import { DeletePortalUser } from '../application/portal/delete-portal-user.use-case';
import { GetAccessRequest } from '../application/portal/get-access-request.use-case';
import { GetApiProduct } from '../application/portal/get-api-product.use-case';
import { GetAppAccessRequest } from '../application/portal/get-app-access-request.use-case';
import { GetPortalApp } from '../application/portal/get-portal-app.use-case';
import { GetPortalUser } from '../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentials } from '../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequests } from '../application/portal/list-access-requests.use-case';
import { ListApiProducts } from '../application/portal/list-api-products.use-case';
import { ListAppAccessRequests } from '../application/portal/list-app-access-requests.use-case';
import { ListPortalApps } from '../application/portal/list-portal-apps.use-case';
import { ListPortalUsers } from '../application/portal/list-portal-users.use-case';
import { ProvisionPortalApp } from '../application/portal/provision-portal-app.use-case';
import { RejectAccessRequest } from '../application/portal/reject-access-request.use-case';
import { RotateCredential } from '../application/portal/rotate-credential.use-case';
import { UpdatePortalApp } from '../application/portal/update-portal-app.use-case';
import { UpdatePortalUser } from '../application/portal/update-portal-user.use-case';

function portalUseCases(c: Container): PortalUseCases {
  return {
    authenticate: c.get(AuthenticatePortalAdmin),
    users: {
      create: c.get(CreatePortalUser),
      get: c.get(GetPortalUser),
      list: c.get(ListPortalUsers),
      update: c.get(UpdatePortalUser),
      delete: c.get(DeletePortalUser),
    },
    products: { create: c.get(CreateApiProduct), get: c.get(GetApiProduct), list: c.get(ListApiProducts) },
    apps: {
      create: c.get(CreatePortalApp),
      get: c.get(GetPortalApp),
      list: c.get(ListPortalApps),
      update: c.get(UpdatePortalApp),
      delete: c.get(DeletePortalApp),
      provision: c.get(ProvisionPortalApp),
      listAccessRequests: c.get(ListAppAccessRequests),
      getAccessRequest: c.get(GetAppAccessRequest),
      listCredentials: c.get(ListAccessRequestCredentials),
      rotateCredential: c.get(RotateCredential),
    },
    accessRequests: {
      list: c.get(ListAccessRequests),
      get: c.get(GetAccessRequest),
      delete: c.get(DeleteAccessRequest),
      approve: c.get(ApproveAccessRequest),
      reject: c.get(RejectAccessRequest),
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
}

export function httpSettings(config: AppConfig): HttpSettings {
  return {
    rateLimits: { perCredentialPerMinute: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute },
    dbTimeoutMs: config.dbTimeoutMs,
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
