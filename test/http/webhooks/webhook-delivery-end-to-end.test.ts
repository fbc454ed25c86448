import { expect } from 'chai';
import { cliChange } from '../../../src/domain/audit/change-context';
import request from 'supertest';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { startJobRunner } from '../../../src/bootstrap/job-runner';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { rememberSecret, suiteSecrets } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import type { EventSubscriber, PublishedEvent } from '../../../src/application/ports/event-subscriber';
import { eventually } from '../../support/eventually';

const UPDATED = 'integration-authentication.updated';
/** Milliseconds instead of hours: the production shape, shrunk. */
const QUICK_SCHEDULE = { firstDelayMs: 40, maxDelayMs: 120, windowMs: 1_500 };


/** What a committed write does in its own statement (the audit branch's write paths call the same function). */
async function recordChange(surface: 'jfw' | 'portal', brandId: string | null, type: string, data: Record<string, unknown>): Promise<string> {
  const { dataSource } = testDatabase();
  const [audit] = await dataSource.query(
    `SELECT ih_record_change(now(), $1, $2, 'cli', NULL, 'updated', 'test-resource', 'r1', '[]'::jsonb, 'corr', $3, $4::jsonb) AS id`,
    [surface, brandId, type, JSON.stringify(data)],
  );
  return (await dataSource.query(`SELECT id FROM outbox_events WHERE audit_entry_id = $1`, [audit.id]))[0].id;
}

/**
 * The service's own wiring — the container's use cases, the job table, the
 * runner as the server starts it — with receivers on 127.0.0.1 and
 * subscriptions made through the HTTP API.
 */
