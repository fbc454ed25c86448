import { PortalApp, PortalAppInput } from '../../domain/portal-app/portal-app';
import { Clock, CLOCK } from '../ports/clock';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PortalAppView } from './portal-app.view';

export type CreatePortalAppCommand = PortalAppInput;

/** @throws ValidationError, PortalUserNotFoundError (from the repository, atomically) */
export class CreatePortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalAppCommand): Promise<PortalAppView> {
    const app = await this.apps.create(PortalApp.create(command, this.clock.now()));
    return { app, accessRequests: [] };
  }
}
