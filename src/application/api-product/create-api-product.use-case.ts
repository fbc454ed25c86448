import { ChangeContext } from '../../domain/audit/change-context';
import { ApiProduct, ApiProductInput } from '../../domain/api-product/api-product';
import { IdentityProviderNotFoundError } from '../../domain/identity-provider/identity-provider-errors';
import { Clock, CLOCK } from '../ports/clock';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';
import { IdentityProviderRepository, IDENTITY_PROVIDER_REPOSITORY } from '../ports/identity-provider.repository';

export type CreateApiProductCommand = ApiProductInput & { readonly change: ChangeContext };

/**
 * @throws ValidationError, IdentityProviderNotFoundError (a DCR product naming
 *         no identity provider that exists; providers are never deleted, and
 *         the database's foreign key stands behind this check)
 */
export class CreateApiProduct {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [API_PRODUCT_REPOSITORY, IDENTITY_PROVIDER_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly products: ApiProductRepository,
    private readonly identityProviders: IdentityProviderRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiProductCommand): Promise<ApiProduct> {
    const { change, ...input } = command;
    const product = ApiProduct.create(input, this.clock.now());
    if (product.identityProviderId !== null && (await this.identityProviders.findById(product.identityProviderId)) === null) {
      throw new IdentityProviderNotFoundError(product.identityProviderId);
    }
    return this.products.create(product, change);
  }
}
