import { createTypeOrmPortalRepositories } from '../../../src/adapters/persistence/typeorm/portal/typeorm-portal.repositories';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalRepositoriesContract } from './portal-repositories.contract';

// The contract counts list totals, so each test starts from empty portal
// tables; HTTP suites create their own rows and never rely on earlier ones.
// Ids keep counting (no RESTART IDENTITY): audit entries outlive the rows
// (append-only), and a reused id would give a later suite's new app the
// history of an app this one made.
portalRepositoriesContract('TypeORM on PostgreSQL', async () => {
  const { dataSource } = testDatabase();
  await dataSource.query(
    'TRUNCATE portal_credentials, access_requests, portal_apps, api_products, portal_users, portal_admins CASCADE',
  );
  return createTypeOrmPortalRepositories(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));
});
