import { expect } from 'chai';
import { AuthChange, AuthChangeFeed } from '../../../src/application/ports/auth-change-feed';
import { AuthenticateBrand } from '../../../src/application/brand/authenticate-brand.use-case';
import { CreateBrandKey } from '../../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../../src/application/brand/create-brand.use-case';
import { AuthenticatePortalAdmin } from '../../../src/application/portal-admin/authenticate-portal-admin.use-case';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { CachingBrandRepository } from '../../../src/adapters/caching/caching-brand.repository';
import { CachingPortalAdminRepository } from '../../../src/adapters/caching/caching-portal-admin.repository';
import { parseAuthChange, reconnectDelay } from '../../../src/adapters/persistence/typeorm/pg-auth-change-listener';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { InMemoryPortalAdminRepository } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal-admin.repository';
import { InMemoryPortalStore } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal.store';
import { CredentialNotRecognisedError } from '../../../src/domain/brand/brand-errors';
import { FixedClock } from '../../support/fixed-clock';
import { FixedTokens, SequentialIds } from '../../support/in-memory-jfw';
import { rejectionOf } from '../../support/rejection';
import { TEST_CHANGE } from '../../support/change';

const TTL = 5_000;

/** The feed as another process's writes would drive it: the test says what changed. */
class HandFedChanges implements AuthChangeFeed {
  private readonly handlers = new Set<(change: AuthChange) => void>();

  subscribe(onChange: (change: AuthChange) => void): () => void {
    this.handlers.add(onChange);
    return () => this.handlers.delete(onChange);
  }

  publish(change: AuthChange): void {
    for (const handler of this.handlers) handler(change);
  }
}

class CountingBrands extends InMemoryBrandRepository {
  lookups = 0;

  override async findActiveKeyHashes(url: string) {
    this.lookups++;
    return super.findActiveKeyHashes(url);
  }
}

