import { expect } from 'chai';
import { TEST_CHANGE } from '../../support/change';
import { randomBytes } from 'node:crypto';
import { IdentityProviderRepository } from '../../../src/application/ports/identity-provider.repository';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { IdentityProviderIssuerTakenError } from '../../../src/domain/identity-provider/identity-provider-errors';
import { rejectionOf } from '../../support/rejection';

/** One suite over every IdentityProviderRepository. */
export function identityProviderRepositoryContract(name: string, make: () => Promise<IdentityProviderRepository>): void {
  describe(`IdentityProviderRepository contract: ${name}`, () => {
    let repository: IdentityProviderRepository;
    const now = new Date('2026-11-30T07:00:00Z');
    const issuer = () => `https://idp-${randomBytes(6).toString('hex')}.example.com/realms/master`;

    beforeEach(async () => {
      repository = await make();
    });

    it('keeps what it was given, the initial access token included, and finds it by id', async () => {
      const given = issuer();
      const created = await repository.create(IdentityProvider.create({ name: 'Keycloak', issuer: given, initialAccessToken: 'iat-secret' }, `${given}/reg`, now), TEST_CHANGE);
      const found = await repository.findById(created.id);
      expect(found?.snapshot()).to.deep.equal({
        id: created.id, name: 'Keycloak', issuer: given, registrationEndpoint: `${given}/reg`, initialAccessToken: 'iat-secret', createdAt: now,
      });
    });

    it('keeps no token when none was given', async () => {
      const created = await repository.create(IdentityProvider.create({ name: 'Open', issuer: issuer() }, 'https://idp.example.com/reg', now), TEST_CHANGE);
      expect((await repository.findById(created.id))?.initialAccessToken).to.equal(null);
    });

    it('refuses a second provider with the same issuer', async () => {
      const given = issuer();
      await repository.create(IdentityProvider.create({ name: 'One', issuer: given }, `${given}/reg`, now), TEST_CHANGE);
      const error = await rejectionOf(repository.create(IdentityProvider.create({ name: 'Two', issuer: given }, `${given}/reg`, now), TEST_CHANGE));
      expect(error).to.be.instanceOf(IdentityProviderIssuerTakenError);
    });

    it('answers null for an unknown id and lists by id with the total', async () => {
      expect(await repository.findById(2_000_000_000)).to.equal(null);
      const a = await repository.create(IdentityProvider.create({ name: 'A', issuer: issuer() }, 'https://a.example.com/reg', now), TEST_CHANGE);
      const b = await repository.create(IdentityProvider.create({ name: 'B', issuer: issuer() }, 'https://b.example.com/reg', now), TEST_CHANGE);
      const page = await repository.list({ offset: 0, limit: 1000 });
      const ids = page.items.map((p) => p.id);
      expect(ids.indexOf(a.id)).to.be.below(ids.indexOf(b.id));
      expect(page.total).to.be.at.least(2);
    });
  });
}
