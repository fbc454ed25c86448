import { ContainerModule } from 'inversify';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/portal/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/portal/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal/portal-user.repository';
import { STORED_SECRETS_REPOSITORY } from '../../application/ports/stored-secrets.repository';
import { InMemoryAppIntegrationCatalog } from '../../adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryBrandRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { InMemoryStoredSecretsRepository } from '../../adapters/persistence/in-memory/in-memory-stored-secrets.repository';
import { createInMemoryPortalRepositories } from '../../adapters/persistence/in-memory/portal/in-memory-portal.repositories';

/** Process-local stores with the same contract as PostgreSQL: for tests and demos. */
export function inMemoryPersistenceModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const catalog = new InMemoryAppIntegrationCatalog();
    bind(APP_INTEGRATION_CATALOG).toConstantValue(catalog);
    bind(BRAND_REPOSITORY).toConstantValue(new InMemoryBrandRepository());
    bind(INTEGRATION_AUTHENTICATION_REPOSITORY).toConstantValue(new InMemoryIntegrationAuthenticationRepository(catalog));
    // One store behind all portal repositories, so cross-table writes stay atomic.
    const portal = createInMemoryPortalRepositories();
    bind(PORTAL_USER_REPOSITORY).toConstantValue(portal.users);
    bind(API_PRODUCT_REPOSITORY).toConstantValue(portal.products);
    bind(PORTAL_APP_REPOSITORY).toConstantValue(portal.apps);
    bind(ACCESS_REQUEST_REPOSITORY).toConstantValue(portal.accessRequests);
    bind(PORTAL_ADMIN_REPOSITORY).toConstantValue(portal.admins);
    // The in-memory stores hold no ciphertexts, so there is nothing to re-encrypt.
    bind(STORED_SECRETS_REPOSITORY).toConstantValue(new InMemoryStoredSecretsRepository());
  });
}
