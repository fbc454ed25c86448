import { ApiProduct } from '../../domain/api-product/api-product';
import { ApiProductNotFoundError } from '../../domain/api-product/api-product-errors';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';

export interface GetApiProductCommand {
  productId: number;
}

export class GetApiProduct {
  /** The constructor's ports, in order; read when the container binds. */
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
