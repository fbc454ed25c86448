import { PortalApp, PortalAppInput } from '../../domain/portal/portal-app';
import { Clock, CLOCK } from '../ports/clock';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal/portal-app.repository';
import { PortalAppView } from './portal-app.view';

export type CreatePortalAppCommand = PortalAppInput;

/** @throws ValidationError, PortalUserNotFoundError (from the repository, atomically) */
export class CreatePortalApp {
  /**
   * The tokens of the constructor's ports, in order: the registry binds the
   * use case from them (a getter, so it runs when read, not at load).
   */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalAppCommand): Promise<PortalAppView> {
    const app = await this.apps.create(PortalApp.create(command, this.clock.now()));
    return { app, accessRequests: [] };
  }
}
