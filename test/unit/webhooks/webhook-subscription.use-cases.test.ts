import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { OutboundHttp, OutboundOutcome, TargetVerdict } from '../../../src/application/ports/outbound-http';
import { EventSubscriber } from '../../../src/application/ports/event-subscriber';
import { CreateWebhookSubscription } from '../../../src/application/webhooks/create-webhook-subscription.use-case';
import { EventSubscriberNotHereError, NotifyEventSubscriber } from '../../../src/application/webhooks/notify-event-subscriber.use-case';
import { RegisterEventSubscribers } from '../../../src/application/webhooks/register-event-subscribers.use-case';
import { ListWebhookSubscriptions } from '../../../src/application/webhooks/list-webhook-subscriptions.use-case';
import { UpdateWebhookSubscription } from '../../../src/application/webhooks/update-webhook-subscription.use-case';
import { createContainer } from '../../../src/bootstrap/container';
import { cliChange } from '../../../src/domain/audit/change-context';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { WebhookScope } from '../../../src/domain/webhooks/webhook-subscription';
import { rejectionOf } from '../../support/rejection';

/** A fake outbound client that judges targets by a list and never sends. */
class ListedTargets implements OutboundHttp {
  readonly checked: string[] = [];
  constructor(private readonly refused: readonly string[]) {}
  async send(): Promise<OutboundOutcome> {
    return { kind: 'refused', reason: 'the fake sends nothing' };
  }
  checkTarget(url: string): TargetVerdict {
    this.checked.push(url);
    return this.refused.some((r) => url.includes(r)) ? { allowed: false, reason: `${new URL(url).hostname} is listed` } : { allowed: true };
  }
}

const secretKey = randomBytes(32).toString('base64');
const portal: WebhookScope = { surface: 'portal' };
const change = cliChange();

describe('webhook subscription use cases (in-memory adapters, a fake outbound client swapped in through the container)', () => {
  const build = (subscribers: EventSubscriber[] = []) => {
    const http = new ListedTargets(['internal.example']);
    return { http, container: createContainer({ persistence: { kind: 'in-memory' }, secretKey, webhooks: { outboundHttp: http, subscribers } }) };
  };

  it('asks the outbound adapter about the URL and refuses what it refuses, as a ValidationError on url', async () => {
    const { http, container } = build();
    const create = container.get(CreateWebhookSubscription);
    const error = await rejectionOf(create.execute({ scope: portal, url: 'https://hooks.internal.example/', eventTypes: ['portal-app.updated'], change }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).violations).to.deep.equal([{ field: 'url', message: 'refused: hooks.internal.example is listed' }]);
    const { subscription, secret } = await create.execute({ scope: portal, url: 'https://hooks.example.com/', eventTypes: ['portal-app.updated'], change });
    expect(secret).to.match(/^whsec_/);
    expect(subscription).to.deep.include({ id: '1', url: 'https://hooks.example.com/', description: null });
    expect(http.checked).to.deep.equal(['https://hooks.internal.example/', 'https://hooks.example.com/']);
  });

  it('checks a changed URL as at creation, and does not ask when the URL is unchanged', async () => {
    const { http, container } = build();
    const { subscription } = await container.get(CreateWebhookSubscription).execute({ scope: portal, url: 'https://hooks.example.com/', eventTypes: ['credential.issued'], change });
    const update = container.get(UpdateWebhookSubscription);
    expect(await rejectionOf(update.execute({ scope: portal, id: subscription.id, changes: { url: 'https://x.internal.example/' }, change }))).to.be.instanceOf(ValidationError);
    await update.execute({ scope: portal, id: subscription.id, changes: { description: 'no URL here' }, change });
    expect(http.checked).to.have.length(2);
  });

  it('pages a list by the rules of the surface asking: the portal\'s page/perPage (default 10), JFramework\'s pageNumber/pageSize (default 50)', async () => {
    const { container } = build();
    const create = container.get(CreateWebhookSubscription);
    const list = container.get(ListWebhookSubscriptions);
    const brand: WebhookScope = { surface: 'jfw', brandId: 'Brand0000000000001' };
    for (let i = 0; i < 12; i++) {
      await create.execute({ scope: portal, url: `https://hooks.example.com/${i}`, eventTypes: ['portal-app.updated'], change });
      await create.execute({ scope: brand, url: `https://hooks.example.com/${i}`, eventTypes: ['integration-authentication.updated'], change });
    }
    expect(await list.execute({ scope: portal })).to.deep.include({ total: 12, pageNumber: 0, pageSize: 10 });
    const second = await list.execute({ scope: portal, page: 2, perPage: 5 });
    expect(second.items.map((s) => s.url)).to.deep.equal([5, 6, 7, 8, 9].map((i) => `https://hooks.example.com/${i}`));
    expect(second).to.deep.include({ pageNumber: 1, pageSize: 5 });
    expect((await list.execute({ scope: brand })).items).to.have.length(12);
    expect((await list.execute({ scope: brand, pageNumber: 1, pageSize: 5 })).items.map((s) => s.url)[0]).to.equal('https://hooks.example.com/5');
    for (const [scope, paging, field] of [[portal, { perPage: 101 }, 'perPage'], [portal, { page: 0 }, 'page'], [brand, { pageSize: 201 }, 'pageSize'], [brand, { pageNumber: -1 }, 'pageNumber']] as const) {
      const error = await rejectionOf(list.execute({ scope, ...paging }));
      expect(error, field).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).violations.map((v) => v.field)).to.deep.equal([field]);
    }
  });

  it('refuses a subscriber name that could not be stored, and two subscribers of one name', async () => {
    const handle = async () => undefined;
    for (const subscribers of [[{ name: '', handle }], [{ name: 'has space', handle }], [{ name: 'x'.repeat(65), handle }], [{ name: 'a', handle }, { name: 'a', handle }]]) {
      expect(await rejectionOf(build(subscribers).container.get(RegisterEventSubscribers).execute()), JSON.stringify(subscribers.map((s) => s.name))).to.be.instanceOf(ValidationError);
    }
    expect(await build([{ name: 'crm-sync.v2', handle }]).container.get(RegisterEventSubscribers).execute()).to.equal(1);
  });

  it('fails a job for a subscriber this process does not run (so the queue retries it), and skips a purged event', async () => {
    const calls: string[] = [];
    const { container } = build([{ name: 'here', handle: async (event) => void calls.push(event.id) }]);
    const notify = container.get(NotifyEventSubscriber);
    expect(await rejectionOf(notify.execute({ eventId: 'evt_1', subscriber: 'elsewhere' }))).to.be.instanceOf(EventSubscriberNotHereError);
    await notify.execute({ eventId: 'evt_gone', subscriber: 'here' });
    expect(calls).to.deep.equal([]);
  });
});
