import { AuditEntry } from '../../domain/audit/audit-entry';
import { IntegrationAuthenticationNotFoundError } from '../../domain/integration-authentication/integration-authentication-errors';
import { isBase62Id } from '../../domain/shared/base62-id';
import { AuditTrail, AUDIT_TRAIL } from '../ports/audit-trail';
import { IntegrationAuthenticationRepository, INTEGRATION_AUTHENTICATION_REPOSITORY } from '../ports/integration-authentication.repository';
import { PageAnswer, PageRequest, resolvePage } from '../shared/jfw-paging';

export interface GetIntegrationAuthenticationHistoryQuery extends PageRequest {
  readonly brandId: string;
  readonly id: string;
}

/**
 * GET /api/v1/app-integrations/authentication/{id}/history: the brand's
 * entries about one configuration, newest first. Also after its deletion
 * (entries outlive what they name). An id with no entry of this brand and
 * no configuration of this brand is 404, as on every other `{id}` route:
 * another brand's id and an id never used answer the same, so nothing
 * leaks; a configuration older than the audit trail answers an empty page.
 */
export class GetIntegrationAuthenticationHistory {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [AUDIT_TRAIL, INTEGRATION_AUTHENTICATION_REPOSITORY] as const;
  }

  constructor(
    private readonly audit: AuditTrail,
    private readonly authentications: IntegrationAuthenticationRepository,
  ) {}

  async execute(query: GetIntegrationAuthenticationHistoryQuery): Promise<PageAnswer<AuditEntry>> {
    if (!isBase62Id(query.id)) throw new IntegrationAuthenticationNotFoundError();
    const { pageNumber, pageSize, offset, limit } = resolvePage(query);
    const page = await this.audit.entries(
      { brandId: query.brandId, resourceType: 'integration-authentication', resourceId: query.id },
      { offset, limit },
    );
    // Only when the brand has no entry for it: the common case costs one statement.
    if (page.total === 0 && (await this.authentications.findById(query.brandId, query.id)) === null) {
      throw new IntegrationAuthenticationNotFoundError();
    }
    return { ...page, pageNumber, pageSize };
  }
}
