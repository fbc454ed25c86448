import { DomainError } from '../shared/domain-error';

/*
 * Stable codes for every rule of the portal surface. The HTTP adapter maps
 * them to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT),
 * so the codes name the fact, not the status.
 */

export class PortalAppNotFoundError extends DomainError {
  readonly code = 'PortalAppNotFound';
  constructor(readonly appId: number) {
    super(`App ${appId} not found`);
  }
}

export class PortalUserNotFoundError extends DomainError {
  readonly code = 'PortalUserNotFound';
  constructor(readonly userId: number) {
    super(`User ${userId} not found`);
  }
}

export class ApiProductNotFoundError extends DomainError {
  readonly code = 'ApiProductNotFound';
  constructor(readonly productId: number) {
    super(`Product ${productId} not found`);
  }
}

export class AccessRequestNotFoundError extends DomainError {
  readonly code = 'AccessRequestNotFound';
  constructor(readonly accessRequestId: number) {
    super(`Access request ${accessRequestId} not found`);
  }
}

export class AccessRequestNotPendingError extends DomainError {
  readonly code = 'AccessRequestNotPending';
  constructor(readonly accessRequestId: number, readonly status: string) {
    super(`Access request ${accessRequestId} is ${status}, not pending`);
  }
}

export class CredentialNotFoundError extends DomainError {
  readonly code = 'CredentialNotFound';
  constructor(readonly credentialId: number) {
    super(`Credential ${credentialId} not found`);
  }
}

export class UserOwnsAppsError extends DomainError {
  readonly code = 'UserOwnsApps';
  constructor(readonly userId: number) {
    super(`User ${userId} owns apps and cannot be deleted`);
  }
}

export class EmailTakenError extends DomainError {
  readonly code = 'EmailTaken';
  constructor(readonly email: string) {
    super(`Email ${email} is already in use`);
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

export class PortalAdminNotFoundError extends DomainError {
  readonly code = 'PortalAdminNotFound';

  constructor(readonly email: string) {
    super(`No portal admin has email ${email}`);
  }
}

export class PortalAdminEmailTakenError extends DomainError {
  readonly code = 'PortalAdminEmailTaken';
  constructor(readonly email: string) {
    super(`A portal admin with email ${email} already exists`);
  }
}