describe('webhook delivery end to end (container, job runner, HTTP API, receivers on 127.0.0.1)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let runner: GraphileWorkerJobRunner;
  let brand: { brandId: string; headers: Record<string, string> };
  const receivers: WebhookReceiver[] = [];

  async function subscribe(url: string, eventTypes = [UPDATED]): Promise<{ id: string; secret: string }> {
    const created = (await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url, eventTypes }).expect(201)).body.data;
    rememberSecret(created.secret);
    return created;
  }

  /** A receiver that verifies with the secret the API answered (created first on a placeholder URL, then pointed at it). */
  async function subscribedReceiver(defaultAnswer: 200 | 'never' = 200): Promise<{ id: string; hook: WebhookReceiver }> {
    const { id, secret } = await subscribe('http://127.0.0.1:9/placeholder');
    const hook = await startWebhookReceiver(secret, defaultAnswer);
    receivers.push(hook);
    await request(t.server).patch(`/api/v1/webhooks/${id}`).set(brand.headers).send({ url: hook.url }).expect(200);
    return { id, hook };
  }

  /** The id of the subscription a receiver was made for (its URL is unique). */
  const deliveriesOwner = async (hook: WebhookReceiver): Promise<string> =>
    (await request(t.server).get('/api/v1/webhooks').set(brand.headers).expect(200)).body.data.items.find((s: { url: string }) => s.url === hook.url).id;

  const deliveries = async (id: string) => (await request(t.server).get(`/api/v1/webhooks/${id}/deliveries`).set(brand.headers).expect(200)).body.data.items;

  /** The host's in-process listeners: one records every event, one fails the first time it is called. */
  const recorded: PublishedEvent[] = [];
  const flakyCalls: PublishedEvent[] = [];
  const subscribers: EventSubscriber[] = [
    { name: `test-recorder-${process.pid}`, handle: async (event) => void recorded.push(event) },
    {
      name: `test-flaky-${process.pid}`,
      eventTypes: ['integration-authentication.created'],
      handle: async (event) => {
        flakyCalls.push(event);
        if (flakyCalls.length === 1) throw new Error('the host\'s handler failed once');
      },
    },
  ];

  before(async () => {
    t = createTestApp({ webhooks: { allowPrivate: true, delivery: { schedule: QUICK_SCHEDULE, random: () => 0.5 }, subscribers } });
    runner = await startJobRunner(t.container, testDatabase().dataSource, { log: () => undefined, pollIntervalMs: 100 });
  });
  beforeEach(async () => {
    brand = await aBrandWithKey(t.container);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  after(async () => {
    await runner?.stop();
    // The shared database: later suites' events must not queue jobs for subscribers nobody runs.
    await testDatabase().dataSource.query(`DELETE FROM event_subscribers WHERE name = ANY ($1)`, [subscribers.map((s) => s.name)]);
  });

  it('hands an audited write\'s event to the host\'s in-process subscribers, each in its own job: a failing one is retried alone', async () => {
    const { hook } = await subscribedReceiver();
    await request(t.server).patch(`/api/v1/webhooks/${(await deliveriesOwner(hook))}`).set(brand.headers)
      .send({ eventTypes: ['integration-authentication.created'] }).expect(200);
    const res = await request(t.server).post('/api/v1/app-integrations/authentication').set(brand.headers).send(anIntegrationAuthenticationBody()).expect(201);
    const [delivered] = await hook.waitFor(1);
    expect(JSON.parse(delivered.body)).to.deep.include({ type: 'integration-authentication.created' });
    expect(JSON.parse(delivered.body).data.id).to.equal(res.body.data.id);

    await eventually('the flaky subscriber called again', async () => (flakyCalls.length >= 2 ? true : undefined));
    expect(flakyCalls.map((e) => e.id)).to.deep.equal([delivered.id, delivered.id]);
    expect(flakyCalls[1]).to.deep.include({ type: 'integration-authentication.created', surface: 'jfw', brandId: brand.brandId, body: delivered.body });
    const mine = recorded.filter((e) => e.id === delivered.id);
    expect(mine, 'the recorder is not run again for the other\'s failure').to.have.length(1);
  });

  it('delivers a committed event signed with the subscription secret; a receiver holding another secret refuses it', async () => {
    const { id, hook } = await subscribedReceiver();
    const { id: wrongId } = await subscribe('http://127.0.0.1:9/placeholder');
    const impostor = await startWebhookReceiver('whsec_' + Buffer.alloc(32, 7).toString('base64'));
    receivers.push(impostor);
    await request(t.server).patch(`/api/v1/webhooks/${wrongId}`).set(brand.headers).send({ url: impostor.url }).expect(200);

    const eventId = await recordChange('jfw', brand.brandId, UPDATED, { id: 'cfg1', name: 'Google' });
    const [received] = await hook.waitFor(1);
    expect(received).to.include({ id: eventId, verified: true, answer: 200 });
    expect(JSON.parse(received.body)).to.deep.include({ type: UPDATED, data: { id: 'cfg1', name: 'Google' } });
    const [refused] = await impostor.waitFor(1);
    expect(refused).to.include({ id: eventId, verified: false, answer: 401 });

    const [delivered] = await eventually('delivered', async () => {
      const list = await deliveries(id);
      return list[0]?.status === 'delivered' ? list : undefined;
    });
    expect(delivered).to.deep.include({ eventId, eventType: UPDATED, status: 'delivered', nextAttemptDate: null });
    expect(delivered.attempts.map((a: { attempt: number; statusCode: number; error: null }) => [a.attempt, a.statusCode, a.error])).to.deep.equal([[1, 200, null]]);
    const [retrying] = await eventually('an answered 401', async () => {
      const list = await deliveries(wrongId);
      return list[0]?.attempts.length > 0 ? list : undefined;
    });
    expect(retrying.attempts[0]).to.include({ attempt: 1, statusCode: 401, error: 'answered 401' });
  });

  it('after a 500 delivers the same event again with the same webhook-id, and lists both attempts', async () => {
    const { id, hook } = await subscribedReceiver();
    hook.plan(500, 200);
    const eventId = await recordChange('jfw', brand.brandId, UPDATED, { id: 'cfg2' });
    const seen = await hook.waitFor(2);
    expect(seen.map((d) => [d.id, d.answer, d.verified])).to.deep.equal([[eventId, 500, true], [eventId, 200, true]]);
    expect(seen[0].body).to.equal(seen[1].body);
    const [delivery] = await eventually('delivered', async () => ((await deliveries(id))[0]?.status === 'delivered' ? deliveries(id) : undefined));
    expect(delivery.attempts.map((a: { statusCode: number; error: string | null }) => [a.statusCode, a.error])).to.deep.equal([[500, 'answered 500'], [200, null]]);
  });

  it('redelivers through the retry endpoint, with the same webhook-id and a new attempt', async () => {
    const { id, hook } = await subscribedReceiver();
    const eventId = await recordChange('jfw', brand.brandId, UPDATED, { id: 'cfg3' });
    await hook.waitFor(1);
    const [delivery] = await eventually('delivered', async () => ((await deliveries(id))[0]?.status === 'delivered' ? deliveries(id) : undefined));

    const retried = (await request(t.server).post(`/api/v1/webhooks/${id}/deliveries/${delivery.id}/retry`).set(brand.headers).expect(202)).body.data;
    expect(retried).to.include({ id: delivery.id, status: 'pending' });
    const seen = await hook.waitFor(2);
    expect(seen.map((d) => [d.id, d.verified])).to.deep.equal([[eventId, true], [eventId, true]]);
    const [again] = await eventually('redelivered', async () => {
      const [d] = await deliveries(id);
      return d.status === 'delivered' && d.attempts.length === 2 ? [d] : undefined;
    });
    expect(again.attempts.map((a: { attempt: number }) => a.attempt)).to.deep.equal([1, 2]);
  });

  it('fails the delivery on 410 Gone and disables the subscription, which then receives nothing', async () => {
    const { id, hook } = await subscribedReceiver();
    hook.plan(410);
    await recordChange('jfw', brand.brandId, UPDATED, { id: 'cfg4' });
    await hook.waitFor(1);
    const subscription = await eventually('disabled', async () => {
      const s = (await request(t.server).get(`/api/v1/webhooks/${id}`).set(brand.headers).expect(200)).body.data;
      return s.enabled === false ? s : undefined;
    });
    expect(subscription.disabledDate).to.be.a('string');
    const [failed] = await deliveries(id);
    expect(failed).to.deep.include({ status: 'failed', nextAttemptDate: null });
    expect(failed.attempts).to.have.length(1);
    await request(t.server).post(`/api/v1/webhooks/${id}/deliveries/${failed.id}/retry`).set(brand.headers).expect(409);

    const later = await recordChange('jfw', brand.brandId, UPDATED, { id: 'cfg4', n: 2 });
    await eventually('dispatched', async () =>
      (await testDatabase().dataSource.query(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [later]))[0].dispatched_at ?? undefined);
    expect(hook.deliveries).to.have.length(1);
  });

  it('delivers portal events to portal subscriptions only, and a brand\'s events to that brand only', async () => {
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `e2e-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    const created = (await request(t.server).post('/portal-api/webhooks').set({ Authorization: token })
      .send({ URL: 'http://127.0.0.1:9/placeholder', EventTypes: ['portal-app.updated'] }).expect(201)).body;
    rememberSecret(created.Secret);
    const portalHook = await startWebhookReceiver(created.Secret);
    receivers.push(portalHook);
    await request(t.server).patch(`/portal-api/webhooks/${created.ID}`).set({ Authorization: token }).send({ URL: portalHook.url }).expect(200);
    const { hook: brandHook } = await subscribedReceiver();
    const otherBrand = await aBrandWithKey(t.container);

    const portalEvent = await recordChange('portal', null, 'portal-app.updated', { ID: 1, Name: 'App' });
    const foreign = await recordChange('jfw', otherBrand.brandId, UPDATED, { id: 'theirs' });
    const mine = await recordChange('jfw', brand.brandId, UPDATED, { id: 'mine' });
    expect((await portalHook.waitFor(1)).map((d) => [d.id, d.verified])).to.deep.equal([[portalEvent, true]]);
    expect((await brandHook.waitFor(1)).map((d) => [d.id, d.verified])).to.deep.equal([[mine, true]]);
    await eventually('dispatched', async () =>
      (await testDatabase().dataSource.query(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [foreign]))[0].dispatched_at ?? undefined);
    expect(brandHook.deliveries.map((d) => d.id)).to.not.include(foreign);

    // A real portal write (audited in its own statements) reaches the portal's subscription, secrets and requests left out.
    const admin = { Authorization: token };
    const user = (await request(t.server).post('/portal-api/users').set(admin)
      .send({ Email: `hooked-${process.pid}-${Date.now()}@example.com`, First: 'Ada', Last: 'L', Role: 'consumer-admin' }).expect(201)).body;
    const app = (await request(t.server).post('/portal-api/apps').set(admin).send({ Name: 'Hooked App', RedirectURLs: 'https://app-host/auth', UserID: user.ID }).expect(201)).body;
    await request(t.server).put(`/portal-api/apps/${app.ID}`).set(admin).send({ Name: 'Hooked App, renamed' }).expect(200);
    const [, fromWrite] = await portalHook.waitFor(2);
    const payload = JSON.parse(fromWrite.body);
    expect(fromWrite.verified).to.equal(true);
    expect(payload).to.include({ type: 'portal-app.updated' });
    expect(payload.data).to.include({ ID: app.ID, Name: 'Hooked App, renamed' });
    expect(payload.data).to.not.have.property('AccessRequests');
    await request(t.server).delete(`/portal-api/webhooks/${created.ID}`).set({ Authorization: token }).expect(200);
  });

  it('leaves no secret in the recorded attempts\' errors (webhook_delivery_attempts.error)', async () => {
    const rows: { error: string }[] = await testDatabase().dataSource.query(`SELECT error FROM webhook_delivery_attempts WHERE error IS NOT NULL`);
    expect(rows.length, 'attempts with an error to scan').to.be.greaterThan(2);
    const secrets = suiteSecrets();
    const leaks = rows.flatMap(({ error }) => secrets.filter((secret) => error.includes(secret)).map((secret) => `${secret.slice(0, 6)}… in "${error.slice(0, 40)}"`));
    expect(leaks).to.deep.equal([]);
  });
});
