import { AuditEntry } from '../../domain/audit/audit-entry';
import { BrandNotFoundError } from '../../domain/brand/brand-errors';
import { BrandUrl } from '../../domain/brand/brand-url';
import { AuditTrail, AUDIT_TRAIL } from '../ports/audit-trail';
import { BrandRepository, BRAND_REPOSITORY } from '../ports/brand.repository';

export interface ListAuditEntriesQuery {
  /** Only this brand's entries; absent: every entry of both surfaces. */
  readonly brandUrl?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  /** Newest first, at most this many (default 100). */
  readonly limit?: number;
}

/** `cli audit:list`: an operator's view of the trail, across brands and the portal. */
export class ListAuditEntries {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [AUDIT_TRAIL, BRAND_REPOSITORY] as const;
  }

  constructor(
    private readonly audit: AuditTrail,
    private readonly brands: BrandRepository,
  ) {}

  async execute(query: ListAuditEntriesQuery): Promise<readonly AuditEntry[]> {
    let brandId: string | undefined;
    if (query.brandUrl !== undefined) {
      const url = BrandUrl.normalise(query.brandUrl);
      const brand = await this.brands.findByUrl(url);
      if (brand === null) throw new BrandNotFoundError(url);
      brandId = brand.id;
    }
    const page = await this.audit.entries(
      { brandId, resourceType: query.resourceType, resourceId: query.resourceId },
      { offset: 0, limit: query.limit ?? 100 },
    );
    return page.items;
  }
}
