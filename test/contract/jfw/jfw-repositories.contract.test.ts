import { InMemoryAuditTrail } from '../../../src/adapters/persistence/in-memory/in-memory-audit-trail';
import { InMemoryAppIntegrationCatalog } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { TypeOrmAuditTrail } from '../../../src/adapters/persistence/typeorm/typeorm-audit-trail';
import { TypeOrmAppIntegrationCatalog } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-app-integration.catalog';
import { TypeOrmBrandRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmIntegrationAuthenticationRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-integration-authentication.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { appIntegrationCatalogContract } from './app-integration-catalog.contract';
import { integrationAuthenticationRepositoryContract } from './integration-authentication-repository.contract';

integrationAuthenticationRepositoryContract('in-memory', () => {
  const audit = new InMemoryAuditTrail();
  const catalog = new InMemoryAppIntegrationCatalog([], audit);
  return { catalog, brands: new InMemoryBrandRepository(audit), repository: new InMemoryIntegrationAuthenticationRepository(catalog, audit), audit };
});

integrationAuthenticationRepositoryContract('TypeORM on PostgreSQL', () => {
  const { dataSource } = testDatabase();
  const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
  return {
    catalog: new TypeOrmAppIntegrationCatalog(dataSource),
    brands: new TypeOrmBrandRepository(dataSource),
    repository: new TypeOrmIntegrationAuthenticationRepository(dataSource, cipher),
    audit: new TypeOrmAuditTrail(dataSource),
  };
});

appIntegrationCatalogContract('in-memory', () => new InMemoryAppIntegrationCatalog());
appIntegrationCatalogContract('TypeORM on PostgreSQL', () => new TypeOrmAppIntegrationCatalog(testDatabase().dataSource));
