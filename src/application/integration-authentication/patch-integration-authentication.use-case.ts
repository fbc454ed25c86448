import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { SettingsPatch } from '../../domain/integration-authentication/integration-authentication';
import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { IntegrationAuthenticationRepository, IntegrationAuthenticationView, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';

export interface PatchIntegrationAuthenticationCommand {
  readonly brandId: string;
  readonly id: string;
  /** The merge patch, fields as the API names them (status already as a string). */
  readonly patch: SettingsPatch;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * PATCH /api/v1/app-integrations/authentication/{id} (JSON Merge Patch). The
 * new state depends on the stored one, so the repository loads, the entity
 * merges and validates, and the result is written in one transaction.
 */
export class PatchIntegrationAuthentication {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly repository: IntegrationAuthenticationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: PatchIntegrationAuthenticationCommand): Promise<IntegrationAuthenticationView> {
    if (!isBase62Id(command.id)) throw new IntegrationAuthenticationNotFoundError();
    const now = this.clock.now();
    return this.repository.update(
      command.brandId,
      command.id,
      (current) => current.changeSettings(command.patch, now),
      command.change,
      expectedVersions(command.expectedVersion),
    );
  }
}
