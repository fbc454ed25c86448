import { ApiProduct, ApiProductInput } from '../../domain/api-product/api-product';
import { Clock, CLOCK } from '../ports/clock';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';

export type CreateApiProductCommand = ApiProductInput;

export class CreateApiProduct {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [API_PRODUCT_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly products: ApiProductRepository, private readonly clock: Clock) {}

  async execute(command: CreateApiProductCommand): Promise<ApiProduct> {
    return this.products.create(ApiProduct.create(command, this.clock.now()));
  }
}
