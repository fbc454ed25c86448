import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Brand } from '../../../src/domain/brand/brand';
import { Actors, ChangeContext, cliChange } from '../../../src/domain/audit/change-context';
import { AuditTrail } from '../../../src/application/ports/audit-trail';
import { BrandRepository } from '../../../src/application/ports/brand.repository';
import { NewWebhookSubscription, WebhookSubscriptionRepository } from '../../../src/application/ports/webhook-subscription.repository';
import {
  WebhookDeliveryNotFoundError, WebhookScope, WebhookSubscriptionDisabledError, WebhookSubscriptionNotFoundError,
} from '../../../src/domain/webhooks/webhook-subscription';
import { VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER, WebhookSubscriptionLimitError } from '../../../src/domain/webhooks/subscription-limit';

export interface WebhookSubscriptionFixture {
  readonly brands: BrandRepository;
  readonly repository: WebhookSubscriptionRepository;
  readonly audit: AuditTrail;
  /** A failed delivery of the subscription, as the outbox makes them; absent where deliveries are never made (in memory). */
  aDelivery?(subscriptionId: string): Promise<string>;
  /**
   * Disables the subscription in a write that has not committed yet
   * (PostgreSQL: its transaction held open; in memory a write has no such
   * window, so it is applied at once). `waitedOn` resolves once another
   * statement waits for it; `commit` ends it.
   */
  heldDisable(scope: WebhookScope, subscriptionId: string, at: Date): Promise<HeldWrite>;
}

export interface HeldWrite {
  waitedOn(): Promise<void>;
  commit(): Promise<void>;
}

const base62 = () => randomBytes(32).toString('base64').replace(/[^0-9A-Za-z]/g, '').slice(0, 18);
const at = new Date('2026-11-30T07:00:00.000Z');
const later = new Date('2026-11-30T08:00:00.000Z');
const change: ChangeContext = { actor: Actors.brandKey('key-1'), correlationId: 'corr-webhooks' };
/** More than any owner may hold (MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER): the whole list in one page. */
const ALL = { offset: 0, limit: 100 };

