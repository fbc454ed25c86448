import { ContainerModule } from 'inversify';
import { DataSource } from 'typeorm';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { SECRET_CIPHER, SecretCipher } from '../../application/ports/secret-cipher';
import { TypeOrmAppIntegrationCatalog } from '../../adapters/persistence/typeorm/jfw/typeorm-app-integration.catalog';
import { TypeOrmBrandRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmIntegrationAuthenticationRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-integration-authentication.repository';

export const DATA_SOURCE = Symbol('DataSource');

/** PostgreSQL through TypeORM, on a DataSource the host initialised. */
export function typeOrmPersistenceModule(dataSource: DataSource): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DATA_SOURCE).toConstantValue(dataSource);
    bind(APP_INTEGRATION_CATALOG).toConstantValue(new TypeOrmAppIntegrationCatalog(dataSource));
    bind(BRAND_REPOSITORY).toConstantValue(new TypeOrmBrandRepository(dataSource));
    bind(INTEGRATION_AUTHENTICATION_REPOSITORY)
      .toResolvedValue((cipher: SecretCipher) => new TypeOrmIntegrationAuthenticationRepository(dataSource, cipher), [SECRET_CIPHER])
      .inSingletonScope();
  });
}
