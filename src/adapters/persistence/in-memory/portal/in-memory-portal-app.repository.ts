import { PageRequest, PageResult } from '../../../../application/ports/portal/page';
import { PortalAppRepository } from '../../../../application/ports/portal/portal-app.repository';
import { Credential } from '../../../../domain/portal/credential';
import { NewPortalApp, PortalApp, ValidPortalAppChanges } from '../../../../domain/portal/portal-app';
import { PortalAppNotFoundError, PortalUserNotFoundError } from '../../../../domain/portal/portal-errors';
import { VersionConflictError } from '../../../../domain/shared/domain-error';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryPortalAppRepository implements PortalAppRepository {
  constructor(private readonly store: InMemoryPortalStore) {}

  async create(app: NewPortalApp): Promise<PortalApp> {
    return this.store.transaction((t) => {
      if (!t.users.has(app.userId)) throw new PortalUserNotFoundError(app.userId);
      const props = { ...app, id: InMemoryPortalStore.nextId(t, 'apps') };
      t.apps.set(props.id, props);
      return PortalApp.restore(props);
    });
  }

  async findById(id: number): Promise<PortalApp | null> {
    const props = this.store.read.apps.get(id);
    return props ? PortalApp.restore(props) : null;
  }

  async list(page: PageRequest): Promise<PageResult<PortalApp>> {
    return InMemoryPortalStore.paginate(this.store.read.apps, page, PortalApp.restore);
  }

  async applyChanges(id: number, changes: ValidPortalAppChanges, now: Date, expectedVersion?: number): Promise<PortalApp> {
    return this.store.transaction((t) => {
      const props = t.apps.get(id);
      if (!props) throw new PortalAppNotFoundError(id);
      if (expectedVersion !== undefined && props.version !== expectedVersion) throw new VersionConflictError();
      const app = PortalApp.restore(props);
      app.update(changes, now);
      if (!t.users.has(app.userId)) throw new PortalUserNotFoundError(app.userId);
      t.apps.set(id, app.toProps());
      if (app.redirectUrls !== props.redirectUrls) {
        const requestIds = new Set([...t.accessRequests.values()].filter((r) => r.appId === id).map((r) => r.id));
        for (const row of t.credentials.values()) {
          if (!requestIds.has(row.accessRequestId)) continue;
          const credential = Credential.restore(row);
          credential.followRedirectUrls(app.redirectUrls, app.updatedAt);
          t.credentials.set(row.id, credential.toProps());
        }
      }
      return app;
    });
  }

  async delete(id: number): Promise<void> {
    this.store.transaction((t) => {
      if (!t.apps.delete(id)) throw new PortalAppNotFoundError(id);
      for (const request of [...t.accessRequests.values()]) {
        if (request.appId !== id) continue;
        t.accessRequests.delete(request.id);
        for (const c of [...t.credentials.values()]) if (c.accessRequestId === request.id) t.credentials.delete(c.id);
      }
    });
  }
}
