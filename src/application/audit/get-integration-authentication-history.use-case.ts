import { AuditEntry } from '../../domain/audit/audit-entry';
import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { AuditTrail, AUDIT_TRAIL } from '../ports/audit-trail';
import { PageAnswer, PageRequest, resolvePage } from '../shared/jfw-paging';

export interface GetIntegrationAuthenticationHistoryQuery extends PageRequest {
  readonly brandId: string;
  readonly id: string;
}

/**
 * GET /api/v1/app-integrations/authentication/{id}/history: the brand's
 * entries about one configuration, newest first. Also after its deletion
 * (entries outlive what they name). Another brand's id has no entries of
 * this brand: an empty page, as for an id never used, so nothing leaks.
 */
export class GetIntegrationAuthenticationHistory {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [AUDIT_TRAIL] as const;
  }

  constructor(private readonly audit: AuditTrail) {}

  async execute(query: GetIntegrationAuthenticationHistoryQuery): Promise<PageAnswer<AuditEntry>> {
    if (!isBase62Id(query.id)) throw new IntegrationAuthenticationNotFoundError();
    const { pageNumber, pageSize, offset, limit } = resolvePage(query);
    const page = await this.audit.entries(
      { brandId: query.brandId, resourceType: 'integration-authentication', resourceId: query.id },
      { offset, limit },
    );
    return { ...page, pageNumber, pageSize };
  }
}
