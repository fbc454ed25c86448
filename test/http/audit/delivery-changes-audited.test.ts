import { expect } from 'chai';
import request from 'supertest';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
import { startJobRunner } from '../../../src/bootstrap/job-runner';
import { eventually } from '../../support/eventually';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';

interface Entry {
  action: string; actor_kind: string; actor_id: string | null; resource_type: string; resource_id: string;
  changes: unknown[]; correlation_id: string | null; surface: string; brand_id: string | null;
}

const UPDATED = 'integration-authentication.updated';
const PORTAL_UPDATED = 'portal-app.updated';
/** Milliseconds instead of hours: a receiver answering 500 makes the delivery fail within 1.5 s. */
const QUICK_SCHEDULE = { firstDelayMs: 40, maxDelayMs: 120, windowMs: 1_500 };
const db = () => testDatabase().dataSource;

/**
 * The audit entries of webhook resources `act` made, and how many events
 * share them. Only webhook resources: this suite's job runner also runs jobs
 * other suites left queued, whose own entries are not the question here.
 */
async function recorded(act: () => Promise<unknown>): Promise<{ entries: Entry[]; events: number }> {
  const [{ max }] = await db().query('SELECT coalesce(max(id), 0)::bigint AS max FROM audit_entries');
  await act();
  const entries: (Entry & { id: string })[] = await db().query(
    `SELECT * FROM audit_entries WHERE id > $1 AND resource_type LIKE 'webhook-%' ORDER BY id`, [max]);
  const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM outbox_events WHERE audit_entry_id = ANY ($1::bigint[])`, [entries.map((e) => e.id)]);
  return { entries, events: n };
}

/** A committed change with an event, as every audited write makes it (the subscriptions' receivers get its event). */
async function anEvent(surface: 'jfw' | 'portal', brandId: string | null, type: string): Promise<string> {
  const [audit] = await db().query(
    `SELECT ih_record_change(now(), $1, $2, 'cli', NULL, 'updated', 'test-resource', 'r1', '[]'::jsonb, NULL, $3, '{"id":"r1"}'::jsonb) AS id`,
    [surface, brandId, type]);
  return (await db().query(`SELECT id FROM outbox_events WHERE audit_entry_id = $1`, [audit.id]))[0].id;
}

/**
 * The contract: every successful change through either surface appends
 * exactly one audit entry in its own transaction. Two changes of deliveries
 * had none: the retry routes (the delivery pending again on a new schedule)
 * and a receiver's 410 Gone (the subscription disabled by the delivery job).
 * Through the HTTP API and the service's own job runner, with receivers on
 * 127.0.0.1.
 */
describe('delivery changes are audited: retry on both surfaces, 410 Gone (real PostgreSQL, receivers on 127.0.0.1)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let runner: GraphileWorkerJobRunner;
  let brand: { brandId: string; headers: Record<string, string> };
  let keyId: string;
  let admin: { Authorization: string };
  let adminId: string;
  const receivers: WebhookReceiver[] = [];
  const portalSubscriptions: string[] = [];

  const api = () => request(t.server);

  /** A brand subscription whose receiver verifies with the answered secret and answers `answer` until planned otherwise. */
  async function brandReceiver(answer: number): Promise<{ id: string; hook: WebhookReceiver }> {
    const created = (await api().post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'http://127.0.0.1:9/placeholder', eventTypes: [UPDATED] }).expect(201)).body.data;
    rememberSecret(created.secret);
    const hook = await startWebhookReceiver(created.secret, answer);
    receivers.push(hook);
    await api().patch(`/api/v1/webhooks/${created.id}`).set(brand.headers).send({ url: hook.url }).expect(200);
    return { id: created.id, hook };
  }

  async function portalReceiver(answer: number): Promise<{ id: string; hook: WebhookReceiver }> {
    const created = (await api().post('/portal-api/webhooks').set(admin)
      .send({ URL: 'http://127.0.0.1:9/placeholder', EventTypes: [PORTAL_UPDATED] }).expect(201)).body;
    rememberSecret(created.Secret);
    portalSubscriptions.push(String(created.ID));
    const hook = await startWebhookReceiver(created.Secret, answer);
    receivers.push(hook);
    await api().patch(`/portal-api/webhooks/${created.ID}`).set(admin).send({ URL: hook.url }).expect(200);
    return { id: String(created.ID), hook };
  }

  const brandDelivery = (id: string, status: string) => eventually(`a ${status} delivery`, async () => {
    const [d] = (await api().get(`/api/v1/webhooks/${id}/deliveries`).set(brand.headers).expect(200)).body.data.items;
    return d?.status === status ? d : undefined;
  });

  before(async () => {
    t = createTestApp({ webhooks: { allowPrivate: true, delivery: { schedule: QUICK_SCHEDULE, random: () => 0.5 } } });
    runner = await startJobRunner(t.container, testDatabase().dataSource, { log: () => undefined, pollIntervalMs: 100 });
    brand = await aBrandWithKey(t.container);
    [{ id: keyId }] = await db().query('SELECT id FROM brand_api_keys WHERE brand_id = $1', [brand.brandId]);
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `delivery-audit-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    admin = { Authorization: token };
    [{ id: adminId }] = await db().query('SELECT id::text FROM portal_admins WHERE token_hash IS NOT NULL ORDER BY id DESC LIMIT 1');
  });
  after(async () => {
    // The shared database: later suites' portal events must not be delivered to receivers that are gone.
    for (const id of portalSubscriptions) await api().delete(`/portal-api/webhooks/${id}`).set(admin);
    await runner?.stop();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('a JFramework retry records one "updated" webhook-delivery entry by the brand key, with the correlation id: failed → pending, no event', async () => {
    const { id } = await brandReceiver(500);
    await anEvent('jfw', brand.brandId, UPDATED);
    const failed = await brandDelivery(id, 'failed');
    let retried!: { id: string; status: string; nextAttemptDate: string };
    const r = await recorded(async () => {
      retried = (await api().post(`/api/v1/webhooks/${id}/deliveries/${failed.id}/retry`).set(brand.headers)
        .set('X-Correlation-ID', 'corr-retry-jfw').expect(202)).body.data;
    });
    expect(r.entries.map((e) => `${e.action} ${e.resource_type}`)).to.deep.equal(['updated webhook-delivery']);
    expect(r.entries[0]).to.include({
      surface: 'jfw', brand_id: brand.brandId, actor_kind: 'brand-key', actor_id: keyId, resource_id: failed.id, correlation_id: 'corr-retry-jfw',
    });
    expect(retried.status).to.equal('pending');
    expect(r.entries[0]!.changes).to.deep.equal([
      { field: 'status', from: 'failed', to: 'pending' },
      { field: 'nextAttemptDate', from: null, to: retried.nextAttemptDate },
    ]);
    expect(r.events, 'the contract lists no event type for a retry').to.equal(0);
    // The brand reads it back through its own audit list, as every entry of its writes.
    const mine = (await api().get(`/api/v1/audit?resourceType=webhook-delivery&resourceId=${failed.id}`).set(brand.headers).expect(200)).body.data;
    expect(mine.items).to.have.length(1);
    expect(mine.items[0]).to.deep.include({ action: 'updated', actor: { kind: 'brand-key', id: keyId }, correlationId: 'corr-retry-jfw' });
  });

  it('a portal retry records one "updated" webhook-delivery entry by the admin, with the correlation id: delivered → pending (redelivery)', async () => {
    const { id, hook } = await portalReceiver(200);
    const eventId = await anEvent('portal', null, PORTAL_UPDATED);
    await hook.waitFor(1);
    const delivered = await eventually('delivered', async () => {
      const list = (await api().get(`/portal-api/webhooks/${id}/deliveries`).set(admin).expect(200)).body;
      const d = list.find((x: { EventID: string }) => x.EventID === eventId);
      return d?.Status === 'delivered' ? d : undefined;
    });
    let retried!: { ID: number; Status: string; NextAttemptAt: string };
    const r = await recorded(async () => {
      retried = (await api().post(`/portal-api/webhooks/${id}/deliveries/${delivered.ID}/retry`).set(admin)
        .set('X-Correlation-ID', 'corr-retry-portal').expect(202)).body;
    });
    expect(r.entries.map((e) => `${e.action} ${e.resource_type}`)).to.deep.equal(['updated webhook-delivery']);
    expect(r.entries[0]).to.include({
      surface: 'portal', brand_id: null, actor_kind: 'portal-admin', actor_id: adminId, resource_id: String(delivered.ID), correlation_id: 'corr-retry-portal',
    });
    expect(r.entries[0]!.changes).to.deep.equal([
      { field: 'status', from: 'delivered', to: 'pending' },
      { field: 'nextAttemptDate', from: null, to: retried.NextAttemptAt },
    ]);
    expect(r.events).to.equal(0);
    await hook.waitFor(2);
  });

  it('a refused retry records nothing: unknown delivery, another brand, a delivery of another subscription, a disabled subscription', async () => {
    const { id } = await brandReceiver(500);
    await anEvent('jfw', brand.brandId, UPDATED);
    const failed = await brandDelivery(id, 'failed');
    const { id: otherId } = await brandReceiver(200);
    const other = await aBrandWithKey(t.container);
    const refused = async (status: number, send: () => request.Test) => {
      const r = await recorded(async () => expect((await send()).status).to.equal(status));
      expect(r.entries, `${status}`).to.deep.equal([]);
    };
    await refused(404, () => api().post(`/api/v1/webhooks/${id}/deliveries/9223372036854775807/retry`).set(brand.headers));
    await refused(404, () => api().post(`/api/v1/webhooks/${id}/deliveries/${failed.id}/retry`).set(other.headers));
    await refused(404, () => api().post(`/api/v1/webhooks/${otherId}/deliveries/${failed.id}/retry`).set(brand.headers));
    const portal = (await api().post('/portal-api/webhooks').set(admin)
      .send({ URL: 'http://127.0.0.1:9/placeholder', EventTypes: [PORTAL_UPDATED] }).expect(201)).body;
    rememberSecret(portal.Secret);
    portalSubscriptions.push(String(portal.ID));
    await refused(404, () => api().post(`/portal-api/webhooks/${portal.ID}/deliveries/${failed.id}/retry`).set(admin));
    await api().patch(`/api/v1/webhooks/${id}`).set(brand.headers).send({ enabled: false }).expect(200);
    await refused(409, () => api().post(`/api/v1/webhooks/${id}/deliveries/${failed.id}/retry`).set(brand.headers));
    expect((await brandDelivery(id, 'failed')).id, 'left failed').to.equal(failed.id);
  });

  it('a receiver answering 410 Gone: the subscription disabled with one "updated" entry by the delivery job, enabled true → false, no event', async () => {
    const { id, hook } = await brandReceiver(410);
    const before = (await api().get(`/api/v1/webhooks/${id}`).set(brand.headers).expect(200)).headers.etag;
    const r = await recorded(async () => {
      await anEvent('jfw', brand.brandId, UPDATED);
      await hook.waitFor(1);
      await eventually('disabled', async () => {
        const s = (await api().get(`/api/v1/webhooks/${id}`).set(brand.headers).expect(200)).body.data;
        return s.enabled === false ? s : undefined;
      });
    });
    expect(r.entries.map((e) => `${e.action} ${e.resource_type}`)).to.deep.equal(['updated webhook-subscription']);
    expect(r.entries[0]).to.include({
      surface: 'jfw', brand_id: brand.brandId, actor_kind: 'job', actor_id: 'ih_deliver_webhook', resource_id: id, correlation_id: null,
    });
    expect(r.entries[0]!.changes).to.deep.equal([{ field: 'enabled', from: true, to: false }]);
    expect(r.events).to.equal(0);
    const after = (await api().get(`/api/v1/webhooks/${id}`).set(brand.headers).expect(200)).headers.etag;
    expect(after, 'the version moved once, with the entry').to.equal(`"${Number(JSON.parse(before)) + 1}"`);
    const history = (await api().get(`/api/v1/audit?resourceType=webhook-subscription&resourceId=${id}`).set(brand.headers).expect(200)).body.data;
    expect(history.items[0]).to.deep.include({ action: 'updated', actor: { kind: 'job', id: 'ih_deliver_webhook' }, correlationId: null });
  });
});
