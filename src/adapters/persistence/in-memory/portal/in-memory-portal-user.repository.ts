import { Page, PageSlice } from '../../../../application/ports/page';
import { PortalUserRepository } from '../../../../application/ports/portal-user.repository';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../../domain/portal-user/portal-user-errors';
import { NewPortalUser, PortalUser, PortalUserSnapshot } from '../../../../domain/portal-user/portal-user';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryPortalUserRepository implements PortalUserRepository {
  constructor(private readonly store: InMemoryPortalStore) {}

  async create(user: NewPortalUser): Promise<PortalUser> {
    return this.store.transaction((t) => {
      assertEmailFree(t.users, user.email, null);
      const props: PortalUserSnapshot = { ...user, id: InMemoryPortalStore.nextId(t, 'users') };
      t.users.set(props.id, props);
      return PortalUser.restore(props);
    });
  }

  async findById(id: number): Promise<PortalUser | null> {
    const props = this.store.read.users.get(id);
    return props ? PortalUser.restore(props) : null;
  }

  async list(page: PageSlice): Promise<Page<PortalUser>> {
    return InMemoryPortalStore.paginate(this.store.read.users, page, PortalUser.restore);
  }

  async update(id: number, change: (user: PortalUser) => PortalUser, expectedVersions?: readonly number[]): Promise<PortalUser> {
    return this.store.transaction((t) => {
      const props = t.users.get(id);
      if (!props) throw new PortalUserNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      const user = change(PortalUser.restore(props));
      assertEmailFree(t.users, user.email, id);
      t.users.set(id, user.snapshot());
      return user;
    });
  }

  async delete(id: number, expectedVersions?: readonly number[]): Promise<void> {
    this.store.transaction((t) => {
      const props = t.users.get(id);
      if (!props) throw new PortalUserNotFoundError(id);
      if (!versionSatisfies(props.version, expectedVersions)) throw new VersionMismatchError();
      for (const app of t.apps.values()) if (app.userId === id) throw new UserOwnsAppsError(id);
      t.users.delete(id);
    });
  }
}

function assertEmailFree(users: Map<number, PortalUserSnapshot>, email: string, exceptId: number | null): void {
  for (const other of users.values()) {
    if (other.email === email && other.id !== exceptId) throw new EmailTakenError(email);
  }
}
