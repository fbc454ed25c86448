import { PortalUserNotFoundError } from '../../domain/portal-user/portal-user-errors';
import { PortalUser } from '../../domain/portal-user/portal-user';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';

export interface GetPortalUserCommand {
  userId: number;
}

export class GetPortalUser {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY] as const;
  }

  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: GetPortalUserCommand): Promise<PortalUser> {
    const user = await this.users.findById(command.userId);
    if (!user) throw new PortalUserNotFoundError(command.userId);
    return user;
  }
}
