import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { Clock } from '../ports/clock';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';

export interface RejectAccessRequestCommand {
  accessRequestId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
}

/** @throws AccessRequestNotFoundError, AccessRequestNotPendingError, VersionConflictError */
export class RejectAccessRequest {
  constructor(private readonly accessRequests: AccessRequestRepository, private readonly clock: Clock) {}

  async execute(command: RejectAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const now = this.clock.now();
    return this.accessRequests.decide(command.accessRequestId, (request) => {
      request.reject(now);
      return [];
    }, expectedVersions(command.expectedVersion));
  }
}
