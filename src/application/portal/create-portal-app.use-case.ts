import { PortalApp, PortalAppInput } from '../../domain/portal/portal-app';
import { Clock } from '../ports/clock';
import { PortalAppRepository } from '../ports/portal/portal-app.repository';
import { PortalAppView } from './portal-app.view';

export type CreatePortalAppCommand = PortalAppInput;

/** @throws ValidationError, PortalUserNotFoundError (from the repository, atomically) */
export class CreatePortalApp {
  constructor(private readonly apps: PortalAppRepository, private readonly clock: Clock) {}

  async execute(command: CreatePortalAppCommand): Promise<PortalAppView> {
    const app = await this.apps.create(PortalApp.create(command, this.clock.now()));
    return { app, accessRequests: [] };
  }
}
