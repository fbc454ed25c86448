import { token } from './token';
import { NewPortalUser, PortalUser } from '../../domain/portal-user/portal-user';
import { Page, PageSlice } from './page';

export interface PortalUserRepository {
  /** @throws EmailTakenError */
  create(user: NewPortalUser): Promise<PortalUser>;
  findById(id: number): Promise<PortalUser | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<PortalUser>>;
  /**
   * Loads, lets `change` mutate, writes — one transaction. A throwing
   * `change` leaves the store as it was.
   * `expectedVersions` (If-Match): the stored version must be one of them.
   * @throws PortalUserNotFoundError, VersionMismatchError, EmailTakenError
   */
  update(id: number, change: (user: PortalUser) => PortalUser, expectedVersions?: readonly number[]): Promise<PortalUser>;
  /**
   * Refuses while the user owns apps, checked in the same transaction as the
   * delete so a concurrent app creation cannot orphan an app.
   * @throws PortalUserNotFoundError, UserOwnsAppsError, VersionMismatchError (only with `expectedVersions`)
   */
  delete(id: number, expectedVersions?: readonly number[]): Promise<void>;
}

export const PORTAL_USER_REPOSITORY = token<PortalUserRepository>('PortalUserRepository');
