import { createInMemoryPortalRepositories } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal.repositories';
import { portalRepositoriesContract } from './portal-repositories.contract';

portalRepositoriesContract('in-memory', async () => createInMemoryPortalRepositories());
