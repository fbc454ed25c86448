import { ChangeContext } from '../../domain/audit/change-context';
import { ApiProduct, ApiProductInput } from '../../domain/api-product/api-product';
import { Clock, CLOCK } from '../ports/clock';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';

export type CreateApiProductCommand = ApiProductInput & { readonly change: ChangeContext };

export class CreateApiProduct {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [API_PRODUCT_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly products: ApiProductRepository, private readonly clock: Clock) {}

  async execute(command: CreateApiProductCommand): Promise<ApiProduct> {
    const { change, ...input } = command;
    return this.products.create(ApiProduct.create(input, this.clock.now()), change);
  }
}
