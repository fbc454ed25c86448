import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import {
  IntegrationAuthenticationRepository,
  IntegrationAuthenticationView, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';

export interface GetIntegrationAuthenticationQuery {
  readonly brandId: string;
  readonly id: string;
}

/** GET /api/v1/app-integrations/authentication/{id}. */
export class GetIntegrationAuthentication {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY] as const;
  }

  constructor(private readonly repository: IntegrationAuthenticationRepository) {}

  async execute(query: GetIntegrationAuthenticationQuery): Promise<IntegrationAuthenticationView> {
    // A malformed id can name nothing; answering 404 early spares a query.
    const found = isBase62Id(query.id) ? await this.repository.findById(query.brandId, query.id) : null;
    if (found === null) throw new IntegrationAuthenticationNotFoundError();
    return found;
  }
}
