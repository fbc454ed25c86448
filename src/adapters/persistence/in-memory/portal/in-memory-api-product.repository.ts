import { ApiProductRepository } from '../../../../application/ports/api-product.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { ApiProduct, NewApiProduct } from '../../../../domain/api-product/api-product';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryApiProductRepository implements ApiProductRepository {
  constructor(private readonly store: InMemoryPortalStore) {}

  async create(product: NewApiProduct): Promise<ApiProduct> {
    return this.store.transaction((t) => {
      const props = { ...product, id: InMemoryPortalStore.nextId(t, 'products') };
      t.products.set(props.id, props);
      return ApiProduct.restore(props);
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
