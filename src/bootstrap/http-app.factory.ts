import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Container, type ServiceIdentifier } from 'inversify';
import type Koa from 'koa';
import { DataSource } from 'typeorm';
import { createHttpApp, DEFAULT_DB_TIMEOUT_MS } from '../adapters/http/app';
import { DEFAULT_RATE_LIMITS, RateLimits, RateLimitSettings } from '../adapters/http/shared/rate-limits';
import { UNREADABLE_SECRET_REPORTER } from '../application/ports/unreadable-secret.reporter';
import { TallyingUnreadableSecretReporter } from '../adapters/system/tallying-unreadable-secret.reporter';
import { AppConfig } from './config';
import { portalSurface } from '../adapters/http/portal/portal.surface';
import { ResolveUseCase, UseCaseKey } from '../adapters/http/shared/route-table';
import { HttpLogger } from '../adapters/http/shared/infrastructure-errors';
import type { JobQueueState } from '../adapters/http/operations/operations.router';
import { isDatabaseUnavailable } from '../adapters/persistence/typeorm/pg-errors';
import { createMetrics } from './metrics';

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
  /** The job runner's state, for /readyz (`jobs`); the server passes its runner's. Absent: /readyz says nothing of jobs. */
  readonly jobQueueState?: () => JobQueueState;
  /** Why it is `failing` or stopped for good (/readyz `jobsProblem`); the server passes its runner's. */
  readonly jobQueueProblem?: () => string | undefined;
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the client (default none: the socket's peer is the client). */
  readonly trustedProxies?: readonly string[];
}

export function httpSettings(config: AppConfig): HttpSettings {
  return {
    rateLimits: { perCredentialPerMinute: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute },
    dbTimeoutMs: config.dbTimeoutMs,
    metricsToken: config.metricsToken,
    trustedProxies: config.trustedProxies,
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
  // Each route table names its use case classes; the container bound them from the registries.
  const useCases: ResolveUseCase = <U>(useCase: UseCaseKey<U>): U => container.get(useCase as unknown as ServiceIdentifier<U>) as U;
  return createHttpApp({
    apiVersion: packageVersion(),
    logger,
    isUnavailable: isDatabaseUnavailable,
    metrics: createMetrics(dataSource, unreadableSecrets(container, logger)),
    rateLimits,
    dbTimeoutMs: settings.dbTimeoutMs ?? DEFAULT_DB_TIMEOUT_MS,
    operations: { metricsToken: settings.metricsToken, cacheMs: settings.operationsCacheMs, jobQueueState: settings.jobQueueState, jobQueueProblem: settings.jobQueueProblem },
    trustedProxies: settings.trustedProxies,
    readiness: async () => {
      if (dataSource === undefined) return true;
      const pending = await dataSource.showMigrations();
      return !pending;
    },
    useCases,
    surfaces: [portalSurface(useCases, logger, isDatabaseUnavailable, rateLimits)],
  });
}
