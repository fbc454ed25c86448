import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';

export interface DeletePortalAppCommand {
  appId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/** Removes the app with its access requests, revoking their credentials. */
export class DeletePortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly apps: PortalAppRepository, private readonly clock: Clock) {}

  async execute(command: DeletePortalAppCommand): Promise<void> {
    await this.apps.delete(command.appId, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
