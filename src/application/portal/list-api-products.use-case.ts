import { ApiProduct } from '../../domain/portal/api-product';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/portal/api-product.repository';
import { PageResult } from '../ports/portal/page';
import { PagingCommand, toPageRequest } from './paging';

export type ListApiProductsCommand = PagingCommand;

export class ListApiProducts {
  /** The tokens of the constructor's ports, in order: the registry binds the use case from them. */
  static readonly ports = [API_PRODUCT_REPOSITORY] as const;

  constructor(private readonly products: ApiProductRepository) {}

  async execute(command: ListApiProductsCommand): Promise<PageResult<ApiProduct>> {
    return this.products.list(toPageRequest(command));
  }
}
