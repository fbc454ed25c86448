import { DomainError } from '../../domain/shared/domain-error';

/**
 * What can go wrong when the service talks to an identity provider. The
 * outbox job that runs provider calls decides from `retryable` alone: retry
 * later, or mark the credential `failed` with the error's message.
 */
export abstract class IdentityProviderError extends DomainError {
  abstract readonly retryable: boolean;
}

/**
 * The provider answered and said no (RFC 7591 §3.2.2 / RFC 6749 §5.2 error
 * body, or a 4xx such as 401 for a registration access token it no longer
 * accepts). Retrying the same request gets the same answer.
 */
export class IdentityProviderRefused extends IdentityProviderError {
  readonly code = 'IdentityProviderRefused';
  readonly retryable = false;

  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** The provider's `error` code, e.g. `invalid_redirect_uri`; `http_<status>` when it sent none. */
    readonly error: string,
    /** The provider's `error_description`, shortened and stripped of control characters. */
    readonly errorDescription: string | null,
  ) {
    super(`The identity provider refused the request (${status} ${error}${errorDescription ? `: ${errorDescription}` : ''})`);
  }
}

/**
 * The provider could not be asked: connection refused, DNS failure, timeout,
 * or an answer that says "later" (5xx, 408, 429). Retry with backoff.
 */
export class IdentityProviderUnreachable extends IdentityProviderError {
  readonly code = 'IdentityProviderUnreachable';
  readonly retryable = true;

  constructor(
    reason: string,
    /**
     * False only when the request certainly never reached the provider
     * (connection refused, name not resolved, address not allowed). When true
     * a registration may exist at the provider although no answer arrived;
     * see docs/dcr.md for how a retry handles it.
     */
    readonly requestMayHaveArrived: boolean,
  ) {
    super(`The identity provider could not be reached (${reason})`);
  }
}

/**
 * The provider answered something the protocol does not allow: not JSON, no
 * `client_id`, a redirect, an answer over the size limit, a management URI
 * on another origin. Retrying does not help; an operator has to look.
 */
export class IdentityProviderProtocolViolation extends IdentityProviderError {
  readonly code = 'IdentityProviderProtocolViolation';
  readonly retryable = false;

  constructor(reason: string) {
    super(`The identity provider's answer breaks the protocol (${reason})`);
  }
}

/**
 * The provider's address is not one the service may call (a private network
 * without WEBHOOK_ALLOW_PRIVATE=true, a metadata address, plain http). Nothing
 * was sent; retrying changes nothing until the operator changes the address
 * or the setting.
 */
export class IdentityProviderNotAllowed extends IdentityProviderError {
  readonly code = 'IdentityProviderNotAllowed';
  readonly retryable = false;

  constructor(reason: string) {
    super(`The identity provider's address is not allowed (${reason})`);
  }
}
