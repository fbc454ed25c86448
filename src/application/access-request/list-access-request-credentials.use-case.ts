import { Credential } from '../../domain/access-request/credential';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { Page } from '../ports/page';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { findAppAccessRequest } from './app-access-request.lookup';
import { pageOf } from '../shared/paged-items';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export interface ListAccessRequestCredentialsCommand extends PagingCommand {
  appId: number;
  accessRequestId: number;
}

/**
 * A request's credentials, oldest first. A request holds at most a few (one
 * per approval), so they are read with it and paged here, like every list.
 * @throws PortalAppNotFoundError, AccessRequestNotFoundError (also for another app's request)
 */
export class ListAccessRequestCredentials {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestCredentialsCommand): Promise<Page<Credential>> {
    const slice = toPageSlice(command);
    const found = await findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
    return pageOf(found.credentials, slice);
  }
}
