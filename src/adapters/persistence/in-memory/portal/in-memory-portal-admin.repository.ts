import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { portalAdminRecord } from '../../../../application/shared/portal-audit';
import { PortalAdminRepository } from '../../../../application/ports/portal-admin.repository';
import { NewPortalAdmin, PortalAdmin } from '../../../../domain/portal-admin/portal-admin';
import { PortalAdminEmailTakenError } from '../../../../domain/portal-admin/portal-admin-errors';
import { InMemoryPortalStore } from './in-memory-portal.store';

export class InMemoryPortalAdminRepository implements PortalAdminRepository {
  constructor(
    private readonly store: InMemoryPortalStore,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async create(admin: NewPortalAdmin, change: ChangeContext): Promise<PortalAdmin> {
    return this.store.transaction((t) => {
      for (const other of t.admins.values()) {
        if (other.email === admin.email) throw new PortalAdminEmailTakenError(admin.email);
      }
      const props = { ...admin, id: InMemoryPortalStore.nextId(t, 'admins') };
      t.admins.set(props.id, props);
      this.audit.record(change, portalAdminRecord('created', props, admin.createdAt));
      return PortalAdmin.restore(props);
    });
  }

  async findByTokenHash(tokenHash: string): Promise<PortalAdmin | null> {
    for (const props of this.store.read.admins.values()) {
      if (props.tokenHash === tokenHash) return PortalAdmin.restore(props);
    }
    return null;
  }

  async revoke(email: string, at: Date, change: ChangeContext): Promise<boolean> {
    return this.store.transaction((t) => {
      for (const [id, props] of t.admins) {
        if (props.email !== email) continue;
        t.admins.delete(id);
        this.audit.record(change, portalAdminRecord('revoked', props, at));
        return true;
      }
      return false;
    });
  }
}
