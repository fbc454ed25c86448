import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';

import { NewPortalUser, PortalUser } from '../../domain/portal-user/portal-user';
import { Page, PageSlice } from './page';

/** Every write records its audit entry with it, from `change`. */
export interface PortalUserRepository {
  /** @throws EmailTakenError */
  create(user: NewPortalUser, change: ChangeContext): Promise<PortalUser>;
  findById(id: number): Promise<PortalUser | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<PortalUser>>;
  /**
   * Loads, lets `change` mutate, writes — one transaction. A throwing
   * `change` leaves the store as it was.
   * `expectedVersions` (If-Match): the stored version must be one of them.
   * @throws PortalUserNotFoundError, VersionMismatchError, EmailTakenError
   */
  update(id: number, derive: (user: PortalUser) => PortalUser, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalUser>;
  /**
   * Refuses while the user owns apps, checked in the same transaction as the
   * delete so a concurrent app creation cannot orphan an app.
   * @throws PortalUserNotFoundError, UserOwnsAppsError, VersionMismatchError (only with `expectedVersions`)
   */
  delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void>;
}

export const PORTAL_USER_REPOSITORY = token<PortalUserRepository>('PortalUserRepository');
