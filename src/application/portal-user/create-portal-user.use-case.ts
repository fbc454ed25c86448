import { ChangeContext } from '../../domain/audit/change-context';
import { PortalUser, PortalUserInput } from '../../domain/portal-user/portal-user';
import { Clock, CLOCK } from '../ports/clock';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';

export type CreatePortalUserCommand = PortalUserInput & { readonly change: ChangeContext };

export class CreatePortalUser {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly users: PortalUserRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalUserCommand): Promise<PortalUser> {
    const { change, ...input } = command;
    return this.users.create(PortalUser.create(input, this.clock.now()), change);
  }
}
