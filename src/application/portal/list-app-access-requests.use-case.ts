import { PortalAppNotFoundError } from '../../domain/portal/portal-errors';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';

export interface ListAppAccessRequestsCommand {
  appId: number;
}

/** Every access request of one app, oldest first; an app has few, so no paging. */
export class ListAppAccessRequestsUseCase {
  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAppAccessRequestsCommand): Promise<AccessRequestWithCredentials[]> {
    if (!(await this.apps.findById(command.appId))) throw new PortalAppNotFoundError(command.appId);
    return this.accessRequests.listByApps([command.appId]);
  }
}
