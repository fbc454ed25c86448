import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';

import { AccessRequest, NewAccessRequest } from '../../domain/access-request/access-request';
import { Credential, NewCredential } from '../../domain/access-request/credential';
import { PortalApp } from '../../domain/portal-app/portal-app';
import { Page, PageSlice } from './page';

/** An access request as every reader shows it: with its credentials, oldest first. */
export interface AccessRequestWithCredentials {
  readonly accessRequest: AccessRequest;
  readonly credentials: readonly Credential[];
}

/** Names a credential through its owners; a mismatch anywhere is "not found". */
export interface CredentialPath {
  readonly appId: number;
  readonly accessRequestId: number;
  readonly credentialId: number;
}

/**
 * Access requests and their credentials form one aggregate: credentials are
 * only written together with, or under, their request. Every write records
 * its audit entry and events with it, from `change`.
 */
export interface AccessRequestRepository {
  /** @throws PortalAppNotFoundError */
  create(request: NewAccessRequest, change: ChangeContext): Promise<AccessRequest>;
  findById(id: number): Promise<AccessRequestWithCredentials | null>;
  /** Ordered by id. */
  list(page: PageSlice): Promise<Page<AccessRequestWithCredentials>>;
  /** Every request of the given apps, oldest first, in one read (no N+1). */
  listByApps(appIds: readonly number[]): Promise<AccessRequestWithCredentials[]>;
  /** One page of one app's requests, oldest first. */
  listByApp(appId: number, page: PageSlice): Promise<Page<AccessRequestWithCredentials>>;
  /**
   * Loads the request and its app, lets `change` mutate the request and
   * return credentials to issue, writes status and credentials — one
   * transaction. A throwing `change` leaves the store as it was.
   * `expectedVersions` (If-Match): the request's version must be one of them.
   * @throws AccessRequestNotFoundError, VersionMismatchError
   */
  decide(
    id: number,
    derive: (request: AccessRequest, app: PortalApp) => AccessRequestDecision,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<AccessRequestWithCredentials>;
  /**
   * Removes the request and revokes (removes) its credentials.
   * @throws AccessRequestNotFoundError, VersionMismatchError (only with `expectedVersions`)
   */
  delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void>;
  /**
   * Loads the credential at `path`, lets `change` mutate it, writes it and
   * advances the request's version (the aggregate changed).
   * `expectedVersions` (If-Match) is checked against the request's version.
   * @throws CredentialNotFoundError when any id is unknown or the ids do not belong together,
   *         VersionMismatchError
   */
  updateCredential(
    path: CredentialPath,
    derive: (credential: Credential) => Credential,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<{ credential: Credential; accessRequestVersion: number }>;
}

/** What a decision makes of a request: the decided request and the credentials to issue with it. */
export interface AccessRequestDecision {
  readonly decided: AccessRequest;
  readonly issue: readonly NewCredential[];
}

export const ACCESS_REQUEST_REPOSITORY = token<AccessRequestRepository>('AccessRequestRepository');
