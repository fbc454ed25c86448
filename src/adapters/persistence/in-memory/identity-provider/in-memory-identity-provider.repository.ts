import { identityProviderRecord } from '../../../../application/shared/dcr-audit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { IdentityProviderRepository } from '../../../../application/ports/identity-provider.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { IdentityProvider, IdentityProviderSnapshot, NewIdentityProvider } from '../../../../domain/identity-provider/identity-provider';
import { IdentityProviderIssuerTakenError } from '../../../../domain/identity-provider/identity-provider-errors';
import { pageOf } from '../../../../application/shared/paged-items';

export class InMemoryIdentityProviderRepository implements IdentityProviderRepository {
  private readonly rows = new Map<number, IdentityProviderSnapshot>();
  private lastId = 0;

  constructor(private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail()) {}

  async create(provider: NewIdentityProvider, change: ChangeContext): Promise<IdentityProvider> {
    if ([...this.rows.values()].some((row) => row.issuer === provider.issuer)) throw new IdentityProviderIssuerTakenError(provider.issuer);
    const props = { ...provider, id: ++this.lastId };
    this.rows.set(props.id, props);
    const created = IdentityProvider.restore(props);
    this.audit.record(change, identityProviderRecord(created, provider.createdAt));
    return created;
  }

  async findById(id: number): Promise<IdentityProvider | null> {
    const props = this.rows.get(id);
    return props ? IdentityProvider.restore(props) : null;
  }

  async list(page: PageSlice): Promise<Page<IdentityProvider>> {
    const all = [...this.rows.values()].sort((a, b) => a.id - b.id);
    return pageOf(all, page, IdentityProvider.restore);
  }
}
