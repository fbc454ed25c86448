import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';

import { ApiProduct, NewApiProduct } from '../../domain/api-product/api-product';
import { Page, PageSlice } from './page';

export interface ApiProductRepository {
  /** Records its audit entry with it, from `change`. */
  create(product: NewApiProduct, change: ChangeContext): Promise<ApiProduct>;
  findById(id: number): Promise<ApiProduct | null>;
  /** The products that exist among `ids`, in the order of `ids`, each once. */
  findByIds(ids: readonly number[]): Promise<ApiProduct[]>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<ApiProduct>>;
}

export const API_PRODUCT_REPOSITORY = token<ApiProductRepository>('ApiProductRepository');
