import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';

export interface DeletePortalUserCommand {
  userId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
}

/** Refuses while the user owns apps (UserOwnsAppsError): apps must be removed first. */
export class DeletePortalUser {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY] as const;
  }

  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: DeletePortalUserCommand): Promise<void> {
    await this.users.delete(command.userId, expectedVersions(command.expectedVersion));
  }
}
