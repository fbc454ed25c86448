import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';
import { findAppAccessRequest } from './app-access-request.lookup';

export interface GetAppAccessRequestCommand {
  appId: number;
  accessRequestId: number;
}

/** @throws PortalAppNotFoundError, AccessRequestNotFoundError (also for another app's request) */
export class GetAppAccessRequest {
  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetAppAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    return findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
  }
}
