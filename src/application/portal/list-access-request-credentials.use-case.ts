import { Credential } from '../../domain/portal/credential';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/portal/access-request.repository';
import { PageResult } from '../ports/portal/page';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal/portal-app.repository';
import { findAppAccessRequest } from './app-access-request.lookup';
import { PagingCommand, toPageRequest } from './paging';

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
  /** The tokens of the constructor's ports, in order: the registry binds the use case from them. */
  static readonly ports = [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestCredentialsCommand): Promise<PageResult<Credential>> {
    const { page, perPage } = toPageRequest(command);
    const found = await findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
    const start = (page - 1) * perPage;
    return { items: found.credentials.slice(start, start + perPage), total: found.credentials.length };
  }
}
