import { Clock } from '../ports/clock';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';

export interface RejectAccessRequestCommand {
  accessRequestId: number;
}

/** @throws AccessRequestNotFoundError, AccessRequestNotPendingError */
export class RejectAccessRequestUseCase {
  constructor(private readonly accessRequests: AccessRequestRepository, private readonly clock: Clock) {}

  async execute(command: RejectAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const now = this.clock.now();
    return this.accessRequests.decide(command.accessRequestId, (request) => {
      request.reject(now);
      return [];
    });
  }
}
