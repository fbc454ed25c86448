import { PortalAppNotFoundError } from '../../domain/portal/portal-errors';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';
import { PageResult } from '../ports/portal/page';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';
import { PagingCommand, toPageRequest } from './paging';

export interface ListAppAccessRequestsCommand extends PagingCommand {
  appId: number;
}

/** One page of an app's access requests, oldest first; paged like every portal list. */
export class ListAppAccessRequests {
  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAppAccessRequestsCommand): Promise<PageResult<AccessRequestWithCredentials>> {
    const page = toPageRequest(command);
    if (!(await this.apps.findById(command.appId))) throw new PortalAppNotFoundError(command.appId);
    return this.accessRequests.listByApp(command.appId, page);
  }
}
