import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';

export interface DeletePortalUserCommand {
  userId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/** Refuses while the user owns apps (UserOwnsAppsError): apps must be removed first. */
export class DeletePortalUser {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly users: PortalUserRepository, private readonly clock: Clock) {}

  async execute(command: DeletePortalUserCommand): Promise<void> {
    await this.users.delete(command.userId, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
