import { AppIntegrationCatalog, AppIntegrationFilter } from '../../../../application/ports/app-integration-catalog';
import { Page } from '../../../../application/ports/page';
import { AppIntegration } from '../../../../domain/app-integration/app-integration';
import { AppIntegrationAlreadyExistsError } from '../../../../domain/app-integration/app-integration-errors';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { fieldChanges } from '../../../../domain/audit/recorded-change';
import { pageOf } from '../../../../application/shared/paged-items';

export class InMemoryAppIntegrationCatalog implements AppIntegrationCatalog {
  private readonly entries = new Map<string, AppIntegration>();

  constructor(
    initial: readonly AppIntegration[] = [],
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {
    for (const entry of initial) this.entries.set(entry.id, entry);
  }

  async add(entry: AppIntegration, change: ChangeContext): Promise<void> {
    const name = entry.snapshot().name.toLowerCase();
    const same = [...this.entries.values()].find((e) => e.snapshot().type === entry.snapshot().type && e.snapshot().name.toLowerCase() === name);
    if (same !== undefined) throw new AppIntegrationAlreadyExistsError(entry.snapshot().type, same.snapshot().name, same.id);
    this.entries.set(entry.id, entry);
    const { id: _id, ...props } = entry.snapshot();
    this.audit.record(change, {
      at: new Date(), surface: 'jfw', brandId: null, action: 'created', resource: { type: 'app-integration', id: entry.id },
      changes: fieldChanges(null, props, ['type', 'name', 'domain', 'description', 'logoURL', 'status']),
    });
  }

  async findById(id: string): Promise<AppIntegration | null> {
    return this.entries.get(id) ?? null;
  }

  /** Synchronous lookup for the in-memory configuration store, which joins on it. */
  get(id: string): AppIntegration | undefined {
    return this.entries.get(id);
  }

  async list(filter: AppIntegrationFilter, page: { offset: number; limit: number }): Promise<Page<AppIntegration>> {
    const keywords = filter.keywords?.toLowerCase();
    const matching = [...this.entries.values()]
      .filter((e) => filter.type === undefined || e.snapshot().type === filter.type)
      .filter((e) => filter.status === undefined || e.snapshot().status === filter.status)
      .filter(
        (e) =>
          keywords === undefined ||
          `${e.snapshot().name} ${e.snapshot().description ?? ''} ${e.snapshot().domain}`.toLowerCase().includes(keywords),
      )
      .sort((a, b) => compare(a.snapshot().name, b.snapshot().name) || compare(a.id, b.id));
    return pageOf(matching, page);
  }
}

/** Byte order, as PostgreSQL's "C"-like comparison of these ASCII ids. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
