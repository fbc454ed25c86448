import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { InMemoryAccessRequestRepository } from './in-memory-access-request.repository';
import { InMemoryApiProductRepository } from './in-memory-api-product.repository';
import { InMemoryPortalAdminRepository } from './in-memory-portal-admin.repository';
import { InMemoryPortalAppRepository } from './in-memory-portal-app.repository';
import { InMemoryPortalUserRepository } from './in-memory-portal-user.repository';
import { InMemoryPortalStore } from './in-memory-portal.store';

/** Every portal repository over one shared store, as they must be used together. */
export function createInMemoryPortalRepositories(store = new InMemoryPortalStore(), audit = new InMemoryAuditTrail()) {
  return {
    users: new InMemoryPortalUserRepository(store, audit),
    products: new InMemoryApiProductRepository(store, audit),
    apps: new InMemoryPortalAppRepository(store, audit),
    accessRequests: new InMemoryAccessRequestRepository(store, audit),
    admins: new InMemoryPortalAdminRepository(store, audit),
  };
}
