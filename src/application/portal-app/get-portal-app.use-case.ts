import { PortalAppNotFoundError } from '../../domain/portal-app/portal-app-errors';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PortalAppView, toAppViews } from './portal-app.view';

export interface GetPortalAppCommand {
  appId: number;
}

export class GetPortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: GetPortalAppCommand): Promise<PortalAppView> {
    const app = await this.apps.findById(command.appId);
    if (!app) throw new PortalAppNotFoundError(command.appId);
    const [view] = await toAppViews([app], this.accessRequests);
    return view;
  }
}
