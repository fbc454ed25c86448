import { expect } from 'chai';
import { TEST_CHANGE } from '../../support/change';
import { InMemoryIdentityProviderRepository } from '../../../src/adapters/persistence/in-memory/identity-provider/in-memory-identity-provider.repository';
import { TypeOrmIdentityProviderRepository } from '../../../src/adapters/persistence/typeorm/identity-provider/typeorm-identity-provider.repository';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { testDatabase } from '../../support/test-database';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { identityProviderRepositoryContract } from './identity-provider-repository.contract';

const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));

identityProviderRepositoryContract('in-memory', async () => new InMemoryIdentityProviderRepository());
identityProviderRepositoryContract('TypeORM on PostgreSQL', async () => new TypeOrmIdentityProviderRepository(testDatabase().dataSource, cipher));

describe('TypeORM on PostgreSQL: the identity provider repository keeps the initial access token at rest', () => {
  it('is stored encrypted, bound to its row and field', async () => {
    const repository = new TypeOrmIdentityProviderRepository(testDatabase().dataSource, cipher);
    const created = await repository.create(IdentityProvider.create(
      { name: 'K', issuer: `https://at-rest-${Date.now()}.example.com`, initialAccessToken: 'plain-iat-value' }, 'https://x.example.com/reg', new Date(),
    ), TEST_CHANGE);
    const [row] = await testDatabase().dataSource.query(`SELECT initial_access_token FROM identity_providers WHERE id = $1`, [created.id]);
    expect(row.initial_access_token).to.be.a('string').and.not.include('plain-iat-value');
    expect(cipher.decrypt(row.initial_access_token, `identity-provider:${created.id}:initial_access_token`)).to.equal('plain-iat-value');
  });
});
