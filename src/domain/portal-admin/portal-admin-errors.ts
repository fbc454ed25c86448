import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

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
