import { expect } from 'chai';
import { AuthenticateBrand } from '../../../src/application/brand/authenticate-brand.use-case';
import { CreateBrandKey } from '../../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../../src/application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../../../src/application/brand/revoke-brand-keys.use-case';
import { AuthenticatePortalAdmin } from '../../../src/application/portal-admin/authenticate-portal-admin.use-case';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { RevokePortalAdmin } from '../../../src/application/portal-admin/revoke-portal-admin.use-case';
import { CachingBrandRepository } from '../../../src/adapters/caching/caching-brand.repository';
import { CachingPortalAdminRepository } from '../../../src/adapters/caching/caching-portal-admin.repository';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryPortalAdminRepository } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal-admin.repository';
import { InMemoryPortalStore } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal.store';
import { BrandKeyNotFoundError, BrandNotFoundError, CredentialNotRecognisedError } from '../../../src/domain/brand/brand-errors';
import { PortalAdminNotFoundError } from '../../../src/domain/portal-admin/portal-admin-errors';
import { FixedClock } from '../../support/fixed-clock';
import { FixedTokens, SequentialIds } from '../../support/in-memory-jfw';
import { rejectionOf } from '../../support/rejection';
import { TEST_CHANGE } from '../../support/change';

const TTL = 5_000;


/** Counts lookups that reach the store behind the cache. */
class CountingBrands extends InMemoryBrandRepository {
  lookups = 0;

  override async findActiveKeyHashes(url: string) {
    this.lookups++;
    return super.findActiveKeyHashes(url);
  }
}

describe('cached auth-key lookups', () => {
  let clock: FixedClock;
  let store: CountingBrands;
  let cached: CachingBrandRepository;
  let authenticate: AuthenticateBrand;
  let key: { brandUrl: string; keyId: string; authKey: string };
  const tokens = new FixedTokens();

  beforeEach(async () => {
    clock = new FixedClock();
    store = new CountingBrands();
    cached = new CachingBrandRepository(store, clock, TTL);
    authenticate = new AuthenticateBrand(cached, tokens);
    await new CreateBrand(cached, new SequentialIds()).execute({ change: TEST_CHANGE, url: 'acme.example.com' });
    key = await new CreateBrandKey(cached, new SequentialIds(), tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'acme.example.com' });
  });

  const login = (authKey = key.authKey) => authenticate.execute({ brandUrl: 'ACME.example.com', authKey });

  it('answers repeated lookups of a brand from the cache within the TTL', async () => {
    await login();
    await login();
    clock.advance(TTL - 1);
    await login();
    expect(store.lookups).to.equal(1);
    clock.advance(1);
    await login();
    expect(store.lookups).to.equal(2);
  });

  it('refuses a key revoked through the same repository at once', async () => {
    await login();
    const revoked = await new RevokeBrandKeys(cached, clock).execute({ change: TEST_CHANGE, brandUrl: 'acme.example.com', keyId: key.keyId });
    expect(revoked.revokedKeyIds).to.deep.equal([key.keyId]);
    expect(await rejectionOf(login())).to.be.instanceOf(CredentialNotRecognisedError);
  });

  it('refuses a key revoked by another process once the TTL has passed, not before', async () => {
    await login();
    await store.revokeKeys((await store.findByUrl('acme.example.com'))!.id, clock.now(), TEST_CHANGE);
    await login();
    clock.advance(TTL);
    expect(await rejectionOf(login())).to.be.instanceOf(CredentialNotRecognisedError);
  });

  it('accepts a key added through the same repository at once', async () => {
    await login();
    const second = await new CreateBrandKey(cached, new SequentialIds(), tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'acme.example.com' });
    expect(await login(second.authKey)).to.have.property('brandId');
  });

  it('caches unknown brands like known ones, so their cost does not tell them apart', async () => {
    await login();
    await rejectionOf(authenticate.execute({ brandUrl: 'nobody.example.com', authKey: 'x' }));
    const before = store.lookups;
    await rejectionOf(login('wrong key'));
    await rejectionOf(authenticate.execute({ brandUrl: 'nobody.example.com', authKey: 'x' }));
    expect(store.lookups).to.equal(before);
    clock.advance(TTL);
    await rejectionOf(authenticate.execute({ brandUrl: 'nobody.example.com', authKey: 'x' }));
    expect(store.lookups).to.equal(before + 1);
  });

  it('compares the presented key once for an unknown brand, as for a known brand with one key', async () => {
    let compared = 0;
    const counting = Object.assign(Object.create(tokens) as FixedTokens, {
      matches: (secret: string, hash: string) => (compared++, tokens.matches(secret, hash)),
    });
    const auth = new AuthenticateBrand(cached, counting);
    await rejectionOf(auth.execute({ brandUrl: 'acme.example.com', authKey: 'wrong' }));
    expect(compared).to.equal(1);
    await rejectionOf(auth.execute({ brandUrl: 'nobody.example.com', authKey: 'wrong' }));
    expect(compared).to.equal(2);
  });

  it('does not keep an answer read before a revocation that finished first', async () => {
    const brandId = (await store.findByUrl('acme.example.com'))!.id;
    const inFlight = cached.findActiveKeyHashes('acme.example.com');
    await cached.revokeKeys(brandId, clock.now(), TEST_CHANGE);
    await inFlight;
    expect(await rejectionOf(login())).to.be.instanceOf(CredentialNotRecognisedError);
  });

  it('revoking names the brand and the key that were not found', async () => {
    expect(await rejectionOf(new RevokeBrandKeys(cached, clock).execute({ change: TEST_CHANGE, brandUrl: 'nobody.example.com' }))).to.be.instanceOf(BrandNotFoundError);
    expect(await rejectionOf(new RevokeBrandKeys(cached, clock).execute({ change: TEST_CHANGE, brandUrl: 'acme.example.com', keyId: 'nope' })))
      .to.be.instanceOf(BrandKeyNotFoundError);
  });
});

describe('cached portal admin token lookups', () => {
  it('refuses a revoked token at once in-process and after the TTL when revoked elsewhere', async () => {
    const clock = new FixedClock();
    const tokens = new FixedTokens();
    const store = new InMemoryPortalAdminRepository(new InMemoryPortalStore());
    const cached = new CachingPortalAdminRepository(store, clock, TTL);
    const authenticate = new AuthenticatePortalAdmin(cached, tokens);
    const create = new CreatePortalAdmin(cached, tokens, clock);

    const a = await create.execute({ change: TEST_CHANGE, email: 'a@example.com' });
    expect(await authenticate.execute({ token: a.token })).to.not.equal(null);
    await new RevokePortalAdmin(cached, { now: () => new Date() }).execute({ change: TEST_CHANGE, email: 'A@example.com' });
    expect(await authenticate.execute({ token: a.token })).to.equal(null);

    const b = await create.execute({ change: TEST_CHANGE, email: 'b@example.com' });
    expect(await authenticate.execute({ token: b.token })).to.not.equal(null);
    await store.revoke('b@example.com', new Date(), TEST_CHANGE);
    expect(await authenticate.execute({ token: b.token })).to.not.equal(null);
    clock.advance(TTL);
    expect(await authenticate.execute({ token: b.token })).to.equal(null);

    expect(await rejectionOf(new RevokePortalAdmin(cached, { now: () => new Date() }).execute({ change: TEST_CHANGE, email: 'b@example.com' }))).to.be.instanceOf(PortalAdminNotFoundError);
  });
});
