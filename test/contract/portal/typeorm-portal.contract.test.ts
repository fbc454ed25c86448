import { createTypeOrmPortalRepositories } from '../../../src/adapters/persistence/typeorm/portal/typeorm-portal.repositories';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalRepositoriesContract } from './portal-repositories.contract';

// The contract counts list totals, so each test starts from empty portal
// tables; HTTP suites create their own rows and never rely on earlier ones.
// Identities are not restarted: the audit trail outlives the rows (append-only,
// no foreign keys), and a reused id would give a later suite's app the history
// of an earlier one, as ids never repeat in production.
portalRepositoriesContract('TypeORM on PostgreSQL', async () => {
  const { dataSource } = testDatabase();
  await dataSource.query(
    'TRUNCATE portal_credentials, access_requests, portal_apps, api_products, portal_users, portal_admins CASCADE',
  );
  return createTypeOrmPortalRepositories(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));
});
