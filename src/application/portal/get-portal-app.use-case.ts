import { PortalAppNotFoundError } from '../../domain/portal/portal-errors';
import { AccessRequestRepository } from '../ports/portal/access-request.repository';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';
import { PortalAppView, toAppViews } from './portal-app.view';

export interface GetPortalAppCommand {
  appId: number;
}

export class GetPortalApp {
  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetPortalAppCommand): Promise<PortalAppView> {
    const app = await this.apps.findById(command.appId);
    if (!app) throw new PortalAppNotFoundError(command.appId);
    const [view] = await toAppViews([app], this.accessRequests);
    return view;
  }
}
