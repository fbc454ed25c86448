import { ApiProduct, ApiProductInput } from '../../domain/portal/api-product';
import { Clock } from '../ports/clock';
import { ApiProductRepository } from '../ports/portal/api-product.repository';

export type CreateApiProductCommand = ApiProductInput;

export class CreateApiProduct {
  constructor(private readonly products: ApiProductRepository, private readonly clock: Clock) {}

  async execute(command: CreateApiProductCommand): Promise<ApiProduct> {
    return this.products.create(ApiProduct.create(command, this.clock.now()));
  }
}
