import { NewPortalApp, PortalApp } from '../../../domain/portal/portal-app';
import { PageRequest, PageResult } from './page';

export interface PortalAppRepository {
  /** @throws PortalUserNotFoundError when `userId` names no user */
  create(app: NewPortalApp): Promise<PortalApp>;
  findById(id: number): Promise<PortalApp | null>;
  /** Ordered by id. */
  list(page: PageRequest): Promise<PageResult<PortalApp>>;
  /**
   * Loads, lets `change` mutate, writes — one transaction. When the redirect
   * URLs change, the same transaction sets `redirectUri` of every oauth2
   * credential of the app to the new RedirectURLs string.
   * @throws PortalAppNotFoundError, VersionConflictError,
   *         PortalUserNotFoundError (new owner does not exist)
   */
  update(id: number, change: (app: PortalApp) => void, expectedVersion?: number): Promise<PortalApp>;
  /**
   * Removes the app with its access requests and their credentials.
   * @throws PortalAppNotFoundError
   */
  delete(id: number): Promise<void>;
}

export const PORTAL_APP_REPOSITORY = Symbol('PortalAppRepository');
