import { PortalUser, PortalUserInput } from '../../domain/portal/portal-user';
import { Clock } from '../ports/clock';
import { PortalUserRepository } from '../ports/portal/portal-user.repository';

export type CreatePortalUserCommand = PortalUserInput;

export class CreatePortalUser {
  constructor(private readonly users: PortalUserRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalUserCommand): Promise<PortalUser> {
    return this.users.create(PortalUser.create(command, this.clock.now()));
  }
}
