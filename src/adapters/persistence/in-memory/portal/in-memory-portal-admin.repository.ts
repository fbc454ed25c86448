import { PortalAdminRepository } from '../../../../application/ports/portal-admin.repository';
import { NewPortalAdmin, PortalAdmin } from '../../../../domain/portal-admin/portal-admin';
import { PortalAdminEmailTakenError } from '../../../../domain/portal-admin/portal-admin-errors';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryPortalAdminRepository implements PortalAdminRepository {
  constructor(private readonly store: InMemoryPortalStore) {}

  async create(admin: NewPortalAdmin): Promise<PortalAdmin> {
    return this.store.transaction((t) => {
      for (const other of t.admins.values()) {
        if (other.email === admin.email) throw new PortalAdminEmailTakenError(admin.email);
      }
      const props = { ...admin, id: InMemoryPortalStore.nextId(t, 'admins') };
      t.admins.set(props.id, props);
      return PortalAdmin.restore(props);
    });
  }

  async findByTokenHash(tokenHash: string): Promise<PortalAdmin | null> {
    for (const props of this.store.read.admins.values()) {
      if (props.tokenHash === tokenHash) return PortalAdmin.restore(props);
    }
    return null;
  }

  async revoke(email: string): Promise<boolean> {
    return this.store.transaction((t) => {
      for (const [id, props] of t.admins) {
        if (props.email === email) return t.admins.delete(id);
      }
      return false;
    });
  }
}
