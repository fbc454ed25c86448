import { PortalAppRepository } from '../ports/portal/portal-app.repository';

export interface DeletePortalAppCommand {
  appId: number;
}

/** Removes the app with its access requests, revoking their credentials. */
export class DeletePortalAppUseCase {
  constructor(private readonly apps: PortalAppRepository) {}

  async execute(command: DeletePortalAppCommand): Promise<void> {
    await this.apps.delete(command.appId);
  }
}
