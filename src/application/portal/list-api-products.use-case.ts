import { ApiProduct } from '../../domain/portal/api-product';
import { ApiProductRepository } from '../ports/portal/api-product.repository';
import { PageResult } from '../ports/portal/page';
import { PagingCommand, toPageRequest } from './paging';

export type ListApiProductsCommand = PagingCommand;

export class ListApiProducts {
  constructor(private readonly products: ApiProductRepository) {}

  async execute(command: ListApiProductsCommand): Promise<PageResult<ApiProduct>> {
    return this.products.list(toPageRequest(command));
  }
}
