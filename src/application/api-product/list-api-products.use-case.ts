import { ApiProduct } from '../../domain/api-product/api-product';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';
import { Page } from '../ports/page';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export type ListApiProductsCommand = PagingCommand;

export class ListApiProducts {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [API_PRODUCT_REPOSITORY] as const;
  }

  constructor(private readonly products: ApiProductRepository) {}

  async execute(command: ListApiProductsCommand): Promise<Page<ApiProduct>> {
    return this.products.list(toPageSlice(command));
  }
}
