import { ContainerModule } from 'inversify';
import { DataSource } from 'typeorm';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/portal/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/portal/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal/portal-user.repository';
import { SECRET_CIPHER, SecretCipher } from '../../application/ports/secret-cipher';
import { STORED_SECRETS_REPOSITORY } from '../../application/ports/stored-secrets.repository';
import { UNREADABLE_SECRET_REPORTER, UnreadableSecretReporter } from '../../application/ports/unreadable-secret.reporter';
import { TypeOrmAppIntegrationCatalog } from '../../adapters/persistence/typeorm/jfw/typeorm-app-integration.catalog';
import { TypeOrmBrandRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmIntegrationAuthenticationRepository } from '../../adapters/persistence/typeorm/jfw/typeorm-integration-authentication.repository';
import { TypeOrmAccessRequestRepository } from '../../adapters/persistence/typeorm/portal/typeorm-access-request.repository';
import { TypeOrmApiProductRepository } from '../../adapters/persistence/typeorm/portal/typeorm-api-product.repository';
import { TypeOrmPortalAdminRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-admin.repository';
import { TypeOrmPortalAppRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-app.repository';
import { TypeOrmPortalUserRepository } from '../../adapters/persistence/typeorm/portal/typeorm-portal-user.repository';
import { TypeOrmStoredSecretsRepository } from '../../adapters/persistence/typeorm/typeorm-stored-secrets.repository';

export const DATA_SOURCE = Symbol('DataSource');

/** PostgreSQL through TypeORM, on a DataSource the host initialised. */
export function typeOrmPersistenceModule(dataSource: DataSource): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DATA_SOURCE).toConstantValue(dataSource);
    bind(APP_INTEGRATION_CATALOG).toConstantValue(new TypeOrmAppIntegrationCatalog(dataSource));
    bind(BRAND_REPOSITORY).toConstantValue(new TypeOrmBrandRepository(dataSource));
    bind(INTEGRATION_AUTHENTICATION_REPOSITORY)
      .toResolvedValue(
        (cipher: SecretCipher, reporter: UnreadableSecretReporter) => new TypeOrmIntegrationAuthenticationRepository(dataSource, cipher, reporter),
        [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER],
      )
      .inSingletonScope();
    bind(PORTAL_USER_REPOSITORY).toConstantValue(new TypeOrmPortalUserRepository(dataSource));
    bind(API_PRODUCT_REPOSITORY).toConstantValue(new TypeOrmApiProductRepository(dataSource));
    bind(PORTAL_APP_REPOSITORY).toConstantValue(new TypeOrmPortalAppRepository(dataSource));
    bind(PORTAL_ADMIN_REPOSITORY).toConstantValue(new TypeOrmPortalAdminRepository(dataSource));
    bind(ACCESS_REQUEST_REPOSITORY)
      .toResolvedValue(
        (cipher: SecretCipher, reporter: UnreadableSecretReporter) => new TypeOrmAccessRequestRepository(dataSource, cipher, reporter),
        [SECRET_CIPHER, UNREADABLE_SECRET_REPORTER],
      )
      .inSingletonScope();
    bind(STORED_SECRETS_REPOSITORY).toConstantValue(new TypeOrmStoredSecretsRepository(dataSource));
  });
}
