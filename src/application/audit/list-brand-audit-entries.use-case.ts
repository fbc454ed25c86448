import { AuditEntry } from '../../domain/audit/audit-entry';
import { FieldViolations } from '../../domain/shared/field-violations';
import { AuditTrail, AUDIT_TRAIL } from '../ports/audit-trail';
import { PageAnswer, PageRequest, resolvePage } from '../shared/jfw-paging';

export interface ListBrandAuditEntriesQuery extends PageRequest {
  readonly brandId: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  /** Inclusive bounds on the entries' time. */
  readonly from?: Date;
  readonly to?: Date;
}

/** GET /api/v1/audit: the brand's own entries only, newest first. */
export class ListBrandAuditEntries {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [AUDIT_TRAIL] as const;
  }

  constructor(private readonly audit: AuditTrail) {}

  async execute(query: ListBrandAuditEntriesQuery): Promise<PageAnswer<AuditEntry>> {
    const { pageNumber, pageSize, offset, limit } = resolvePage(query);
    const { brandId, resourceType, resourceId, from, to } = query;
    // The HTTP edge checks the text; an invalid Date from any caller must not reach a query (a PostgreSQL error, not a miss).
    const violations = new FieldViolations();
    if (from !== undefined && Number.isNaN(from.getTime())) violations.add('from', 'must be a valid time');
    if (to !== undefined && Number.isNaN(to.getTime())) violations.add('to', 'must be a valid time');
    violations.throwIfAny();
    const page = await this.audit.entries({ brandId, resourceType, resourceId, from, to }, { offset, limit });
    return { ...page, pageNumber, pageSize };
  }
}
