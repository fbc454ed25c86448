import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

export class PortalUserNotFoundError extends DomainError {
  readonly code = 'PortalUserNotFound';
  constructor(readonly userId: number) {
    super(`User ${userId} not found`);
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
