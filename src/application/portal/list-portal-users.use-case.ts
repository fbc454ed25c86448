import { PortalUser } from '../../domain/portal/portal-user';
import { PageResult } from '../ports/portal/page';
import { PortalUserRepository } from '../ports/portal/portal-user.repository';
import { PagingCommand, toPageRequest } from './paging';

export type ListPortalUsersCommand = PagingCommand;

export class ListPortalUsers {
  constructor(private readonly users: PortalUserRepository) {}

  async execute(command: ListPortalUsersCommand): Promise<PageResult<PortalUser>> {
    return this.users.list(toPageRequest(command));
  }
}
