import { InMemoryAccessRequestRepository } from './in-memory-access-request.repository';
import { InMemoryApiProductRepository } from './in-memory-api-product.repository';
import { InMemoryPortalAdminRepository } from './in-memory-portal-admin.repository';
import { InMemoryPortalAppRepository } from './in-memory-portal-app.repository';
import { InMemoryPortalUserRepository } from './in-memory-portal-user.repository';
import { InMemoryPortalStore } from './in-memory-portal.store';

/** Every portal repository over one shared store, as they must be used together. */
export function createInMemoryPortalRepositories(store = new InMemoryPortalStore()) {
  return {
    users: new InMemoryPortalUserRepository(store),
    products: new InMemoryApiProductRepository(store),
    apps: new InMemoryPortalAppRepository(store),
    accessRequests: new InMemoryAccessRequestRepository(store),
    admins: new InMemoryPortalAdminRepository(store),
  };
}
