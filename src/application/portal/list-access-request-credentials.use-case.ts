import { Credential } from '../../domain/portal/credential';
import { AccessRequestRepository } from '../ports/portal/access-request.repository';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';
import { findAppAccessRequest } from './app-access-request.lookup';

export interface ListAccessRequestCredentialsCommand {
  appId: number;
  accessRequestId: number;
}

/** @throws PortalAppNotFoundError, AccessRequestNotFoundError (also for another app's request) */
export class ListAccessRequestCredentialsUseCase {
  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestCredentialsCommand): Promise<readonly Credential[]> {
    const found = await findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
    return found.credentials;
  }
}
