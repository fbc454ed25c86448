import { ContainerModule } from 'inversify';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { InMemoryAppIntegrationCatalog } from '../../adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryBrandRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';

/** Process-local stores with the same contract as PostgreSQL: for tests and demos. */
export function inMemoryPersistenceModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const catalog = new InMemoryAppIntegrationCatalog();
    bind(APP_INTEGRATION_CATALOG).toConstantValue(catalog);
    bind(BRAND_REPOSITORY).toConstantValue(new InMemoryBrandRepository());
    bind(INTEGRATION_AUTHENTICATION_REPOSITORY).toConstantValue(new InMemoryIntegrationAuthenticationRepository(catalog));
  });
}
