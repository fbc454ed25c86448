import { PortalApp } from '../../domain/portal-app/portal-app';
import { AccessRequestRepository, AccessRequestWithCredentials } from '../ports/access-request.repository';

/** An app as the portal shows it: with its access requests, oldest first. */
export interface PortalAppView {
  readonly app: PortalApp;
  readonly accessRequests: readonly AccessRequestWithCredentials[];
}

/** Joins apps to their access requests with one read for all of them. */
export async function toAppViews(apps: readonly PortalApp[], accessRequests: AccessRequestRepository): Promise<PortalAppView[]> {
  if (apps.length === 0) return [];
  const all = await accessRequests.listByApps(apps.map((a) => a.id));
  return apps.map((app) => ({ app, accessRequests: all.filter((r) => r.accessRequest.appId === app.id) }));
}
