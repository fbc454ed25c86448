import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

export class PortalAppNotFoundError extends DomainError {
  readonly code = 'PortalAppNotFound';
  constructor(readonly appId: number) {
    super(`App ${appId} not found`);
  }
}

export class NoProductsError extends DomainError {
  readonly code = 'NoProducts';
  constructor() {
    super('At least one product is required');
  }
}

export class ProductsOfDifferentAuthTypesError extends DomainError {
  readonly code = 'ProductsOfDifferentAuthTypes';
  constructor(readonly authTypes: readonly string[]) {
    super(`Products must share one auth type, got ${authTypes.join(', ')}`);
  }
}

/**
 * The app's redirect URLs are a registered client's redirect_uris: emptying
 * them would leave its flow nowhere to send the user back (RFC 7591 §2).
 */
export class RedirectUrlsInUseError extends DomainError {
  readonly code = 'RedirectUrlsInUse';
  constructor(readonly credentialId: number, readonly grants: readonly string[]) {
    super(`RedirectURLs: must not be emptied while credential ${credentialId} is registered at an identity provider for ${grants.join(', ')}`);
  }
}
