import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { apiProductRecord } from '../../../../application/shared/portal-audit';
import { ApiProductRepository } from '../../../../application/ports/api-product.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { ApiProduct, NewApiProduct } from '../../../../domain/api-product/api-product';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryApiProductRepository implements ApiProductRepository {
  constructor(
    private readonly store: InMemoryPortalStore,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async create(product: NewApiProduct, change: ChangeContext): Promise<ApiProduct> {
    return this.store.transaction((t) => {
      const props = { ...product, id: InMemoryPortalStore.nextId(t, 'products') };
      t.products.set(props.id, props);
      const created = ApiProduct.restore(props);
      this.audit.record(change, apiProductRecord(created, product.createdAt));
      return created;
    });
  }

  async findById(id: number): Promise<ApiProduct | null> {
    const props = this.store.read.products.get(id);
    return props ? ApiProduct.restore(props) : null;
  }

  async findByIds(ids: readonly number[]): Promise<ApiProduct[]> {
    const found: ApiProduct[] = [];
    for (const id of new Set(ids)) {
      const props = this.store.read.products.get(id);
      if (props) found.push(ApiProduct.restore(props));
    }
    return found;
  }

  async list(page: PageSlice): Promise<Page<ApiProduct>> {
    return InMemoryPortalStore.paginate(this.store.read.products, page, ApiProduct.restore);
  }
}
