import { AuditEntry } from '../../domain/audit/audit-entry';
import { AuditTrail, AUDIT_TRAIL } from '../ports/audit-trail';
import { Page } from '../ports/page';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export interface ListPortalAuditEntriesQuery extends PagingCommand {
  readonly resourceType?: string;
  readonly resourceId?: string;
}

/** GET /portal-api/audit: the portal's entries (no brand's), newest first. */
export class ListPortalAuditEntries {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [AUDIT_TRAIL] as const;
  }

  constructor(private readonly audit: AuditTrail) {}

  async execute(query: ListPortalAuditEntriesQuery): Promise<Page<AuditEntry>> {
    return this.audit.entries({ surface: 'portal', resourceType: query.resourceType, resourceId: query.resourceId }, toPageSlice(query));
  }
}