describe('auth caches fed by changes from other processes', () => {
  const tokens = new FixedTokens();
  let clock: FixedClock;
  let store: CountingBrands;
  let feed: HandFedChanges;
  let authenticate: AuthenticateBrand;
  let keys: { acme: string; other: string };
  let ids: SequentialIds;

  beforeEach(async () => {
    clock = new FixedClock();
    store = new CountingBrands();
    feed = new HandFedChanges();
    ids = new SequentialIds();
    const cached = new CachingBrandRepository(store, clock, TTL, feed);
    authenticate = new AuthenticateBrand(cached, tokens);
    for (const url of ['acme.example.com', 'other.example.com', 'new.example.com']) await new CreateBrand(store, ids).execute({ change: TEST_CHANGE, url });
    keys = {
      acme: (await new CreateBrandKey(store, ids, tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'acme.example.com' })).authKey,
      other: (await new CreateBrandKey(store, ids, tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'other.example.com' })).authKey,
    };

  });

  const login = (brandUrl: string, authKey: string) => authenticate.execute({ brandUrl, authKey });

  it('refuses a key revoked elsewhere as soon as the change arrives, before the TTL, and keeps other brands cached', async () => {
    await login('acme.example.com', keys.acme);
    await login('other.example.com', keys.other);
    await store.revokeKeys((await store.findByUrl('acme.example.com'))!.id, clock.now(), TEST_CHANGE);
    expect(await login('acme.example.com', keys.acme), 'cached until told').to.have.property('brandId');
    feed.publish({ kind: 'brand', url: 'acme.example.com' });
    expect(await rejectionOf(login('acme.example.com', keys.acme))).to.be.instanceOf(CredentialNotRecognisedError);
    const before = store.lookups;
    await login('other.example.com', keys.other);
    expect(store.lookups, 'the other brand still answered from the cache').to.equal(before);
  });

  it('accepts a key created elsewhere once the change arrives, though the brand was cached without it', async () => {
    await rejectionOf(login('new.example.com', 'k'));
    const key = await new CreateBrandKey(store, ids, tokens, clock).execute({ change: TEST_CHANGE, brandUrl: 'new.example.com' });
    expect(await rejectionOf(login('new.example.com', key.authKey))).to.be.instanceOf(CredentialNotRecognisedError);
    feed.publish({ kind: 'brand', url: 'new.example.com' });
    expect(await login('new.example.com', key.authKey)).to.have.property('brandId');
  });

  it('drops every brand on "everything" and ignores portal-admin changes', async () => {
    await login('acme.example.com', keys.acme);
    await login('other.example.com', keys.other);
    feed.publish({ kind: 'portal-admin', id: 1 });
    const before = store.lookups;
    await login('acme.example.com', keys.acme);
    expect(store.lookups).to.equal(before);
    feed.publish({ kind: 'everything' });
    await login('acme.example.com', keys.acme);
    await login('other.example.com', keys.other);
    expect(store.lookups).to.equal(before + 2);
  });

  it('caches nothing while the feed is offline, and again once it is back', async () => {
    await login('acme.example.com', keys.acme);
    feed.publish({ kind: 'offline' });
    const before = store.lookups;
    await login('acme.example.com', keys.acme);
    await login('acme.example.com', keys.acme);
    expect(store.lookups, 'every lookup reaches the store').to.equal(before + 2);
    feed.publish({ kind: 'everything' });
    await login('acme.example.com', keys.acme);
    await login('acme.example.com', keys.acme);
    expect(store.lookups, 'cached again').to.equal(before + 3);
  });

  it('does not keep an answer read before a change that arrived while the lookup was in flight', async () => {
    const brandId = (await store.findByUrl('acme.example.com'))!.id;
    const cached = new CachingBrandRepository(store, clock, TTL, feed);
    const inFlight = cached.findActiveKeyHashes('acme.example.com');
    await store.revokeKeys(brandId, clock.now(), TEST_CHANGE);
    feed.publish({ kind: 'brand', url: 'acme.example.com' });
    expect((await inFlight)!.hashes).to.have.length(1);
    expect((await cached.findActiveKeyHashes('acme.example.com'))!.hashes).to.deep.equal([]);
  });

  it('drops only the admin the change names, and every admin (caching none) while the feed is offline', async () => {
    const adminStore = new InMemoryPortalAdminRepository(new InMemoryPortalStore());
    const cached = new CachingPortalAdminRepository(adminStore, clock, TTL, feed);
    const auth = new AuthenticatePortalAdmin(cached, tokens);
    const create = new CreatePortalAdmin(adminStore, tokens, clock);
    const a = await create.execute({ change: TEST_CHANGE, email: 'a@example.com' });
    const b = await create.execute({ change: TEST_CHANGE, email: 'b@example.com' });
    const idOf = async (token: string) => (await auth.execute({ token }))!.id;
    const aId = await idOf(a.token);
    await idOf(b.token);
    await adminStore.revoke('a@example.com', new Date(), TEST_CHANGE);
    await adminStore.revoke('b@example.com', new Date(), TEST_CHANGE);
    feed.publish({ kind: 'brand', url: 'acme.example.com' });
    expect(await auth.execute({ token: a.token }), 'a brand change leaves admins cached').to.not.equal(null);
    feed.publish({ kind: 'portal-admin', id: aId });
    expect(await auth.execute({ token: a.token })).to.equal(null);
    expect(await auth.execute({ token: b.token }), 'b is another admin: still cached').to.not.equal(null);
    feed.publish({ kind: 'offline' });
    expect(await auth.execute({ token: b.token })).to.equal(null);
    const c = await create.execute({ change: TEST_CHANGE, email: 'c@example.com' });
    await idOf(c.token);
    await adminStore.revoke('c@example.com', new Date(), TEST_CHANGE);
    expect(await auth.execute({ token: c.token }), 'not cached while offline').to.equal(null);
  });
});

describe('PostgreSQL auth-change payloads and reconnection delays', () => {
  it('reads the payloads the triggers send, and treats anything else as "everything"', () => {
    expect(parseAuthChange('{"brand":"acme.example.com"}')).to.deep.equal({ kind: 'brand', url: 'acme.example.com' });
    expect(parseAuthChange('{"portalAdmin":42}')).to.deep.equal({ kind: 'portal-admin', id: 42 });
    for (const odd of [undefined, '', 'not json', '{"brand":7}', '{"portalAdmin":"42"}', '{}', 'null']) {
      expect(parseAuthChange(odd), String(odd)).to.deep.equal({ kind: 'everything' });
    }
  });

  it('backs off from 100 ms, doubling, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => reconnectDelay(attempt, 1_000))).to.deep.equal([100, 200, 400, 800, 1_000, 1_000]);
    expect(reconnectDelay(-1, 1_000)).to.equal(100);
  });
});
