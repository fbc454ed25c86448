import { ChangeContext } from '../../domain/audit/change-context';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { PortalUser, PortalUserChanges } from '../../domain/portal-user/portal-user';
import { Clock, CLOCK } from '../ports/clock';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';

export interface UpdatePortalUserCommand {
  userId: number;
  /** Only the fields present change. */
  changes: PortalUserChanges;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

export class UpdatePortalUser {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly users: PortalUserRepository, private readonly clock: Clock) {}

  async execute(command: UpdatePortalUserCommand): Promise<PortalUser> {
    const now = this.clock.now();
    return this.users.update(command.userId, (user) => user.update(command.changes, now), command.change, expectedVersions(command.expectedVersion));
  }
}
