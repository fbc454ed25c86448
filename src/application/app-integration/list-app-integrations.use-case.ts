import { AppIntegration, AppIntegrationType, ActivityStatus } from '../../domain/app-integration/app-integration';
import { AppIntegrationCatalog, APP_INTEGRATION_CATALOG } from '../ports/app-integration-catalog';
import { keywordsFilter, PageAnswer, PageRequest, resolvePage } from '../shared/jfw-paging';

export interface ListAppIntegrationsQuery extends PageRequest {
  readonly type?: AppIntegrationType;
  readonly status?: ActivityStatus;
  /** Case-insensitive substring of name, description or domain. */
  readonly keywords?: string;
}

/** GET /api/v1/app-integrations: one page of the shared catalog, by name. */
export class ListAppIntegrations {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [APP_INTEGRATION_CATALOG] as const;
  }

  constructor(private readonly catalog: AppIntegrationCatalog) {}

  async execute(query: ListAppIntegrationsQuery): Promise<PageAnswer<AppIntegration>> {
    const { pageNumber, pageSize, offset, limit } = resolvePage(query);
    const filter = { type: query.type, status: query.status, keywords: keywordsFilter(query.keywords) };
    const page = await this.catalog.list(filter, { offset, limit });
    return { items: page.items, total: page.total, pageNumber, pageSize };
  }
}
