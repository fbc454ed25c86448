import { ChangeContext } from '../../domain/audit/change-context';
import { PortalApp, PortalAppInput } from '../../domain/portal-app/portal-app';
import { Clock, CLOCK } from '../ports/clock';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PortalAppView } from './portal-app.view';

export type CreatePortalAppCommand = PortalAppInput & { readonly change: ChangeContext };

/** @throws ValidationError, PortalUserNotFoundError (from the repository, atomically) */
export class CreatePortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalAppCommand): Promise<PortalAppView> {
    const { change, ...input } = command;
    const app = await this.apps.create(PortalApp.create(input, this.clock.now()), change);
    return { app, accessRequests: [] };
  }
}
