import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { AttemptRecord, WebhookDeliveryStore } from '../../../src/application/ports/webhook-delivery.store';
import { BrandRepository } from '../../../src/application/ports/brand.repository';
import { WebhookSubscriptionRepository } from '../../../src/application/ports/webhook-subscription.repository';
import { Brand } from '../../../src/domain/brand/brand';
import { Actors, cliChange } from '../../../src/domain/audit/change-context';
import { WebhookScope } from '../../../src/domain/webhooks/webhook-subscription';

export interface WebhookDeliveryStoreFixture {
  readonly store: WebhookDeliveryStore;
  readonly subscriptions: WebhookSubscriptionRepository;
  readonly brands: BrandRepository;
  /** Whether events reach deliveries at all (the in-memory store has no outbox and makes none). */
  readonly makesDeliveries: boolean;
  /** Commits a change of `brandId` as a write would (audit entry and event); answers the event's id. */
  recordChange(brandId: string, type: string): Promise<string>;
}

const TYPE = 'integration-authentication.updated';
const at = new Date('2026-11-30T07:00:00.000Z');
const change = { actor: Actors.brandKey('key-1'), correlationId: 'corr-deliveries' };
const base62 = () => randomBytes(32).toString('base64').replace(/[^0-9A-Za-z]/g, '').slice(0, 18);

/** A failed first attempt whose next one would be queued: the record that schedules the most. */
const attemptOf = (deliveryId: string): AttemptRecord => ({
  deliveryId, attempt: 1, at, durationMs: 12, statusCode: 500, error: 'answered 500', result: 'retrying', nextAttemptAt: new Date(at.getTime() + 5_000),
});

/** One suite over every adapter of the port. */
export function webhookDeliveryStoreContract(name: string, fixture: () => WebhookDeliveryStoreFixture): void {
  describe(`webhook delivery store contract: ${name}`, () => {
    let f: WebhookDeliveryStoreFixture;
    let brand: WebhookScope & { brandId: string };

    beforeEach(async () => {
      f = fixture();
      const id = base62();
      await f.brands.add(Brand.create({ id, url: `${id.toLowerCase()}.example.com` }), cliChange());
      brand = { surface: 'jfw', brandId: id };
    });

    it('records nothing, and does not fail, for an attempt of a delivery that does not exist', async () => {
      await f.store.recordAttempt(attemptOf('9007199254740991'));
      expect(await f.store.dueAttempt('9007199254740991', 2)).to.equal(null);
    });

    it('records nothing, and does not fail, when the subscription was deleted while the attempt was in flight', async () => {
      const subscription = await f.subscriptions.create(
        { scope: brand, id: base62(), url: 'https://hooks.example.com/a', eventTypes: [TYPE], description: null, secret: `whsec_${randomBytes(32).toString('base64')}`, at },
        change,
      );
      const eventId = await f.recordChange(brand.brandId, TYPE);
      expect(await f.store.dispatch(eventId, at)).to.equal(f.makesDeliveries ? 1 : 0);
      const { items: deliveries } = await f.subscriptions.listDeliveries(brand, subscription.id, { offset: 0, limit: 10 });
      expect(deliveries).to.have.length(f.makesDeliveries ? 1 : 0);
      // The attempt is taken (the job read it), then the subscription and its deliveries are deleted before it is recorded.
      const taken = await Promise.all(deliveries.map((d) => f.store.dueAttempt(d.id, 1)));
      expect(taken.every((due) => due !== null)).to.equal(true);
      await f.subscriptions.delete(brand, subscription.id, at, change);
      for (const d of deliveries) {
        await f.store.recordAttempt(attemptOf(d.id));
        expect(await f.store.dueAttempt(d.id, 1), 'nothing brought back').to.equal(null);
        expect(await f.store.dueAttempt(d.id, 2), 'no next attempt').to.equal(null);
      }
    });
  });
}
