import { PortalUserNotFoundError } from '../../domain/portal/portal-errors';
import { PortalUser } from '../../domain/portal/portal-user';
import { PortalUserRepository } from '../ports/portal/portal-user.repository';

export interface GetPortalUserCommand {
  userId: number;
}

export class GetPortalUser {
  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: GetPortalUserCommand): Promise<PortalUser> {
    const user = await this.users.findById(command.userId);
    if (!user) throw new PortalUserNotFoundError(command.userId);
    return user;
  }
}
