import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { findAppAccessRequest } from './app-access-request.lookup';

export interface GetAppAccessRequestCommand {
  appId: number;
  accessRequestId: number;
}

/** @throws PortalAppNotFoundError, AccessRequestNotFoundError (also for another app's request) */
export class GetAppAccessRequest {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetAppAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    return findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
  }
}
