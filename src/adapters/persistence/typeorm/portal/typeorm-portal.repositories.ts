import { DataSource } from 'typeorm';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { TypeOrmAccessRequestRepository } from './typeorm-access-request.repository';
import { TypeOrmApiProductRepository } from './typeorm-api-product.repository';
import { TypeOrmPortalAdminRepository } from './typeorm-portal-admin.repository';
import { TypeOrmPortalAppRepository } from './typeorm-portal-app.repository';
import { TypeOrmPortalUserRepository } from './typeorm-portal-user.repository';

/** Every portal repository on one DataSource; credentials' secrets go through `cipher`. */
export function createTypeOrmPortalRepositories(dataSource: DataSource, cipher: SecretCipher) {
  return {
    users: new TypeOrmPortalUserRepository(dataSource),
    products: new TypeOrmApiProductRepository(dataSource),
    apps: new TypeOrmPortalAppRepository(dataSource, cipher),
    accessRequests: new TypeOrmAccessRequestRepository(dataSource, cipher),
    admins: new TypeOrmPortalAdminRepository(dataSource),
  };
}
