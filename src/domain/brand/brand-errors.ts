import { DomainError } from '../shared/domain-error';

/** One answer for a missing key, a wrong key and an unknown brand, so brand existence does not leak. */
export class CredentialNotRecognisedError extends DomainError {
  readonly code = 'CredentialNotRecognised';

  constructor() {
    super('The Brand-URL and Auth-Key do not match an active key');
  }
}

export class BrandUrlTakenError extends DomainError {
  readonly code = 'BrandUrlTaken';

  constructor(readonly url: string) {
    super(`A brand with URL ${url} already exists`);
  }
}

export class BrandKeyNotFoundError extends DomainError {
  readonly code = 'BrandKeyNotFound';

  constructor(readonly url: string, readonly keyId: string | undefined) {
    super(keyId === undefined ? `Brand ${url} has no active key` : `Brand ${url} has no active key ${keyId}`);
  }
}

export class BrandNotFoundError extends DomainError {
  readonly code = 'BrandNotFound';

  constructor(readonly url: string) {
    super(`No brand has URL ${url}`);
  }
}
