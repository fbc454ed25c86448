import { DomainError } from '../shared/domain-error';

export class IdentityProviderNotFoundError extends DomainError {
  readonly code = 'IdentityProviderNotFound';
  constructor(readonly identityProviderId: number) {
    super(`Identity provider ${identityProviderId} not found`);
  }
}

/** One identity provider per issuer: products name it by id, and two rows for one issuer would drift apart. */
export class IdentityProviderIssuerTakenError extends DomainError {
  readonly code = 'IdentityProviderIssuerTaken';
  constructor(readonly issuer: string) {
    super(`An identity provider with issuer ${issuer} exists already`);
  }
}
