import { IntegrationAuthentication } from '../../domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../domain/integration-authentication/integration-authentication-settings';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { IdGenerator, ID_GENERATOR } from '../ports/id-generator';
import {
  IntegrationAuthenticationRepository,
  IntegrationAuthenticationView, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';

export interface CreateIntegrationAuthenticationCommand {
  readonly brandId: string;
  readonly settings: SettingsInput;
  readonly change: ChangeContext;
}

/** POST /api/v1/app-integrations/authentication. */
export class CreateIntegrationAuthentication {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY, ID_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly repository: IntegrationAuthenticationRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateIntegrationAuthenticationCommand): Promise<IntegrationAuthenticationView> {
    const authentication = IntegrationAuthentication.create({
      id: this.ids.next(),
      brandId: command.brandId,
      settings: command.settings,
      now: this.clock.now(),
    });
    return this.repository.insert(authentication, command.change);
  }
}
