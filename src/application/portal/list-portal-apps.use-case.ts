import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/portal/access-request.repository';
import { PageResult } from '../ports/portal/page';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal/portal-app.repository';
import { PagingCommand, toPageRequest } from './paging';
import { PortalAppView, toAppViews } from './portal-app.view';

export type ListPortalAppsCommand = PagingCommand;

export class ListPortalApps {
  /** The tokens of the constructor's ports, in order: the registry binds the use case from them. */
  static readonly ports = [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListPortalAppsCommand): Promise<PageResult<PortalAppView>> {
    const page = await this.apps.list(toPageRequest(command));
    return { items: await toAppViews(page.items, this.accessRequests), total: page.total };
  }
}
