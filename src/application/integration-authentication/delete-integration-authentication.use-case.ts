import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { IntegrationAuthenticationRepository, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';

export interface DeleteIntegrationAuthenticationCommand {
  readonly brandId: string;
  readonly id: string;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * DELETE /api/v1/app-integrations/authentication/{id}. Deleting the default
 * promotes nothing: the integration is left without a default until the
 * brand names one, rather than the store guessing which.
 */
export class DeleteIntegrationAuthentication {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly repository: IntegrationAuthenticationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteIntegrationAuthenticationCommand): Promise<void> {
    if (!isBase62Id(command.id)) throw new IntegrationAuthenticationNotFoundError();
    await this.repository.delete(command.brandId, command.id, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
