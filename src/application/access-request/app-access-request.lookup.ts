import { AccessRequestNotFoundError } from '../../domain/access-request/access-request-errors';
import { PortalAppNotFoundError } from '../../domain/portal-app/portal-app-errors';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/access-request.repository';
import { PortalAppRepository } from '../ports/portal-app.repository';

/**
 * An access request reached through its app. A request of another app is
 * "not found", exactly like an unknown id, so ids cannot be probed across apps.
 */
export async function findAppAccessRequest(
  apps: PortalAppRepository,
  accessRequests: AccessRequestRepository,
  appId: number,
  accessRequestId: number,
): Promise<AccessRequestWithCredentials> {
  if (!(await apps.findById(appId))) throw new PortalAppNotFoundError(appId);
  const found = await accessRequests.findById(accessRequestId);
  if (!found || found.accessRequest.appId !== appId) throw new AccessRequestNotFoundError(accessRequestId);
  return found;
}
