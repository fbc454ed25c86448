import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { SettingsInput, validateSettings } from '../../domain/integration-authentication/integration-authentication-settings';
import { isBase62Id } from '../../domain/shared/base62-id';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import {
  IntegrationAuthenticationRepository,
  IntegrationAuthenticationView, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';

export interface UpdateIntegrationAuthenticationCommand {
  readonly brandId: string;
  readonly id: string;
  readonly settings: SettingsInput;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * PUT /api/v1/app-integrations/authentication/{id} (seed 000): replaces the
 * whole configuration. Nothing of the old state feeds the new one, so the
 * replacement is validated here and written in a single round trip; the
 * repository keeps creation time, advances the version, clears the previous
 * default and maps constraint violations to domain errors.
 */
export class UpdateIntegrationAuthentication {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly repository: IntegrationAuthenticationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateIntegrationAuthenticationCommand): Promise<IntegrationAuthenticationView> {
    const settings = validateSettings(command.settings);
    if (!isBase62Id(command.id)) throw new IntegrationAuthenticationNotFoundError();
    return this.repository.replace({
      brandId: command.brandId,
      id: command.id,
      settings,
      at: this.clock.now(),
      expectedVersions: expectedVersions(command.expectedVersion),
      change: command.change,
    });
  }
}