/** One suite over every adapter of the port: each must keep scopes apart and answer the same. */
export function webhookSubscriptionRepositoryContract(name: string, fixture: () => WebhookSubscriptionFixture): void {
  describe(`webhook subscription repository contract: ${name}`, () => {
    let f: WebhookSubscriptionFixture;
    let brand: WebhookScope;
    let otherBrand: WebhookScope;
    const portal: WebhookScope = { surface: 'portal' };

    async function aBrand(): Promise<WebhookScope> {
      const id = base62();
      await f.brands.add(Brand.create({ id, url: `${id.toLowerCase()}.example.com` }), cliChange());
      return { surface: 'jfw', brandId: id };
    }

    const subscription = (scope: WebhookScope, over: Partial<NewWebhookSubscription> = {}): NewWebhookSubscription => ({
      scope, id: scope.surface === 'jfw' ? base62() : undefined, url: 'https://hooks.example.com/a',
      eventTypes: scope.surface === 'jfw' ? ['integration-authentication.updated'] : ['portal-app.updated'],
      description: 'mine', secret: `whsec_${randomBytes(32).toString('base64')}`, at, ...over,
    });

    beforeEach(async () => {
      f = fixture();
      brand = await aBrand();
      otherBrand = await aBrand();
    });

    it('creates a subscription and reads it back as created, enabled, version 1', async () => {
      const created = await f.repository.create(subscription(brand), change);
      expect(created).to.deep.include({ scope: brand, url: 'https://hooks.example.com/a', description: 'mine', disabledAt: null, version: 1 });
      expect(created.eventTypes).to.deep.equal(['integration-authentication.updated']);
      expect(created.createdAt.getTime()).to.equal(at.getTime());
      expect(await f.repository.get(brand, created.id)).to.deep.equal(created);
    });

    it('numbers portal subscriptions with integers, ascending', async () => {
      const a = await f.repository.create(subscription(portal), change);
      const b = await f.repository.create(subscription(portal), change);
      expect(a.id).to.match(/^[1-9][0-9]*$/);
      expect(Number(b.id)).to.be.greaterThan(Number(a.id));
    });

    it('lists only the scope\'s own subscriptions, oldest first', async () => {
      const first = await f.repository.create(subscription(brand), change);
      const second = await f.repository.create(subscription(brand, { at: later }), change);
      await f.repository.create(subscription(otherBrand), change);
      expect((await f.repository.list(brand, ALL)).items.map((s) => s.id)).to.deep.equal([first.id, second.id]);
      expect((await f.repository.list(portal, ALL)).items.map((s) => s.id)).to.not.include(first.id);
    });

    it('pages the scope\'s subscriptions, oldest first, with the total of that scope alone, also past the end', async () => {
      const made = [];
      for (const minutes of [0, 1, 2]) made.push(await f.repository.create(subscription(brand, { at: new Date(at.getTime() + minutes * 60_000) }), change));
      await f.repository.create(subscription(otherBrand), change);
      const middle = await f.repository.list(brand, { offset: 1, limit: 1 });
      expect(middle.items.map((s) => s.id)).to.deep.equal([made[1].id]);
      expect(middle.total).to.equal(3);
      expect((await f.repository.list(brand, { offset: 2, limit: 5 })).items.map((s) => s.id)).to.deep.equal([made[2].id]);
      expect(await f.repository.list(brand, { offset: 6, limit: 2 })).to.deep.equal({ items: [], total: 3 });
      expect((await f.repository.list(await aBrand(), { offset: 0, limit: 2 }))).to.deep.equal({ items: [], total: 0 });
    });

    it('answers another brand\'s or the portal\'s subscription as not found, for every operation', async () => {
      const theirs = await f.repository.create(subscription(otherBrand), change);
      const portals = await f.repository.create(subscription(portal), change);
      for (const [scope, id] of [[brand, theirs.id], [brand, portals.id], [portal, theirs.id]] as const) {
        await expectRejection(f.repository.get(scope, id), WebhookSubscriptionNotFoundError);
        await expectRejection(f.repository.update(scope, id, { url: 'https://evil.example.com/' }, later, change), WebhookSubscriptionNotFoundError);
        await expectRejection(f.repository.delete(scope, id, later, change), WebhookSubscriptionNotFoundError);
        await expectRejection(f.repository.listDeliveries(scope, id, ALL), WebhookSubscriptionNotFoundError);
        await expectRejection(f.repository.retryDelivery(scope, id, '1', later, change), WebhookSubscriptionNotFoundError);
      }
      expect((await f.repository.get(otherBrand, theirs.id)).url).to.equal('https://hooks.example.com/a');
    });

    it('changes only the fields given, clears the description with null, and counts versions', async () => {
      const created = await f.repository.create(subscription(brand), change);
      const renamed = await f.repository.update(brand, created.id, { url: 'https://hooks.example.com/b' }, later, change);
      expect(renamed).to.deep.include({ url: 'https://hooks.example.com/b', description: 'mine', version: 2 });
      expect(renamed.eventTypes).to.deep.equal(['integration-authentication.updated']);
      expect(renamed.updatedAt.getTime()).to.equal(later.getTime());
      const cleared = await f.repository.update(brand, created.id, { description: null, eventTypes: ['integration-authentication.created', 'integration-authentication.deleted'] }, later, change);
      expect(cleared).to.deep.include({ description: null, version: 3 });
      expect(cleared.eventTypes).to.deep.equal(['integration-authentication.created', 'integration-authentication.deleted']);
    });

    it('writes nothing for changes that change nothing (none, or each field at its value): same version, no entry; If-Match still checked', async () => {
      const created = await f.repository.create(subscription(brand), change);
      const same = { url: created.url, eventTypes: [...created.eventTypes], description: created.description, enabled: true };
      for (const changes of [{}, same, { description: 'mine' }]) {
        expect(await f.repository.update(brand, created.id, changes, later, change, [1]), JSON.stringify(changes)).to.deep.equal(created);
      }
      await expectRejection(f.repository.update(brand, created.id, {}, later, change, [2]), VersionMismatchError);
      expect(await auditActions(brand, created.id)).to.deep.equal(['created']);
      const disabled = await f.repository.update(brand, created.id, { enabled: false }, later, change);
      expect(await f.repository.update(brand, created.id, { enabled: false }, new Date(later.getTime() + 60_000), change)).to.deep.equal(disabled);
      expect(await auditActions(brand, created.id)).to.deep.equal(['created', 'updated']);
    });

    const auditActions = async (scope: WebhookScope, id: string) => {
      const { items } = await f.audit.entries({ brandId: (scope as { brandId: string }).brandId, resourceType: 'webhook-subscription', resourceId: id }, { offset: 0, limit: 50 });
      return items.map((e) => e.action).sort();
    };

    it('changes only at an expected version when one is given: any of a list will do; a stale one or an empty list changes and records nothing', async () => {
      const created = await f.repository.create(subscription(brand), change);
      for (const stale of [[2], [0, 3], []]) {
        await expectRejection(f.repository.update(brand, created.id, { url: 'https://hooks.example.com/stale' }, later, change, stale), VersionMismatchError);
      }
      expect(await f.repository.get(brand, created.id)).to.deep.equal(created);
      expect(await auditActions(brand, created.id)).to.deep.equal(['created']);
      const written = await f.repository.update(brand, created.id, { url: 'https://hooks.example.com/b' }, later, change, [7, 1]);
      expect(written).to.deep.include({ url: 'https://hooks.example.com/b', version: 2 });
      await expectRejection(f.repository.update(brand, created.id, { description: 'again' }, later, change, [1]), VersionMismatchError);
      expect((await f.repository.update(brand, created.id, { description: 'again' }, later, change, [2])).version).to.equal(3);
    });

    it('deletes only at an expected version when one is given; a refused delete keeps the subscription and records nothing', async () => {
      const created = await f.repository.create(subscription(brand), change);
      await expectRejection(f.repository.delete(brand, created.id, later, change, [2, 3]), VersionMismatchError);
      await expectRejection(f.repository.delete(brand, created.id, later, change, []), VersionMismatchError);
      expect(await f.repository.get(brand, created.id)).to.deep.equal(created);
      expect(await auditActions(brand, created.id)).to.deep.equal(['created']);
      await f.repository.delete(brand, created.id, later, change, [4, 1]);
      await expectRejection(f.repository.get(brand, created.id), WebhookSubscriptionNotFoundError);
    });

    it('answers an unknown or another owner\'s subscription as not found, not as a version mismatch, whatever the expected versions', async () => {
      const theirs = await f.repository.create(subscription(otherBrand), change);
      for (const id of [theirs.id, base62()]) {
        for (const expected of [[1], [9], []]) {
          await expectRejection(f.repository.update(brand, id, { description: 'x' }, later, change, expected), WebhookSubscriptionNotFoundError);
          await expectRejection(f.repository.delete(brand, id, later, change, expected), WebhookSubscriptionNotFoundError);
        }
      }
      expect(await f.repository.get(otherBrand, theirs.id)).to.deep.equal(theirs);
    });

    it('lets exactly one of concurrent writes at the same expected version through; the others are refused and record nothing', async () => {
      const created = await f.repository.create(subscription(brand), change);
      const writers = 8;
      const results = await Promise.allSettled(Array.from({ length: writers }, (_, i) =>
        f.repository.update(brand, created.id, { description: `writer ${i}` }, later, change, [1])));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(writers - refused.length).to.equal(1);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).to.be.instanceOf(VersionMismatchError);
      expect((await f.repository.get(brand, created.id)).version).to.equal(2);
      const deletes = await Promise.allSettled(Array.from({ length: writers }, () => f.repository.delete(brand, created.id, later, change, [2])));
      expect(deletes.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(await auditActions(brand, created.id)).to.deep.equal(['created', 'deleted', 'updated']);
    });

    it('disables and enables again; a disabled subscription refuses a retry', async () => {
      const created = await f.repository.create(subscription(brand), change);
      const disabled = await f.repository.update(brand, created.id, { enabled: false }, later, change);
      expect(disabled.disabledAt?.getTime()).to.equal(later.getTime());
      await expectRejection(f.repository.retryDelivery(brand, created.id, '1', later, change), WebhookSubscriptionDisabledError);
      expect((await f.repository.update(brand, created.id, { enabled: true }, later, change)).disabledAt).to.equal(null);
    });

    it('refuses, with nothing retried or recorded, a retry that meets a disable committing while the retry runs (the check is in the write)', async () => {
      const created = await f.repository.create(subscription(brand), change);
      const deliveryId = f.aDelivery === undefined ? '1' : await f.aDelivery(created.id);
      const held = await f.heldDisable(brand, created.id, later);
      const retry = f.repository.retryDelivery(brand, created.id, deliveryId, later, change).then(() => undefined, (error: unknown) => error);
      // A retry that read "enabled" before the disable committed would be done here, already queued.
      await Promise.race([retry, held.waitedOn()]);
      await held.commit();
      expect(await retry).to.be.instanceOf(WebhookSubscriptionDisabledError);
      const { items } = await f.audit.entries({ brandId: (brand as { brandId: string }).brandId, resourceType: 'webhook-delivery' }, { offset: 0, limit: 10 });
      expect(items, 'no retry recorded').to.deep.equal([]);
      expect((await f.repository.listDeliveries(brand, created.id, ALL)).items.map((d) => d.status), 'the delivery as it was')
        .to.deep.equal(f.aDelivery === undefined ? [] : ['failed']);
    });

    it('records one audit entry per write: the fields as the surface names them, the secret only as changed', async () => {
      const created = await f.repository.create(subscription(brand), change);
      await f.repository.update(brand, created.id, { url: 'https://hooks.example.com/b', enabled: false }, later, change);
      await f.repository.delete(brand, created.id, later, change);
      const { items } = await f.audit.entries({ brandId: (brand as { brandId: string }).brandId, resourceType: 'webhook-subscription', resourceId: created.id }, { offset: 0, limit: 10 });
      const entries = [...items].sort((a, b) => Number(a.id) - Number(b.id));
      expect(entries.map((e) => e.action)).to.deep.equal(['created', 'updated', 'deleted']);
      expect(entries[0]).to.deep.include({ surface: 'jfw', actor: { kind: 'brand-key', id: 'key-1' }, correlationId: 'corr-webhooks' });
      expect(entries[0].changes).to.deep.include({ field: 'secret', changed: true });
      expect(entries[0].changes).to.deep.include({ field: 'url', from: null, to: 'https://hooks.example.com/a' });
      expect(JSON.stringify(entries)).to.not.include('whsec_');
      expect(entries[1].changes).to.deep.equal([
        { field: 'url', from: 'https://hooks.example.com/a', to: 'https://hooks.example.com/b' },
        { field: 'enabled', from: true, to: false },
      ]);
      expect(entries[2].changes).to.deep.include({ field: 'url', from: 'https://hooks.example.com/b', to: null });
    });

    it('deletes a subscription, after which it is not found', async () => {
      const created = await f.repository.create(subscription(brand), change);
      await f.repository.delete(brand, created.id, later, change);
      await expectRejection(f.repository.get(brand, created.id), WebhookSubscriptionNotFoundError);
      await expectRejection(f.repository.delete(brand, created.id, later, change), WebhookSubscriptionNotFoundError);
    });

    it('refuses an owner\'s subscription beyond the cap, disabled ones counted, other owners apart; a deletion frees a slot', async () => {
      const made = [];
      for (let i = 0; i < MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER; i++) made.push(await f.repository.create(subscription(brand), change));
      await f.repository.update(brand, made[0].id, { enabled: false }, later, change);
      await expectRejection(f.repository.create(subscription(brand), change), WebhookSubscriptionLimitError);
      expect((await f.repository.list(brand, ALL)).total).to.equal(MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER);
      await f.repository.create(subscription(otherBrand), change);
      await f.repository.delete(brand, made[1].id, later, change);
      await f.repository.create(subscription(brand), change);
    });

    it('lets exactly the cap of concurrent creations through, the rest refused with nothing written', async () => {
      const tries = MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER + 10;
      const results = await Promise.allSettled(Array.from({ length: tries }, () => f.repository.create(subscription(brand), change)));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.length - refused.length).to.equal(MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).to.be.instanceOf(WebhookSubscriptionLimitError);
      expect((await f.repository.list(brand, ALL)).total).to.equal(MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER);
      const { items } = await f.audit.entries({ brandId: (brand as { brandId: string }).brandId, resourceType: 'webhook-subscription' }, { offset: 0, limit: 100 });
      expect(items.filter((e) => e.action === 'created')).to.have.length(MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER);
    });

    it('lists no deliveries for a new subscription and knows no delivery id of it', async () => {
      const created = await f.repository.create(subscription(brand), change);
      expect(await f.repository.listDeliveries(brand, created.id, ALL)).to.deep.equal({ items: [], total: 0 });
      for (const id of ['1', '999999', 'abc', '-1', '']) {
        await expectRejection(f.repository.retryDelivery(brand, created.id, id, later, change), WebhookDeliveryNotFoundError);
      }
    });
  });
}

async function expectRejection(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    return;
  }
  expect.fail(`expected ${type.name}`);
}
