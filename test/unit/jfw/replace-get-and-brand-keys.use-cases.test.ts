import { expect } from 'chai';
import { AuthenticateBrand } from '../../../src/application/brand/authenticate-brand.use-case';
import { CreateBrandKey } from '../../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../../src/application/brand/create-brand.use-case';
import { CreateIntegrationAuthentication } from '../../../src/application/integration-authentication/create-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../../../src/application/integration-authentication/get-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../../../src/application/integration-authentication/update-integration-authentication.use-case';
import { InMemoryAppIntegrationCatalog } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { CryptoTokenGenerator } from '../../../src/adapters/system/crypto-token-generator';
import { CredentialNotRecognisedError } from '../../../src/domain/brand/brand-errors';
import { IntegrationAuthenticationNotFoundError } from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { FixedClock } from '../../support/fixed-clock';
import { aCatalogEntry, someSettings } from '../../support/integration-authentication.builder';
import { rejectionOf } from '../../support/rejection';
import { SeededBase62Ids } from '../../support/seeded-ids';
import { TEST_CHANGE } from '../../support/change';


describe('JFramework use cases on in-memory adapters', () => {
  const ids = new SeededBase62Ids();
  const tokens = new CryptoTokenGenerator();
  let clock: FixedClock;
  let catalog: InMemoryAppIntegrationCatalog;
  let repository: InMemoryIntegrationAuthenticationRepository;
  let brands: InMemoryBrandRepository;
  let appId: string;

  beforeEach(async () => {
    clock = new FixedClock();
    catalog = new InMemoryAppIntegrationCatalog();
    repository = new InMemoryIntegrationAuthenticationRepository(catalog);
    brands = new InMemoryBrandRepository();
    const entry = aCatalogEntry();
    await catalog.add(entry, TEST_CHANGE);
    appId = entry.id;
  });

  describe('UpdateIntegrationAuthentication (PUT replaces)', () => {
    it('replaces every setting and stamps the clock’s time', async () => {
      const created = await new CreateIntegrationAuthentication(repository, ids, clock).execute({ change: TEST_CHANGE, 
        brandId: 'brand',
        settings: someSettings(appId, { tags: '#old', status: 'Inactive' }),
      });
      clock.advance(60_000);
      const view = await new UpdateIntegrationAuthentication(repository, clock).execute({ change: TEST_CHANGE, 
        brandId: 'brand',
        id: created.authentication.id,
        settings: someSettings(appId, { name: 'New name' }),
      });
      const s = view.authentication.snapshot();
      expect(s.name).to.equal('New name');
      expect(s.tags).to.equal(null);
      expect(s.status).to.equal('Active');
      expect(s.updatedDate.getTime() - s.createdDate.getTime()).to.equal(60_000);
    });

    it('rejects a redirect URI with a fragment before touching the store', async () => {
      const error = await rejectionOf(
        new UpdateIntegrationAuthentication(repository, clock).execute({ change: TEST_CHANGE, 
          brandId: 'brand',
          id: ids.next(),
          settings: someSettings(appId, { redirectURI: 'https://a.example.com/cb#x' }),
        }),
      );
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).violations.map((v) => v.field)).to.deep.equal(['redirectURI']);
    });

    it('answers not found for a malformed id', async () => {
      const error = await rejectionOf(
        new UpdateIntegrationAuthentication(repository, clock).execute({ change: TEST_CHANGE, brandId: 'brand', id: 'short', settings: someSettings(appId) }),
      );
      expect(error).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
    });
  });

  describe('GetIntegrationAuthentication', () => {
    it('finds only within the brand', async () => {
      const created = await new CreateIntegrationAuthentication(repository, ids, clock).execute({ change: TEST_CHANGE, brandId: 'a', settings: someSettings(appId) });
      const get = new GetIntegrationAuthentication(repository);
      expect((await get.execute({ brandId: 'a', id: created.authentication.id })).authentication.id).to.equal(created.authentication.id);
      expect(await rejectionOf(get.execute({ brandId: 'b', id: created.authentication.id }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
    });
  });

  describe('brands and keys', () => {
    it('authenticates with the issued key under any spelling of the brand URL, and stores only a hash', async () => {
      await new CreateBrand(brands, ids).execute({ change: TEST_CHANGE, url: 'Shop.Example.com/EU' });
      const { authKey, brandUrl } = await new CreateBrandKey(brands, ids, tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'shop.example.com/eu' });
      expect(brandUrl).to.equal('shop.example.com/eu');
      const auth = new AuthenticateBrand(brands, tokens);
      const { brandId } = await auth.execute({ brandUrl: 'https://shop.example.com/eu/', authKey });
      expect(brandId).to.have.length(18);
      const stored = await brands.findActiveKeyHashes('shop.example.com/eu');
      expect(stored?.hashes).to.deep.equal([tokens.hash(authKey)]);
      expect(stored?.hashes[0]).not.to.equal(authKey);
    });

    it('gives the same Unauthorized for a wrong key, no key and an unknown brand', async () => {
      await new CreateBrand(brands, ids).execute({ change: TEST_CHANGE, url: 'a.example.com' });
      await new CreateBrandKey(brands, ids, tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'a.example.com' });
      const auth = new AuthenticateBrand(brands, tokens);
      for (const command of [
        { brandUrl: 'a.example.com', authKey: 'ihk_wrong' },
        { brandUrl: 'a.example.com', authKey: undefined },
        { brandUrl: 'b.example.com', authKey: 'ihk_wrong' },
      ]) {
        expect(await rejectionOf(auth.execute(command))).to.be.instanceOf(CredentialNotRecognisedError);
      }
    });

    it('refuses a brand URL that is not a host name', async () => {
      const error = await rejectionOf(new CreateBrand(brands, ids).execute({ change: TEST_CHANGE, url: 'not a host!' }));
      expect(error).to.be.instanceOf(ValidationError);
    });
  });
});
