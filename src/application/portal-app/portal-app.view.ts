import { PortalApp } from '../../domain/portal-app/portal-app';
import { AccessRequestRepository } from '../ports/access-request.repository';
import { PortalAppWithRequests } from '../ports/portal-app.repository';

/** An app as the portal shows it: with its access requests, oldest first. */
export type PortalAppView = PortalAppWithRequests;

/** Joins apps to their access requests with one read for all of them. */
export async function toAppViews(apps: readonly PortalApp[], accessRequests: AccessRequestRepository): Promise<PortalAppView[]> {
  if (apps.length === 0) return [];
  const all = await accessRequests.listByApps(apps.map((a) => a.id));
  return apps.map((app) => ({ app, accessRequests: all.filter((r) => r.accessRequest.appId === app.id) }));
}
