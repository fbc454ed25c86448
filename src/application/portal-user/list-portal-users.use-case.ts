import { PortalUser } from '../../domain/portal-user/portal-user';
import { Page } from '../ports/page';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal-user.repository';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export type ListPortalUsersCommand = PagingCommand;

export class ListPortalUsers {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_USER_REPOSITORY] as const;
  }

  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: ListPortalUsersCommand): Promise<Page<PortalUser>> {
    return this.users.list(toPageSlice(command));
  }
}
