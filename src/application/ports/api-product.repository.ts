import { token } from './token';
import { ApiProduct, NewApiProduct } from '../../domain/api-product/api-product';
import { Page, PageSlice } from './page';

export interface ApiProductRepository {
  create(product: NewApiProduct): Promise<ApiProduct>;
  findById(id: number): Promise<ApiProduct | null>;
  /** The products that exist among `ids`, in the order of `ids`, each once. */
  findByIds(ids: readonly number[]): Promise<ApiProduct[]>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<ApiProduct>>;
}

export const API_PRODUCT_REPOSITORY = token<ApiProductRepository>('ApiProductRepository');
