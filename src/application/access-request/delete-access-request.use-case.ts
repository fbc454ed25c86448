import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';

export interface DeleteAccessRequestCommand {
  accessRequestId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/** Removes the request and revokes its credentials in the same write. */
export class DeleteAccessRequest {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [ACCESS_REQUEST_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly accessRequests: AccessRequestRepository, private readonly clock: Clock) {}

  async execute(command: DeleteAccessRequestCommand): Promise<void> {
    await this.accessRequests.delete(command.accessRequestId, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
