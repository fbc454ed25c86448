import { ChangeContext } from '../../domain/audit/change-context';
import { AccessRequest } from '../../domain/access-request/access-request';
import { ApiProductNotFoundError } from '../../domain/api-product/api-product-errors';
import { NoProductsError, PortalAppNotFoundError } from '../../domain/portal-app/portal-app-errors';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';

export interface ProvisionPortalAppCommand {
  appId: number;
  productIds: readonly number[];
  plan?: string;
  catalogue?: string;
  readonly change: ChangeContext;
}

/**
 * Creates one pending access request for the app.
 * @throws PortalAppNotFoundError, NoProductsError, ApiProductNotFoundError,
 *         ProductsOfDifferentAuthTypesError
 */
export class ProvisionPortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, API_PRODUCT_REPOSITORY, ACCESS_REQUEST_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly apps: PortalAppRepository,
    private readonly products: ApiProductRepository,
    private readonly accessRequests: AccessRequestRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ProvisionPortalAppCommand): Promise<AccessRequest> {
    const app = await this.apps.findById(command.appId);
    if (!app) throw new PortalAppNotFoundError(command.appId);
    if (command.productIds.length === 0) throw new NoProductsError();
    const products = await this.products.findByIds(command.productIds);
    const missing = command.productIds.find((id) => !products.some((p) => p.id === id));
    if (missing !== undefined) throw new ApiProductNotFoundError(missing);
    const request = AccessRequest.request(app, products, command, this.clock.now());
    return this.accessRequests.create(request, command.change);
  }
}
