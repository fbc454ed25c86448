import { DomainError } from '../shared/domain-error';

export class IntegrationAuthenticationNotFoundError extends DomainError {
  readonly code = 'AppIntegrationAuthenticationNotFound';

  constructor() {
    super('The app integration authentication does not exist');
  }
}

/** Another configuration of the brand already uses this code. */
export class IntegrationAuthenticationCodeTakenError extends DomainError {
  readonly code = 'IntegrationAuthenticationCodeTaken';

  constructor(readonly takenCode: string) {
    super('Another authentication of this brand already uses this code');
  }
}

/** The configuration cannot serve the request as it stands (e.g. no authEndpoint). */
export class IntegrationAuthenticationUnusableError extends DomainError {
  readonly code = 'IntegrationAuthenticationUnusable';
}
