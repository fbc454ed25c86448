import { AppIntegrationNotFoundError } from '../../domain/app-integration/app-integration-errors';
import { AuthorizationRequestOverrides, buildAuthorizationUrl } from '../../domain/integration-authentication/authorization-url';
import {
  IntegrationAuthenticationUnusableError,
  IntegrationAuthenticationNotFoundError,
} from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { AppIntegrationCatalog, APP_INTEGRATION_CATALOG } from '../ports/app-integration-catalog';
import { IntegrationAuthenticationRepository, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';

export interface BuildAuthorizationUrlCommand extends AuthorizationRequestOverrides {
  readonly brandId: string;
  readonly appIntegrationId: string;
  /** Generated (random, base64url) when not given. */
  readonly state?: string;
}

/**
 * POST /api/v1/app-integrations/{appIntegrationId}/authentication/test: the
 * authorization URL of the brand's default configuration of an integration,
 * or of its only one. Several configurations and no default is a conflict
 * (409): picking one silently would test something the brand did not choose.
 */
export class BuildAuthorizationUrl {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY, APP_INTEGRATION_CATALOG, TOKEN_GENERATOR] as const;
  }

  constructor(
    private readonly repository: IntegrationAuthenticationRepository,
    private readonly catalog: AppIntegrationCatalog,
    private readonly tokens: TokenGenerator,
  ) {}

  async execute(command: BuildAuthorizationUrlCommand): Promise<string> {
    if (!isBase62Id(command.appIntegrationId)) throw new AppIntegrationNotFoundError(command.appIntegrationId);
    // Default first, at most two: enough to tell "only one" from "several".
    const candidates = await this.repository.findForIntegration(command.brandId, command.appIntegrationId);
    if (candidates.length === 0) {
      // A configuration implies its catalog entry (foreign key), so only an empty answer needs this look-up.
      if ((await this.catalog.findById(command.appIntegrationId)) === null) {
        throw new AppIntegrationNotFoundError(command.appIntegrationId);
      }
      throw new IntegrationAuthenticationNotFoundError();
    }
    const [first] = candidates;
    if (candidates.length > 1 && !first.authentication.isDefault) {
      throw new IntegrationAuthenticationUnusableError('The brand has several configurations of this integration and none is the default');
    }
    const { clientId, redirectURI, scope } = command;
    const state = command.state ?? this.tokens.generate();
    return buildAuthorizationUrl(first.authentication.settings, state, { clientId, redirectURI, scope });
  }
}
