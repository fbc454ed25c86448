import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

export class PortalAppNotFoundError extends DomainError {
  readonly code = 'PortalAppNotFound';
  constructor(readonly appId: number) {
    super(`App ${appId} not found`);
  }
}

export class NoProductsError extends DomainError {
  readonly code = 'NoProducts';
  constructor() {
    super('At least one product is required');
  }
}

export class ProductsOfDifferentAuthTypesError extends DomainError {
  readonly code = 'ProductsOfDifferentAuthTypes';
  constructor(readonly authTypes: readonly string[]) {
    super(`Products must share one auth type, got ${authTypes.join(', ')}`);
  }
}
