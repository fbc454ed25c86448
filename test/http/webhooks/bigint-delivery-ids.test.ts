import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey } from '../../support/test-app';
import { rememberSecret } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

/** Wanted by no subscription, so the outbox marks it dispatched at once and queues nothing for a later suite's runner. */
const UNWANTED = 'test.bigint-delivery-ids';

/**
 * webhook_deliveries.id is a bigint. The shared database's identity is pushed
 * past int4 (never back: sequences only move forward, and later suites take
 * any id); ids past 2^53 are written explicitly, so no queued job carries one.
 */
describe('webhook delivery ids are bigints on both surfaces (retried past int4 and past 2^53)', () => {
  let c: PortalClient;
  let brand: { brandId: string; headers: Record<string, string> };
  const made: { path: string; headers: Record<string, string> }[] = [];
  const db = () => testDatabase().dataSource;

  before(async () => {
    c = await portalClient();
    brand = await aBrandWithKey(c.t.container);
  });
  after(async () => {
    // The subscriptions take their deliveries with them; the retries' queued attempts go too (no runner is left to try them).
    for (const { path, headers } of made.splice(0)) await request(c.t.server).delete(path).set(headers).expect(200);
    await db().query(`DELETE FROM graphile_worker._private_jobs WHERE key = ANY ($1)`, [jobKeys]);
  });
  const jobKeys: string[] = [];

  async function portalSubscription(): Promise<string> {
    const created = (await request(c.t.server).post('/portal-api/webhooks').set(c.auth)
      .send({ URL: 'https://hooks.example.com/bigint', EventTypes: ['portal-app.updated'] }).expect(201)).body;
    rememberSecret(created.Secret);
    made.push({ path: `/portal-api/webhooks/${created.ID}`, headers: c.auth });
    return String(created.ID);
  }

  /** A failed delivery of a fresh event to the subscription: with the identity's next id, or with `id` when given. */
  async function aDelivery(subscriptionId: string, surface: 'jfw' | 'portal', id?: string): Promise<string> {
    // Only this suite writes these ids by hand; a run that died before its clean-up may have left one behind.
    if (id !== undefined) await db().query(`DELETE FROM webhook_deliveries WHERE id = $1::bigint`, [id]);
    const [event] = await db().query(
      `INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body)
       VALUES (now(), $1, $2, $3, 'test-resource', 'r1', '{}') RETURNING id`,
      [surface, surface === 'jfw' ? brand.brandId : null, UNWANTED]);
    const [delivery] = await db().query(
      `INSERT INTO webhook_deliveries (${id === undefined ? '' : 'id, '}event_id, subscription_id, status, attempts, schedule_started_at, created_at, updated_at)
       ${id === undefined ? '' : 'OVERRIDING SYSTEM VALUE'}
       VALUES (${id === undefined ? '' : '$3::bigint, '}$1, $2, 'failed', 0, now(), now(), now()) RETURNING id::text AS id`,
      id === undefined ? [event.id, subscriptionId] : [event.id, subscriptionId, id]);
    jobKeys.push(`webhook-delivery:${delivery.id}`);
    return delivery.id;
  }

  const status = async (id: string) => (await db().query(`SELECT status FROM webhook_deliveries WHERE id = $1::bigint`, [id]))[0]?.status;

  it('retries over the portal a delivery whose id the identity gave past 2,147,483,647', async () => {
    await db().query(`SELECT setval(s, greatest(3000000000, nextval(s))) FROM pg_get_serial_sequence('webhook_deliveries', 'id') AS s`);
    const subscription = await portalSubscription();
    const id = await aDelivery(subscription, 'portal');
    expect(BigInt(id) > 2_147_483_647n).to.equal(true);
    const res = await request(c.t.server).post(`/portal-api/webhooks/${subscription}/deliveries/${id}/retry`).set(c.auth).expect(202);
    expect(String(res.body.ID)).to.equal(id);
    expect(res.body.Status).to.equal('pending');
  });

  it('passes an id past 2^53 to the database exactly, on the portal and on JFramework (up to the last bigint)', async () => {
    const subscription = await portalSubscription();
    // 2^53 + 1: a Number would read it as 2^53, another row.
    for (const id of ['9007199254740993', '1000000000000000000', '9223372036854775807']) {
      await aDelivery(subscription, 'portal', id);
      const retried = await request(c.t.server).post(`/portal-api/webhooks/${subscription}/deliveries/${id}/retry`).set(c.auth).expect(202);
      expect(await status(id), id).to.equal('pending');
      // The portal's ids are JSON integers: the digits as they are, not a double's rounding (read from the text, which JSON.parse would round).
      expect(retried.text, id).to.include(`{"ID":${id},`);
      const listed = await request(c.t.server).get(`/portal-api/webhooks/${subscription}/deliveries`).set(c.auth).expect(200);
      expect(listed.text, id).to.include(`{"ID":${id},`);
    }
    const created = (await request(c.t.server).post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'https://hooks.example.com/bigint', eventTypes: ['integration-authentication.updated'] }).expect(201)).body.data;
    rememberSecret(created.secret);
    made.push({ path: `/api/v1/webhooks/${created.id}`, headers: brand.headers });
    const id = await aDelivery(created.id, 'jfw', '9223372036854775806');
    const retried = await request(c.t.server).post(`/api/v1/webhooks/${created.id}/deliveries/${id}/retry`).set(brand.headers).expect(202);
    expect(retried.body.data).to.include({ id, status: 'pending' });
  });

  it('answers 404 for a delivery id that can name no row, on both surfaces', async () => {
    const subscription = await portalSubscription();
    const jfw = (await request(c.t.server).post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'https://hooks.example.com/bigint', eventTypes: ['integration-authentication.updated'] }).expect(201)).body.data;
    rememberSecret(jfw.secret);
    made.push({ path: `/api/v1/webhooks/${jfw.id}`, headers: brand.headers });
    const never = ['0', '-1', '+1', '01', '1.0', '1e3', 'abc', '%201', '9223372036854775808', '99999999999999999999', '12345678901234567890123'];
    for (const id of [...never, '9223372036854775805']) {
      const portal = await request(c.t.server).post(`/portal-api/webhooks/${subscription}/deliveries/${id}/retry`).set(c.auth);
      expect(portal.status, `portal ${id}`).to.equal(404);
      expect(portal.body, `portal ${id}`).to.deep.equal({ status: 'error', errors: ['The webhook delivery does not exist'] });
      const brandSide = await request(c.t.server).post(`/api/v1/webhooks/${jfw.id}/deliveries/${id}/retry`).set(brand.headers);
      expect(brandSide.status, `jfw ${id}`).to.equal(404);
      expect(brandSide.body.errors[0].code, `jfw ${id}`).to.equal('WebhookDeliveryNotFound');
    }
  });
});
