import { ActivityStatus } from '../../domain/app-integration/app-integration';
import { isBase62Id } from '../../domain/shared/base62-id';
import { IntegrationAuthenticationRepository, IntegrationAuthenticationView, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';
import { keywordsFilter, PageAnswer, PageRequest, resolvePage } from '../shared/jfw-paging';

export interface ListIntegrationAuthenticationsQuery extends PageRequest {
  readonly brandId: string;
  readonly appIntegrationId?: string;
  readonly status?: ActivityStatus;
  /** Case-insensitive substring of code, name, description or tags. */
  readonly keywords?: string;
}

/** GET /api/v1/app-integrations/authentication: one page of the brand's configurations, oldest first. */
export class ListIntegrationAuthentications {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [INTEGRATION_AUTHENTICATION_REPOSITORY] as const;
  }

  constructor(private readonly repository: IntegrationAuthenticationRepository) {}

  async execute(query: ListIntegrationAuthenticationsQuery): Promise<PageAnswer<IntegrationAuthenticationView>> {
    const { pageNumber, pageSize, offset, limit } = resolvePage(query);
    // A malformed integration id matches nothing; the total is still 0, without a query.
    if (query.appIntegrationId !== undefined && !isBase62Id(query.appIntegrationId)) {
      return { items: [], total: 0, pageNumber, pageSize };
    }
    const filter = { appIntegrationId: query.appIntegrationId, status: query.status, keywords: keywordsFilter(query.keywords) };
    const page = await this.repository.list(query.brandId, filter, { offset, limit });
    return { items: page.items, total: page.total, pageNumber, pageSize };
  }
}
