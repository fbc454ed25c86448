import { expect } from 'chai';
import { TypeOrmAppIntegrationCatalog } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-app-integration.catalog';
import { TypeOrmBrandRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-brand.repository';
import { TypeOrmIntegrationAuthenticationRepository } from '../../../src/adapters/persistence/typeorm/jfw/typeorm-integration-authentication.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { TEST_CHANGE } from '../../support/change';
import { aBrand, aCatalogEntry, anAuthentication } from '../../support/integration-authentication.builder';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { anotherSession, sessionsWaiting } from '../../support/other-session';

/**
 * A PATCH locks its row, then (claiming the default) the (brand,
 * integration) lock; a PUT or POST claiming the default takes that lock,
 * then clears the old default's row. Another session plays the claim, the
 * repository's update the PATCH of the old default: PostgreSQL aborts one
 * as a deadlock, and the PATCH, run again, answers (PostgreSQL only).
 */
describe('a PATCH of the default meeting a claim of the default (TypeORM on PostgreSQL)', () => {
  const session = anotherSession();

  it('runs the PATCH again when PostgreSQL aborts it as a deadlock, and both writes stand', async () => {
    const { dataSource } = testDatabase();
    const repository = new TypeOrmIntegrationAuthenticationRepository(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));
    const brand = aBrand();
    await new TypeOrmBrandRepository(dataSource).add(brand, TEST_CHANGE);
    const entry = aCatalogEntry();
    await new TypeOrmAppIntegrationCatalog(dataSource).add(entry, TEST_CHANGE);
    const oldDefault = anAuthentication(brand.id, entry.id, { isDefault: true });
    const claimant = anAuthentication(brand.id, entry.id);
    await repository.insert(oldDefault, TEST_CHANGE);
    await repository.insert(claimant, TEST_CHANGE);

    // The claim, halfway: its row and the (brand, integration) lock held, the old default not yet cleared.
    await session().query('BEGIN');
    await session().query('SELECT 1 FROM integration_authentications WHERE id = $1 FOR UPDATE', [claimant.id]);
    await session().query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))`, [brand.id, entry.id]);
    // The PATCH of the old default (it stays the default): its row locked, then waiting for the (brand, integration) lock.
    const patch = repository.update(brand.id, oldDefault.id, (c) => c.changeSettings({ name: 'Patched', isDefault: true }, new Date()), TEST_CHANGE);
    await sessionsWaiting();
    // The claim clears the old default: it waits for the PATCH's row, which waits for it. One is aborted (40P01).
    const cleared = session()
      .query(`UPDATE integration_authentications SET is_default = false, version = version + 1 WHERE id = $1`, [oldDefault.id])
      .then(() => 'cleared', (error: { code?: string }) => error.code);
    await sessionsWaiting(2);
    const outcome = await Promise.race([cleared, patch.then(() => 'patched')]);
    if (outcome === '40P01') {
      // The claim was the one aborted: the PATCH goes through on its first run.
      await session().query('ROLLBACK');
    } else {
      // The PATCH was aborted and is running again, waiting for the claim: the claim commits, then the PATCH.
      expect(await cleared).to.equal('cleared');
      await session().query(`UPDATE integration_authentications SET is_default = true, version = version + 1 WHERE id = $1`, [claimant.id]);
      await session().query('COMMIT');
    }
    const patched = await patch;
    expect(patched.authentication.settings.name).to.equal('Patched');
    const defaults = await dataSource.query(
      `SELECT id FROM integration_authentications WHERE brand_id = $1 AND app_integration_id = $2 AND is_default`, [brand.id, entry.id]);
    expect(defaults).to.deep.equal([{ id: oldDefault.id }]);
  });
});
