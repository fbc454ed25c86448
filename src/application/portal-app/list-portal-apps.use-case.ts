import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { Page } from '../ports/page';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';
import { PortalAppView, toAppViews } from './portal-app.view';

export type ListPortalAppsCommand = PagingCommand;

export class ListPortalApps {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: ListPortalAppsCommand): Promise<Page<PortalAppView>> {
    const page = await this.apps.list(toPageSlice(command));
    return { items: await toAppViews(page.items, this.accessRequests), total: page.total };
  }
}
