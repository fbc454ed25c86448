import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

export class AccessRequestNotFoundError extends DomainError {
  readonly code = 'AccessRequestNotFound';
  constructor(readonly accessRequestId: number) {
    super(`Access request ${accessRequestId} not found`);
  }
}

export class AccessRequestNotPendingError extends DomainError {
  readonly code = 'AccessRequestNotPending';
  constructor(readonly accessRequestId: number, readonly status: string) {
    super(`Access request ${accessRequestId} is ${status}, not pending`);
  }
}

export class CredentialNotFoundError extends DomainError {
  readonly code = 'CredentialNotFound';
  constructor(readonly credentialId: number) {
    super(`Credential ${credentialId} not found`);
  }
}
