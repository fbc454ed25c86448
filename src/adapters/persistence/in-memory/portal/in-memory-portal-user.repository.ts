import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { portalUserRecord } from '../../../../application/shared/portal-audit';
import { Page, PageSlice } from '../../../../application/ports/page';
import { PortalUserRepository } from '../../../../application/ports/portal-user.repository';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../../domain/portal-user/portal-user-errors';
import { NewPortalUser, PortalUser, PortalUserSnapshot } from '../../../../domain/portal-user/portal-user';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryPortalUserRepository implements PortalUserRepository {
  constructor(
    private readonly store: InMemoryPortalStore,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async create(user: NewPortalUser, change: ChangeContext): Promise<PortalUser> {
    return this.store.transaction((t) => {
      assertEmailFree(t.users, user.email, null);
      const props: PortalUserSnapshot = { ...user, id: InMemoryPortalStore.nextId(t, 'users') };
      t.users.set(props.id, props);
      const created = PortalUser.restore(props);
      this.audit.record(change, portalUserRecord('created', null, created, user.createdAt));
      return created;
    });
  }

  async findById(id: number): Promise<PortalUser | null> {
    const props = this.store.read.users.get(id);
    return props ? PortalUser.restore(props) : null;
  }

  async list(page: PageSlice): Promise<Page<PortalUser>> {
    return InMemoryPortalStore.paginate(this.store.read.users, page, PortalUser.restore);
  }

  async update(id: number, derive: (user: PortalUser) => PortalUser, change: ChangeContext, expectedVersions?: readonly number[]): Promise<PortalUser> {
    return this.store.transaction((t) => {
      const props = t.users.get(id);
      if (!props) throw new PortalUserNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const user = derive(PortalUser.restore(props));
      assertEmailFree(t.users, user.email, id);
      t.users.set(id, user.snapshot());
      this.audit.record(change, portalUserRecord('updated', PortalUser.restore(props), user, user.snapshot().updatedAt));
      return user;
    });
  }

  async delete(id: number, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    this.store.transaction((t) => {
      const props = t.users.get(id);
      if (!props) throw new PortalUserNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      for (const app of t.apps.values()) if (app.userId === id) throw new UserOwnsAppsError(id);
      t.users.delete(id);
      this.audit.record(change, portalUserRecord('deleted', PortalUser.restore(props), null, at));
    });
  }
}

function assertEmailFree(users: Map<number, PortalUserSnapshot>, email: string, exceptId: number | null): void {
  for (const other of users.values()) {
    if (other.email === email && other.id !== exceptId) throw new EmailTakenError(email);
  }
}
