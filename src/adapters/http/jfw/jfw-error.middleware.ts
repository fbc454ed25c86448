import type { Middleware } from 'koa';
import { DomainError, ValidationError } from '../../../domain/shared/domain-error';
import { HttpInputError } from '../shared/http-input-error';
import { HttpLogger, UnavailabilityCheck, unexpectedFailure, warnServerSide } from '../shared/infrastructure-errors';
import { JfwError, sendEnvelope } from './jfw-envelope';

/**
 * Domain codes → [HTTP status, wire code]: the one table of the JFramework
 * surface. The domain names facts (VersionMismatch); the wire keeps the
 * codes the contract gives clients (PreconditionFailed).
 */
const WIRE_BY_CODE: Record<string, readonly [number, string]> = {
  ValidationFailed: [400, 'ValidationFailed'],
  CredentialNotRecognised: [401, 'Unauthorized'],
  AppIntegrationNotFound: [404, 'AppIntegrationNotFound'],
  AppIntegrationAuthenticationNotFound: [404, 'AppIntegrationAuthenticationNotFound'],
  IntegrationAuthenticationCodeTaken: [409, 'AppIntegrationConflictSetting'],
  IntegrationAuthenticationUnusable: [409, 'AppIntegrationConflictSetting'],
  VersionMismatch: [412, 'PreconditionFailed'],
  WebhookSubscriptionNotFound: [404, 'WebhookNotFound'],
  WebhookDeliveryNotFound: [404, 'WebhookDeliveryNotFound'],
  WebhookSubscriptionDisabled: [409, 'WebhookDisabled'],
  // The request is well formed; the brand's set of subscriptions is full (as AppIntegrationConflictSetting is about its set).
  WebhookSubscriptionLimitReached: [409, 'WebhookLimitReached'],
  // The write would queue a job the database refuses (the role's job queue grants): the service's fault, not the request's.
  JobQueueRefused: [503, 'ServiceUnavailable'],
};

const INPUT_CODES: Record<string, string> = {
  MalformedJson: 'ValidationFailed',
  RequestAborted: 'ValidationFailed',
};

/**
 * Turns every failure under /api/v1 into an envelope. Known errors keep
 * their code and message; anything else is logged and answered as a bare
 * InternalError, so no stack, SQL or secret can reach a client.
 */
export function jfwErrors(logger: HttpLogger, isUnavailable: UnavailabilityCheck): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors: JfwError[] = error.violations.map((v) => ({ code: error.code, message: v.message, field: v.field }));
        return sendEnvelope(ctx, 400, null, errors);
      }
      const wire = error instanceof DomainError && Object.hasOwn(WIRE_BY_CODE, error.code) ? WIRE_BY_CODE[error.code] : undefined;
      if (wire !== undefined) {
        if (wire[0] >= 500) warnServerSide(error as Error, ctx, logger);
        return sendEnvelope(ctx, wire[0], null, [{ code: wire[1], message: (error as Error).message }]);
      }
      if (error instanceof HttpInputError) {
        const code = INPUT_CODES[error.problem] ?? error.problem;
        if (error.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(error.retryAfterSeconds));
        return sendEnvelope(ctx, error.status, null, [{ code, message: error.message }]);
      }
      if (unexpectedFailure(error, ctx, logger, isUnavailable) === 503) {
        return sendEnvelope(ctx, 503, null, [{ code: 'ServiceUnavailable', message: 'The database is unavailable; retry later' }]);
      }
      return sendEnvelope(ctx, 500, null, [{ code: 'InternalError', message: 'The server failed to handle the request' }]);
    }
  };
}
