import { expect } from 'chai';
import { WebhookDeliveryStore } from '../../../src/application/ports/webhook-delivery.store';
import { DispatchOutboxEvent } from '../../../src/application/webhooks/dispatch-outbox-event.use-case';
import { FixedClock } from '../../support/fixed-clock';

describe('dispatch one outbox event', () => {
  it('asks the store to fan the event out at the clock’s time and answers how many deliveries it made', async () => {
    const asked: [string, Date][] = [];
    const store = {
      dispatch: async (eventId: string, now: Date) => {
        asked.push([eventId, now]);
        return 2;
      },
    } as unknown as WebhookDeliveryStore;
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    expect(await new DispatchOutboxEvent(store, clock).execute({ eventId: 'evt_7' })).to.equal(2);
    expect(asked).to.deep.equal([['evt_7', new Date('2026-03-01T10:00:00Z')]]);
  });
});
