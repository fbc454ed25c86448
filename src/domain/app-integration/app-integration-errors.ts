import { DomainError } from '../shared/domain-error';

export class AppIntegrationNotFoundError extends DomainError {
  readonly code = 'AppIntegrationNotFound';

  constructor(readonly appIntegrationId: string) {
    super('The app integration does not exist');
  }
}
