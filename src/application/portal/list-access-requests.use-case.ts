import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/portal/access-request.repository';
import { PageResult } from '../ports/portal/page';
import { PagingCommand, toPageRequest } from './paging';

export type ListAccessRequestsCommand = PagingCommand;

export class ListAccessRequests {
  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestsCommand): Promise<PageResult<AccessRequestWithCredentials>> {
    return this.accessRequests.list(toPageRequest(command));
  }
}
