import { PortalUser } from '../../domain/portal/portal-user';
import { PageResult } from '../ports/portal/page';
import { PortalUserRepository, PORTAL_USER_REPOSITORY } from '../ports/portal/portal-user.repository';
import { PagingCommand, toPageRequest } from './paging';

export type ListPortalUsersCommand = PagingCommand;

export class ListPortalUsers {
  /** The tokens of the constructor's ports, in order: the registry binds the use case from them. */
  static readonly ports = [PORTAL_USER_REPOSITORY] as const;

  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: ListPortalUsersCommand): Promise<PageResult<PortalUser>> {
    return this.users.list(toPageRequest(command));
  }
}
