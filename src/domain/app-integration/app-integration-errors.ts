import { DomainError } from '../shared/domain-error';

export class AppIntegrationNotFoundError extends DomainError {
  readonly code = 'AppIntegrationNotFound';

  constructor(readonly appIntegrationId: string) {
    super('The app integration does not exist');
  }
}

/** The catalog holds one entry per type and name (names compared case-insensitively); names the entry already there. */
export class AppIntegrationAlreadyExistsError extends DomainError {
  readonly code = 'AppIntegrationAlreadyExists';

  constructor(
    readonly type: string,
    readonly entryName: string,
    readonly existingId: string | undefined,
  ) {
    super(`The catalog already has a ${type} entry named "${entryName}"${existingId === undefined ? '' : ` (id ${existingId})`}`);
  }
}
