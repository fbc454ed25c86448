import { ApiProduct } from '../../domain/portal/api-product';
import { ApiProductNotFoundError } from '../../domain/portal/portal-errors';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/portal/api-product.repository';

export interface GetApiProductCommand {
  productId: number;
}

export class GetApiProduct {
  /**
   * The tokens of the constructor's ports, in order: the registry binds the
   * use case from them (a getter, so it runs when read, not at load).
   */
  static get ports() {
    return [API_PRODUCT_REPOSITORY] as const;
  }

  constructor(private readonly products: ApiProductRepository) {}

  async execute(command: GetApiProductCommand): Promise<ApiProduct> {
    const product = await this.products.findById(command.productId);
    if (!product) throw new ApiProductNotFoundError(command.productId);
    return product;
  }
}
