import type { Context, Middleware } from 'koa';
import { DomainError, ValidationError } from '../../../domain/shared/domain-error';
import { HttpInputError } from '../shared/http-input-error';
import { HttpLogger, UnavailabilityCheck, unexpectedFailure, warnServerSide } from '../shared/infrastructure-errors';
import { PortalHttpError } from './portal-http-error';
import type { UnprocessableShape } from '../openapi/route-docs';

/**
 * Error code → status: the one table of the portal surface. `notFound` is
 * 404 when the unknown id is the resource read or deleted (GET, DELETE) and
 * 422 when it is named by a write (PUT/POST), as the Tyk API answers.
 */
const STATUS_BY_CODE: Record<string, number | 'notFound'> = {
  Unauthorized: 401,
  NotFound: 404,
  MethodNotAllowed: 405,
  PreconditionFailed: 412,
  VersionMismatch: 412,
  RequestTimeout: 408,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  RequestAborted: 400,
  MalformedJson: 422,
  ValidationFailed: 422,
  EmailTaken: 422,
  UserOwnsApps: 422,
  NoProducts: 422,
  ProductsOfDifferentAuthTypes: 422,
  AccessRequestNotPending: 422,
  RedirectUrlsInUse: 422,
  WebhookSubscriptionDisabled: 422,
  WebhookSubscriptionLimitReached: 422,
  // The webhook (and delivery) is the resource of its path on every method.
  WebhookSubscriptionNotFound: 404,
  WebhookDeliveryNotFound: 404,
  UnknownId: 'notFound',
  PortalAppNotFound: 'notFound',
  PortalUserNotFound: 'notFound',
  ApiProductNotFound: 'notFound',
  AccessRequestNotFound: 'notFound',
  CredentialNotFound: 'notFound',
  // Named by a product being created: the id is in the body, never the path.
  IdentityProviderNotFound: 422,
  // The write would queue a job the database refuses (the role's job queue grants): the service's fault, not the request's.
  JobQueueRefused: 503,
};

/** Domain field names → the Tyk wire names clients sent. */
const WIRE_FIELDS: Record<string, string> = {
  name: 'Name', description: 'Description', redirectUrls: 'RedirectURLs', userId: 'UserID', visibility: 'Visibility',
  email: 'Email', first: 'First', last: 'Last', role: 'Role', organisationId: 'OrganisationID', active: 'Active',
  authType: 'AuthType', scopes: 'Scopes', productIds: 'Products', plan: 'Plan', catalogue: 'Catalogue',
  page: 'page', perPage: 'per_page', url: 'URL', eventTypes: 'EventTypes', enabled: 'Enabled',
  dcrEnabled: 'DCREnabled', identityProviderId: 'IdentityProviderID', grantTypes: 'GrantTypes', responseTypes: 'ResponseTypes',
  tokenEndpointAuthMethod: 'TokenEndpointAuthMethod',
};

function codeOf(error: unknown): string | undefined {
  if (error instanceof DomainError || error instanceof PortalHttpError) return error.code;
  if (error instanceof HttpInputError) return error.problem;
  return undefined;
}

/**
 * class-validator's own messages start with the property ("Name must be
 * shorter than …"); the answer already names the field before the colon, so
 * it is said once: "Name: must be shorter than …", as the service's own
 * messages read.
 */
function withoutField(message: string, field: string): string {
  return message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
}

function messagesOf(error: Error): string[] {
  // Own keys only: a field named `__proto__` or `constructor` must not find Object.prototype's.
  if (error instanceof ValidationError) return error.violations.map((v) => `${Object.hasOwn(WIRE_FIELDS, v.field) ? WIRE_FIELDS[v.field] : v.field}: ${withoutField(v.message, v.field)}`);
  if (error instanceof PortalHttpError && error.code === 'Unauthorized') return ['Unauthorized'];
  return [error.message];
}

function render(ctx: Context, status: number, messages: string[]): void {
  ctx.status = status;
  if (status !== 422) {
    ctx.body = { status: 'error', errors: messages };
    return;
  }
  // The route's own shape, from its entry in the route table (the portal surface puts it in ctx.state).
  const shape: UnprocessableShape = ctx.state.unprocessable ?? 'Errors';
  if (shape === 'Errors') ctx.body = { errors: messages };
  else if (shape === 'StatusWithErrors') ctx.body = { status: 'error', errors: messages };
  else ctx.body = { status: 'error', message: messages.join('; ') };
}

/**
 * Renders every failure under /portal-api. Known errors keep their message;
 * anything else is logged (name and stack only) and answered without details.
 */
export function portalErrors(logger: HttpLogger, isUnavailable: UnavailabilityCheck): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const code = codeOf(error);
      const entry = code === undefined ? undefined : STATUS_BY_CODE[code];
      if (entry !== undefined) {
        // HEAD is a GET without the body: it answers GET's status.
        const status = entry === 'notFound' ? (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'DELETE' ? 404 : 422) : entry;
        if (status >= 500) warnServerSide(error as Error, ctx, logger);
        if (error instanceof HttpInputError && error.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(error.retryAfterSeconds));
        return render(ctx, status, messagesOf(error as Error));
      }
      if (unexpectedFailure(error, ctx, logger, isUnavailable) === 503) return render(ctx, 503, ['Service unavailable, retry later']);
      return render(ctx, 500, ['Internal error']);
    }
  };
}
