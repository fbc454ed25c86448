import { PortalAppNotFoundError } from '../../domain/portal-app/portal-app-errors';
import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { Page } from '../ports/page';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export interface ListAppAccessRequestsCommand extends PagingCommand {
  appId: number;
}

/** One page of an app's access requests, oldest first; paged like every portal list. */
export class ListAppAccessRequests {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAppAccessRequestsCommand): Promise<Page<AccessRequestWithCredentials>> {
    const page = toPageSlice(command);
    if (!(await this.apps.findById(command.appId))) throw new PortalAppNotFoundError(command.appId);
    return this.accessRequests.listByApp(command.appId, page);
  }
}
