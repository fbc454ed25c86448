import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { portalAppRecord } from '../../../../application/shared/portal-audit';
import { Page, PageSlice } from '../../../../application/ports/page';
import { PortalAppRepository, PortalAppWithRequests } from '../../../../application/ports/portal-app.repository';
import { Credential } from '../../../../domain/access-request/credential';
import { NewPortalApp, PortalApp, ValidPortalAppChanges } from '../../../../domain/portal-app/portal-app';
import { PortalAppNotFoundError } from '../../../../domain/portal-app/portal-app-errors';
import { PortalUserNotFoundError } from '../../../../domain/portal-user/portal-user-errors';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { InMemoryPortalStore } from './in-memory-portal.store';
import { requestViewsOfApps } from './in-memory-request-views';

export class InMemoryPortalAppRepository implements PortalAppRepository {
  constructor(
    private readonly store: InMemoryPortalStore,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async create(app: NewPortalApp, change: ChangeContext): Promise<PortalApp> {
    return this.store.transaction((t) => {
      if (!t.users.has(app.userId)) throw new PortalUserNotFoundError(app.userId);
      const props = { ...app, id: InMemoryPortalStore.nextId(t, 'apps') };
      t.apps.set(props.id, props);
      const created = PortalApp.restore(props);
      this.audit.record(change, portalAppRecord('created', null, created, app.createdAt));
      return created;
    });
  }

  async findById(id: number): Promise<PortalApp | null> {
    const props = this.store.read.apps.get(id);
    return props ? PortalApp.restore(props) : null;
  }

  async list(page: PageSlice): Promise<Page<PortalApp>> {
    return InMemoryPortalStore.paginate(this.store.read.apps, page, PortalApp.restore);
  }

  async applyChanges(id: number, changes: ValidPortalAppChanges, now: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalAppWithRequests> {
    return this.store.transaction((t) => {
      const props = t.apps.get(id);
      if (!props) throw new PortalAppNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const app = PortalApp.restore(props).update(changes, now);
      if (!t.users.has(app.userId)) throw new PortalUserNotFoundError(app.userId);
      t.apps.set(id, app.snapshot());
      if (app.redirectUrls !== props.redirectUrls) {
        const requestIds = new Set([...t.accessRequests.values()].filter((r) => r.appId === id).map((r) => r.id));
        for (const row of t.credentials.values()) {
          if (!requestIds.has(row.accessRequestId)) continue;
          const current = Credential.restore(row);
          const followed = current.followRedirectUrls(app.redirectUrls, app.updatedAt);
          if (followed === current) continue;
          t.credentials.set(row.id, followed.snapshot());
          // The request's credential changed: the aggregate moves on.
          const request = t.accessRequests.get(row.accessRequestId)!;
          t.accessRequests.set(request.id, { ...request, version: request.version + 1 });
        }
      }
      this.audit.record(change, portalAppRecord('updated', PortalApp.restore(props), app, now));
      return { app, accessRequests: requestViewsOfApps(t, [id]) };
    });
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    this.store.transaction((t) => {
      const props = t.apps.get(id);
      if (!props) throw new PortalAppNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      t.apps.delete(id);
      for (const request of [...t.accessRequests.values()]) {
        if (request.appId !== id) continue;
        t.accessRequests.delete(request.id);
        for (const c of [...t.credentials.values()]) if (c.accessRequestId === request.id) t.credentials.delete(c.id);
      }
      this.audit.record(change, portalAppRecord('deleted', PortalApp.restore(props), null, at));
    });
  }
}
