import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/portal/access-request.repository';
import { PageResult } from '../ports/portal/page';
import { PagingCommand, toPageRequest } from './paging';

export type ListAccessRequestsCommand = PagingCommand;

export class ListAccessRequests {
  /** The tokens of the constructor's ports, in order: the registry binds the use case from them. */
  static readonly ports = [ACCESS_REQUEST_REPOSITORY] as const;

  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestsCommand): Promise<PageResult<AccessRequestWithCredentials>> {
    return this.accessRequests.list(toPageRequest(command));
  }
}
