import { AccessRequest, NewAccessRequest } from '../../../domain/portal/access-request';
import { Credential, NewCredential } from '../../../domain/portal/credential';
import { PortalApp } from '../../../domain/portal/portal-app';
import { PageRequest, PageResult } from './page';

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
 * only written together with, or under, their request.
 */
export interface AccessRequestRepository {
  /** @throws PortalAppNotFoundError */
  create(request: NewAccessRequest): Promise<AccessRequest>;
  findById(id: number): Promise<AccessRequestWithCredentials | null>;
  /** Ordered by id. */
  list(page: PageRequest): Promise<PageResult<AccessRequestWithCredentials>>;
  /** Every request of the given apps, oldest first, in one read (no N+1). */
  listByApps(appIds: readonly number[]): Promise<AccessRequestWithCredentials[]>;
  /**
   * Loads the request and its app, lets `change` mutate the request and
   * return credentials to issue, writes status and credentials — one
   * transaction. A throwing `change` leaves the store as it was.
   * @throws AccessRequestNotFoundError
   */
  decide(
    id: number,
    change: (request: AccessRequest, app: PortalApp) => readonly NewCredential[],
  ): Promise<AccessRequestWithCredentials>;
  /**
   * Removes the request and revokes (removes) its credentials.
   * @throws AccessRequestNotFoundError
   */
  delete(id: number): Promise<void>;
  /**
   * Loads the credential at `path`, lets `change` mutate it, writes it.
   * @throws CredentialNotFoundError when any id is unknown or the ids do not belong together
   */
  updateCredential(path: CredentialPath, change: (credential: Credential) => void): Promise<Credential>;
}

export const ACCESS_REQUEST_REPOSITORY = Symbol('AccessRequestRepository');
