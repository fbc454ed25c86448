import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';

import { NewPortalApp, PortalApp, ValidPortalAppChanges } from '../../domain/portal-app/portal-app';
import { AccessRequestWithCredentials } from './access-request.repository';
import { Page, PageSlice } from './page';

/** An app with its access requests (each with its credentials), oldest first. */
export interface PortalAppWithRequests {
  readonly app: PortalApp;
  readonly accessRequests: readonly AccessRequestWithCredentials[];
}

/** Every write records its audit entry and event with it (docs/events-and-audit.md), from `change`. */
export interface PortalAppRepository {
  /** @throws PortalUserNotFoundError when `userId` names no user */
  create(app: NewPortalApp, change: ChangeContext): Promise<PortalApp>;
  findById(id: number): Promise<PortalApp | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<PortalApp>>;
  /**
   * Applies checked partial changes as PortalApp.update does (fields left out
   * keep their value, version + 1, updatedAt = `now`) atomically, without a
   * read first: the current state is not needed to check them. When the
   * redirect URLs change, the same write sets `redirectUri` of every oauth2
   * credential of the app to the new RedirectURLs string.
   * Credentials that change move their access request's version too.
   * `expectedVersions` (If-Match): the stored version must be one of them.
   * Answers the app as written with its access requests as the same write
   * left them, so the caller needs no second read to show it.
   * @throws PortalAppNotFoundError, VersionMismatchError (only with `expectedVersions`),
   *         PortalUserNotFoundError (new owner does not exist)
   */
  applyChanges(id: number, changes: ValidPortalAppChanges, now: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalAppWithRequests>;
  /**
   * Removes the app with its access requests and their credentials.
   * @throws PortalAppNotFoundError, VersionMismatchError (only with `expectedVersions`)
   */
  delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void>;
}

export const PORTAL_APP_REPOSITORY = token<PortalAppRepository>('PortalAppRepository');
