import Koa, { Middleware } from 'koa';
import { clientAddresses } from './shared/client-address';
import { correlationId } from './shared/correlation-id.middleware';
import { databaseDeadline } from './shared/database-deadline';
import { HttpInputError } from './shared/http-input-error';
import { HttpLogger, UnavailabilityCheck } from './shared/infrastructure-errors';
import { closeUnreadBodies } from './shared/json-body.middleware';
import { DEFAULT_RATE_LIMITS, RateLimits } from './shared/rate-limits';
import { requestLog } from './shared/request-log.middleware';
import { securityHeaders } from './shared/security-headers.middleware';
import { jfwErrors } from './jfw/jfw-error.middleware';
import { JFW_PREFIX, jfwRouter } from './jfw/jfw.router';
import { ResolveUseCase } from './shared/route-table';
import { allowedMethodsOf, routesOf } from './shared/router-helpers';
import { HttpMetrics } from './operations/http-metrics';
import { OperationsOptions, operationsRouter, Readiness } from './operations/operations.router';
import type { buildOpenApiDocument } from './openapi/openapi.document';
import { openApiRouter } from './openapi/openapi.router';
import { dispatchByPrefix } from './surface-dispatch';

export const DEFAULT_DB_TIMEOUT_MS = 5_000;

export interface HttpDependencies {
  readonly logger: HttpLogger;
  readonly isUnavailable: UnavailabilityCheck;
  readonly readiness: Readiness;
  /** Prometheus metrics for /metrics; absent → /metrics answers 404. */
  readonly metrics?: HttpMetrics;
  /** The use case instance of each class a route table names (the container's). */
  readonly useCases: ResolveUseCase;
  /** Extra surfaces, each with its own error shape: [path prefix, error middleware, routers]. */
  readonly surfaces?: readonly HttpSurface[];
  /** `info.version` of /openapi.json. */
  readonly apiVersion?: string;
  /**
   * Shared by every surface, so an address's failed authentications count
   * once whichever surface it tries. Absent: the contract's defaults.
   */
  readonly rateLimits?: RateLimits;
  /** How long a request may wait on the database before it answers 503 (DB_TIMEOUT_MS); 0 = no bound. Default 5000. */
  readonly dbTimeoutMs?: number;
  /** /readyz and /metrics: answer reuse and the optional /metrics token (METRICS_TOKEN). */
  readonly operations?: OperationsOptions;
  /**
   * TRUSTED_PROXIES: addresses, CIDR ranges and proxy-addr's names
   * (loopback, linklocal, uniquelocal) whose X-Forwarded-For is believed.
   * Absent or empty: the socket's peer is the client, the header is ignored.
   */
  readonly trustedProxies?: readonly string[];
}

/** A surface under its own path prefix: its error rendering and its middleware run only for paths under `prefix` (surface-dispatch.ts). */
export interface HttpSurface {
  readonly prefix: string;
  readonly errors: Middleware;
  readonly middleware: readonly Middleware[];
}

/**
 * Loaded on the first GET /openapi.json, not at start: generating the
 * document loads class-validator-jsonschema and walks every DTO's metadata,
 * which no API request needs (docs/performance.md: peak RSS).
 */
function openApiDocument(version: string): ReturnType<typeof buildOpenApiDocument> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildOpenApiDocument: build } = require('./openapi/openapi.document') as typeof import('./openapi/openapi.document');
  return build({ version });
}

/**
 * The Koa application: both API surfaces and the operational endpoints.
 * Errors are rendered by the surface the path belongs to; everything else
 * (including unknown paths) answers in the JFramework envelope.
 *
 * Order (docs/adr/0005): headers every answer carries → correlation id →
 * the client's address (only with trusted proxies, docs/adr/0015) → log and
 * metrics → by path prefix, one chain (surface-dispatch.ts): the
 * surface's error rendering → the request's database deadline → its
 * routes (JFramework's, the portal's, or else the operational and OpenAPI
 * ones) → each API route: authentication (header lengths, rate limits,
 * credentials), then query text and body, then the handler. Nothing reads
 * a body before its sender is authenticated.
 */
export function createHttpApp(deps: HttpDependencies): Koa {
  const app = new Koa();
  app.silent = true; // errors are logged by the error middleware, redacted
  const jfw = jfwRouter(deps.useCases, deps.rateLimits ?? new RateLimits(DEFAULT_RATE_LIMITS));
  const defaultErrors = jfwErrors(deps.logger, deps.isUnavailable);
  const surfaces = deps.surfaces ?? [];

  app.use(securityHeaders());
  app.use(closeUnreadBodies);
  app.use(correlationId());
  const forwarded = clientAddresses(deps.trustedProxies ?? []);
  if (forwarded) app.use(forwarded);
  const log = requestLog(deps.logger);
  if (log) app.use(log);
  if (deps.metrics) app.use(deps.metrics.middleware());
  const operations = operationsRouter(deps.readiness, deps.metrics?.registry, deps.operations);
  const deadline = databaseDeadline(deps.dbTimeoutMs ?? DEFAULT_DB_TIMEOUT_MS);
  app.use(
    dispatchByPrefix(
      [
        ...surfaces.map((s) => ({ prefix: s.prefix, chain: [s.errors, deadline, ...s.middleware, notFound] })),
        { prefix: JFW_PREFIX, chain: [defaultErrors, deadline, notFound, allowedMethodsOf(jfw), routesOf(jfw)] },
      ],
      [
        defaultErrors,
        deadline,
        notFound,
        // 405 reads every layer that matched the path (ctx.matched), whichever router it belongs to.
        allowedMethodsOf(operations),
        routesOf(operations),
        routesOf(openApiRouter(() => openApiDocument(deps.apiVersion ?? '0.0.0'))),
      ],
    ),
  );
  return app;
}

/** After the path's routers had their turn (and 405 detection): nothing answered, so nothing is there. */
const notFound: Middleware = async (ctx, next) => {
  await next();
  if (ctx.status === 404 && ctx.body === undefined) throw new HttpInputError('NotFound', 'No resource at this path');
};
