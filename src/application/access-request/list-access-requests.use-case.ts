import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { Page } from '../ports/page';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

export type ListAccessRequestsCommand = PagingCommand;

export class ListAccessRequests {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListAccessRequestsCommand): Promise<Page<AccessRequestWithCredentials>> {
    return this.accessRequests.list(toPageSlice(command));
  }
}
