import { PortalUserRepository } from '../ports/portal/portal-user.repository';

export interface DeletePortalUserCommand {
  userId: number;
}

/** Refuses while the user owns apps (UserOwnsAppsError): apps must be removed first. */
export class DeletePortalUserUseCase {
  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: DeletePortalUserCommand): Promise<void> {
    await this.users.delete(command.userId);
  }
}
