import { AppIntegration } from '../../domain/app-integration/app-integration';
import { AppIntegrationNotFoundError } from '../../domain/app-integration/app-integration-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { AppIntegrationCatalog, APP_INTEGRATION_CATALOG } from '../ports/app-integration-catalog';

export interface GetAppIntegrationQuery {
  readonly id: string;
}

/** GET /api/v1/app-integrations/{id}: the catalog is shared, so no brand scope. */
export class GetAppIntegration {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [APP_INTEGRATION_CATALOG] as const;
  }

  constructor(private readonly catalog: AppIntegrationCatalog) {}

  async execute(query: GetAppIntegrationQuery): Promise<AppIntegration> {
    const found = isBase62Id(query.id) ? await this.catalog.findById(query.id) : null;
    if (found === null) throw new AppIntegrationNotFoundError(query.id);
    return found;
  }
}
