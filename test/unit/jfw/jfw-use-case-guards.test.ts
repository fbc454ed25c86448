import { expect } from 'chai';
import { AuthenticateBrand } from '../../../src/application/brand/authenticate-brand.use-case';
import { CreateBrandKey } from '../../../src/application/brand/create-brand-key.use-case';
import { BuildAuthorizationUrl } from '../../../src/application/integration-authentication/build-authorization-url.use-case';
import { DeleteIntegrationAuthentication } from '../../../src/application/integration-authentication/delete-integration-authentication.use-case';
import { ListIntegrationAuthentications } from '../../../src/application/integration-authentication/list-integration-authentications.use-case';
import { PatchIntegrationAuthentication } from '../../../src/application/integration-authentication/patch-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../../../src/application/integration-authentication/update-integration-authentication.use-case';
import { BrandRepository } from '../../../src/application/ports/brand.repository';
import { IntegrationAuthenticationFilter, IntegrationAuthenticationRepository } from '../../../src/application/ports/integration-authentication.repository';
import { InMemoryIntegrationAuthenticationRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { AppIntegrationNotFoundError } from '../../../src/domain/app-integration/app-integration-errors';
import { Brand } from '../../../src/domain/brand/brand';
import { BrandNotFoundError, CredentialNotRecognisedError } from '../../../src/domain/brand/brand-errors';
import {
  IntegrationAuthenticationUnusableError,
  IntegrationAuthenticationNotFoundError,
} from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { FixedClock } from '../../support/fixed-clock';
import { FixedTokens, inMemoryJfw, SequentialIds } from '../../support/in-memory-jfw';
import { anIntegrationAuthenticationBody, GOOGLE_ID } from '../../support/integration-authentication.mother';
import { rejectionOf } from '../../support/rejection';
import { storeThatMustNotBeAsked } from '../../support/untouchable-store';
import { SettingsInput } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { TEST_CHANGE } from '../../support/change';

/** The in-memory brand store, counting the key look-ups it answers. */
class CountingBrands extends InMemoryBrandRepository {
  lookups = 0;

  override async findActiveKeyHashes(url: string) {
    this.lookups += 1;
    return super.findActiveKeyHashes(url);
  }
}

const MALFORMED_IDS = ['short', 'GoogleSignIn0000011', 'Google-SignIn00001', ''];

describe('JFramework use cases: what they answer without the store', () => {
  it('answers a malformed configuration id with not-found on PUT, PATCH and DELETE', async () => {
    const store = storeThatMustNotBeAsked<IntegrationAuthenticationRepository>();
    const clock = new FixedClock();
    for (const id of MALFORMED_IDS) {
      const settings = anIntegrationAuthenticationBody() as unknown as SettingsInput;
      expect(await rejectionOf(new UpdateIntegrationAuthentication(store, clock).execute({ change: TEST_CHANGE, brandId: 'b', id, settings })), id).to.be.instanceOf(
        IntegrationAuthenticationNotFoundError,
      );
      expect(await rejectionOf(new PatchIntegrationAuthentication(store, clock).execute({ change: TEST_CHANGE, brandId: 'b', id, patch: { name: 'x' } })), id).to.be.instanceOf(
        IntegrationAuthenticationNotFoundError,
      );
      expect(await rejectionOf(new DeleteIntegrationAuthentication(store, { now: () => new Date() }).execute({ change: TEST_CHANGE, brandId: 'b', id })), id).to.be.instanceOf(
        IntegrationAuthenticationNotFoundError,
      );
    }
  });

  it('answers a malformed integration id with AppIntegrationNotFound when testing the authorization URL', async () => {
    const use = new BuildAuthorizationUrl(storeThatMustNotBeAsked(), storeThatMustNotBeAsked(), new FixedTokens());
    const error = await rejectionOf(use.execute({ brandId: 'b', appIntegrationId: 'not-an-id' }));
    expect(error).to.be.instanceOf(AppIntegrationNotFoundError);
    expect(error).to.include({ appIntegrationId: 'not-an-id' });
  });

  it('lists nothing for a malformed integration filter, with the page asked for', async () => {
    const page = await new ListIntegrationAuthentications(storeThatMustNotBeAsked()).execute({ brandId: 'b', appIntegrationId: 'nope', pageNumber: 2, pageSize: 5 });
    expect(page).to.deep.equal({ items: [], total: 0, pageNumber: 2, pageSize: 5 });
  });

  it('filters by a well-formed integration id', async () => {
    const jfw = inMemoryJfw();
    await jfw.addConfiguration('b');
    const page = await new ListIntegrationAuthentications(jfw.repository).execute({ brandId: 'b', appIntegrationId: GOOGLE_ID });
    expect(page.total).to.equal(1);
    expect((await new ListIntegrationAuthentications(jfw.repository).execute({ brandId: 'b', appIntegrationId: 'GitHubSignIn000001' })).total).to.equal(0);
  });

  it('says why several configurations without a default cannot be tested', async () => {
    const jfw = inMemoryJfw();
    await jfw.addConfiguration('b');
    await jfw.addConfiguration('b');
    const error = await rejectionOf(new BuildAuthorizationUrl(jfw.repository, jfw.catalog, jfw.tokens).execute({ brandId: 'b', appIntegrationId: GOOGLE_ID }));
    expect(error).to.be.instanceOf(IntegrationAuthenticationUnusableError);
    expect((error as Error).message).to.equal('The brand has several configurations of this integration and none is the default');
  });
});

describe('AuthenticateBrand and CreateBrandKey', () => {
  const tokens = new FixedTokens();
  let brands: CountingBrands;

  beforeEach(async () => {
    brands = new CountingBrands();
    await brands.add(Brand.create({ id: 'Brand0000000000001', url: 'acme.example.com' }), TEST_CHANGE);
  });

  const authenticate = (authKey: string | undefined, brandUrl = 'acme.example.com') => new AuthenticateBrand(brands, tokens).execute({ brandUrl, authKey });

  it('refuses a wrong key of a brand that has keys', async () => {
    await brands.addKey('Brand0000000000001', { id: 'k1', hash: tokens.hash('right'), createdAt: new Date() }, TEST_CHANGE);
    expect(await rejectionOf(authenticate('wrong'))).to.be.instanceOf(CredentialNotRecognisedError);
    expect(await authenticate('right')).to.deep.equal({ brandId: 'Brand0000000000001', keyId: 'k1' });
  });

  it('takes a key of 512 characters, and refuses a missing, empty or longer key without looking anything up', async () => {
    const longest = 'k'.repeat(512);
    await brands.addKey('Brand0000000000001', { id: 'k1', hash: tokens.hash(longest), createdAt: new Date() }, TEST_CHANGE);
    expect(await authenticate(longest)).to.deep.equal({ brandId: 'Brand0000000000001', keyId: 'k1' });
    expect(brands.lookups).to.equal(1);
    for (const key of [undefined, '', `${longest}k`]) expect(await rejectionOf(authenticate(key)), String(key)).to.be.instanceOf(CredentialNotRecognisedError);
    expect(brands.lookups).to.equal(1);
  });

  it('looks up a Brand-URL of up to 255 characters, and refuses a longer one without a look-up', async () => {
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`;
    await brands.add(Brand.create({ id: 'Brand0000000000002', url: longest, name: 'Longest' }), TEST_CHANGE);
    await brands.addKey('Brand0000000000002', { id: 'k2', hash: tokens.hash('key-2'), createdAt: new Date() }, TEST_CHANGE);
    expect(await authenticate('key-2', longest)).to.deep.equal({ brandId: 'Brand0000000000002', keyId: 'k2' });
    const before = brands.lookups;
    expect(await rejectionOf(authenticate('key-2', `${longest}e`))).to.be.instanceOf(CredentialNotRecognisedError);
    expect(brands.lookups).to.equal(before);
  });

  it('issues keys with the ihk_ prefix for a brand found by its normalised URL', async () => {
    const created = await new CreateBrandKey(brands, new SequentialIds(), tokens, new FixedClock()).execute({ change: TEST_CHANGE, brandUrl: 'HTTPS://Acme.Example.com/' });
    expect(created.brandUrl).to.equal('acme.example.com');
    expect(created.authKey.startsWith('ihk_')).to.equal(true);
    expect(await authenticate(created.authKey)).to.deep.equal({ brandId: 'Brand0000000000001', keyId: created.keyId });
  });

  it('refuses a key for an unknown brand', async () => {
    const store: BrandRepository = brands;
    const error = await rejectionOf(new CreateBrandKey(store, new SequentialIds(), tokens, new FixedClock()).execute({ change: TEST_CHANGE, brandUrl: 'nobody.example.com' }));
    expect(error).to.be.instanceOf(BrandNotFoundError);
    expect(error).to.include({ url: 'nobody.example.com' });
  });
});

/** The in-memory configurations, remembering what each list was asked for. */
class RecordingConfigurations extends InMemoryIntegrationAuthenticationRepository {
  readonly asked: { filter: IntegrationAuthenticationFilter; page: { offset: number; limit: number } }[] = [];

  override async list(brandId: string, filter: IntegrationAuthenticationFilter, page: { offset: number; limit: number }) {
    this.asked.push({ filter, page });
    return super.list(brandId, filter, page);
  }
}

describe('JFramework lists: paging and keywords', () => {
  const list = (store: IntegrationAuthenticationRepository, query: Record<string, unknown>) =>
    new ListIntegrationAuthentications(store).execute({ brandId: 'b', ...query });

  const PAGE_NUMBER_RULE = 'must be an integer from 0 with pageNumber × pageSize below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. from/to on the audit)';

  it('asks for pageSize rows from pageNumber × pageSize, 50 from 0 by default, up to the page starting at item 9,999', async () => {
    const store = new RecordingConfigurations(inMemoryJfw().catalog);
    expect(await list(store, {})).to.include({ pageNumber: 0, pageSize: 50 });
    await list(store, { pageNumber: 3, pageSize: 7 });
    await list(store, { pageNumber: 49, pageSize: 200 });
    await list(store, { pageNumber: 9_999, pageSize: 1 });
    await list(store, { pageNumber: 3_333, pageSize: 3 });
    await list(store, { pageSize: 1 });
    expect(store.asked.map((a) => a.page)).to.deep.equal([
      { offset: 0, limit: 50 },
      { offset: 21, limit: 7 },
      { offset: 9_800, limit: 200 },
      { offset: 9_999, limit: 1 },
      { offset: 9_999, limit: 3 },
      { offset: 0, limit: 1 },
    ]);
  });

  it('refuses a page whose first item would lie at 10,000 or beyond, naming pageNumber, before asking the store', async () => {
    const store = storeThatMustNotBeAsked<IntegrationAuthenticationRepository>();
    const violations = async (query: Record<string, unknown>) => ((await rejectionOf(list(store, query))) as ValidationError).violations;
    for (const query of [{ pageNumber: 50, pageSize: 200 }, { pageNumber: 10_000, pageSize: 1 }, { pageNumber: 200 }, { pageNumber: 5_000, pageSize: 2 },
      { pageNumber: 1_000_000, pageSize: 200 }]) {
      expect(await violations(query), JSON.stringify(query)).to.deep.equal([{ field: 'pageNumber', message: PAGE_NUMBER_RULE }]);
    }
  });

  it('refuses a page out of range, naming each bad parameter', async () => {
    const store = storeThatMustNotBeAsked<IntegrationAuthenticationRepository>();
    const violations = async (query: Record<string, unknown>) => ((await rejectionOf(list(store, query))) as ValidationError).violations;
    expect(await violations({ pageNumber: -1, pageSize: 0 })).to.deep.equal([
      { field: 'pageNumber', message: PAGE_NUMBER_RULE },
      { field: 'pageSize', message: 'must be an integer from 1 to 200' },
    ]);
    expect(await violations({ pageNumber: 10_000, pageSize: 201 })).to.deep.equal([
      { field: 'pageNumber', message: PAGE_NUMBER_RULE },
      { field: 'pageSize', message: 'must be an integer from 1 to 200' },
    ]);
    expect(await violations({ pageNumber: 9_999, pageSize: 201 })).to.deep.equal([{ field: 'pageSize', message: 'must be an integer from 1 to 200' }]);
    expect(await violations({ pageNumber: 0.5 })).to.deep.equal([{ field: 'pageNumber', message: PAGE_NUMBER_RULE }]);
  });

  it('filters by trimmed keywords, and not at all by blank ones', async () => {
    const store = new RecordingConfigurations(inMemoryJfw().catalog);
    await list(store, { keywords: '  google  ' });
    await list(store, { keywords: '   ' });
    await list(store, {});
    expect(store.asked.map((a) => a.filter.keywords)).to.deep.equal(['google', undefined, undefined]);
  });
});
