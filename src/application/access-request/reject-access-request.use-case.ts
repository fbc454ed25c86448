import { ChangeContext } from '../../domain/audit/change-context';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';

export interface RejectAccessRequestCommand {
  accessRequestId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/** @throws AccessRequestNotFoundError, AccessRequestNotPendingError, VersionMismatchError */
export class RejectAccessRequest {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [ACCESS_REQUEST_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly accessRequests: AccessRequestRepository, private readonly clock: Clock) {}

  async execute(command: RejectAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const now = this.clock.now();
    return this.accessRequests.decide(command.accessRequestId, (request) => ({ decided: request.reject(now), issue: [] }), command.change, expectedVersions(command.expectedVersion));
  }
}
