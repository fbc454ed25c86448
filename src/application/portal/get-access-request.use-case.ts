import { AccessRequestNotFoundError } from '../../domain/portal/portal-errors';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';

export interface GetAccessRequestCommand {
  accessRequestId: number;
}

export class GetAccessRequest {
  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const found = await this.accessRequests.findById(command.accessRequestId);
    if (!found) throw new AccessRequestNotFoundError(command.accessRequestId);
    return found;
  }
}
