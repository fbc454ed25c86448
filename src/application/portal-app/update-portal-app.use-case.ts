import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { PortalApp, PortalAppChanges } from '../../domain/portal-app/portal-app';
import { RedirectUrlList } from '../../domain/portal-app/redirect-url-list';
import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { PortalAppView } from './portal-app.view';

export interface UpdatePortalAppCommand {
  appId: number;
  /** Seed 003: every field optional; only the fields present change. */
  changes: PortalAppChanges;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * The owner's existence is checked by the repository inside the write, so a
 * user deleted meanwhile cannot end up owning the app.
 * @throws PortalAppNotFoundError, PortalUserNotFoundError, ValidationError, VersionMismatchError,
 *         RedirectUrlsInUseError (emptying the redirect URLs under a DCR credential that needs them)
 */
export class UpdatePortalApp {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly apps: PortalAppRepository,
    private readonly accessRequests: AccessRequestRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdatePortalAppCommand): Promise<PortalAppView> {
    // The checks need nothing of the stored app, so the repository writes without reading it first.
    const changes = PortalApp.checkChanges(command.changes);
    // Only emptying the redirect URLs needs the app's credentials: the common PUT stays one statement.
    if (changes.redirectUrls === RedirectUrlList.EMPTY.value) {
      const requests = await this.accessRequests.listByApps([command.appId]);
      PortalApp.checkRedirectUrlsKept(changes, requests.flatMap((r) => r.credentials));
    }
    // The write answers the app with its access requests: the PUT is one statement.
    return this.apps.applyChanges(command.appId, changes, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
