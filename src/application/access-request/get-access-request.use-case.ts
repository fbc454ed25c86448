import { AccessRequestNotFoundError } from '../../domain/access-request/access-request-errors';
import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';

export interface GetAccessRequestCommand {
  accessRequestId: number;
}

export class GetAccessRequest {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const found = await this.accessRequests.findById(command.accessRequestId);
    if (!found) throw new AccessRequestNotFoundError(command.accessRequestId);
    return found;
  }
}
