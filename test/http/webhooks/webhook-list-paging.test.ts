import { expect } from 'chai';
import request from 'supertest';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

/**
 * Deliveries of one subscription as fixture rows, oldest first (their ids
 * ascend). Triggers are off for the insert: the outbox trigger would queue a
 * dispatch job for any enabled subscription of another suite that wants the
 * event, in the database every suite shares.
 */
async function seedDeliveries(subscriptionId: string, count: number, event: { surface: 'jfw' | 'portal'; brandId: string | null; type: string }): Promise<string[]> {
  return testDatabase().dataSource.transaction(async (m) => {
    await m.query(`SET LOCAL session_replication_role = replica`);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const [{ id: eventId }] = await m.query(
        `INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, body, dispatched_at)
         VALUES (now(), $1, $2, $3, 'test', $4, '{}', now()) RETURNING id`, [event.surface, event.brandId, event.type, String(i)]);
      const [{ id }] = await m.query(
        `INSERT INTO webhook_deliveries (event_id, subscription_id, status, schedule_started_at, created_at, updated_at)
         VALUES ($1, $2, 'failed', now(), now(), now()) RETURNING id`, [eventId, subscriptionId]);
      ids.push(String(id));
    }
    return ids;
  });
}

const PAGE_NUMBER_RULE = 'must be an integer from 0 with pageNumber × pageSize below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. from/to on the audit)';
const PAGE_RULE = 'page: must be an integer from 1 with (page - 1) × per_page below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. resource_type/resource_id on the audit)';
const PAGE_SIZE_RULE = 'must be an integer from 1 to 200';

describe('webhook lists honour paging (JFramework surface: pageNumber, pageSize and the page in data)', () => {
  let t: TestApp;
  let brand: { brandId: string; headers: Record<string, string> };
  const get = (path: string) => request(t.server).get(path).set(brand.headers);

  before(async () => {
    t = createTestApp();
    brand = await aBrandWithKey(t.container);
  });

  it('pages the brand\'s subscriptions, oldest first, with totalItems; without paging parameters the first 50', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url: `https://hooks.example.com/${i}`, eventTypes: ['integration-authentication.updated'] }).expect(201);
      rememberSecret(res.body.data.secret);
      ids.push(res.body.data.id);
    }
    const all = (await get('/api/v1/webhooks').expect(200)).body.data;
    expect(all).to.deep.include({ totalItems: 3, pageNumber: 0, pageSize: 50 });
    expect(all.items.map((s: { id: string }) => s.id)).to.deep.equal(ids);
    expect(all.items[0]).to.not.have.property('secret');
    const second = (await get('/api/v1/webhooks?pageNumber=1&pageSize=2').expect(200)).body.data;
    expect(second).to.deep.include({ totalItems: 3, pageNumber: 1, pageSize: 2 });
    expect(second.items.map((s: { id: string }) => s.id)).to.deep.equal([ids[2]]);
    expect((await get('/api/v1/webhooks?pageNumber=5&pageSize=2').expect(200)).body.data).to.deep.equal({ items: [], totalItems: 3, pageNumber: 5, pageSize: 2 });
  });

  it('pages a subscription\'s deliveries, newest first, with totalItems', async () => {
    const res = await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url: 'https://hooks.example.com/d', eventTypes: ['integration-authentication.updated'] }).expect(201);
    rememberSecret(res.body.data.secret);
    const { id } = res.body.data;
    const made = await seedDeliveries(id, 5, { surface: 'jfw', brandId: brand.brandId, type: 'integration-authentication.updated' });
    const newestFirst = [...made].reverse();
    const all = (await get(`/api/v1/webhooks/${id}/deliveries`).expect(200)).body.data;
    expect(all).to.deep.include({ totalItems: 5, pageNumber: 0, pageSize: 50 });
    expect(all.items.map((d: { id: string }) => d.id)).to.deep.equal(newestFirst);
    expect(all.items[0]).to.deep.include({ eventType: 'integration-authentication.updated', status: 'failed', attempts: [] });
    const first = (await get(`/api/v1/webhooks/${id}/deliveries?pageSize=2`).expect(200)).body.data;
    expect(first).to.deep.include({ totalItems: 5, pageNumber: 0, pageSize: 2 });
    expect(first.items.map((d: { id: string }) => d.id)).to.deep.equal(newestFirst.slice(0, 2));
    const last = (await get(`/api/v1/webhooks/${id}/deliveries?pageNumber=2&pageSize=2`).expect(200)).body.data;
    expect(last.items.map((d: { id: string }) => d.id)).to.deep.equal([made[0]]);
    expect((await get(`/api/v1/webhooks/${id}/deliveries?pageNumber=3&pageSize=2`).expect(200)).body.data).to.deep.equal({ items: [], totalItems: 5, pageNumber: 3, pageSize: 2 });
  });

  it('refuses a bad pageNumber or pageSize, or an unknown query parameter, on both lists with 400 ValidationFailed naming it', async () => {
    const res = await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url: 'https://hooks.example.com/q', eventTypes: ['integration-authentication.updated'] }).expect(201);
    rememberSecret(res.body.data.secret);
    for (const path of ['/api/v1/webhooks', `/api/v1/webhooks/${res.body.data.id}/deliveries`]) {
      for (const [query, field, message] of [
        ['pageNumber=-1', 'pageNumber', PAGE_NUMBER_RULE], ['pageNumber=x', 'pageNumber', PAGE_NUMBER_RULE], ['pageNumber=10000', 'pageNumber', PAGE_NUMBER_RULE], ['pageNumber=50&pageSize=200', 'pageNumber', PAGE_NUMBER_RULE],
        ['pageNumber=0.5', 'pageNumber', PAGE_NUMBER_RULE], ['pageSize=0', 'pageSize', PAGE_SIZE_RULE], ['pageSize=201', 'pageSize', PAGE_SIZE_RULE],
        ['pageSize=abc', 'pageSize', PAGE_SIZE_RULE], ['pageSize=', 'pageSize', PAGE_SIZE_RULE], ['pageSize=1&pageSize=2', 'pageSize', PAGE_SIZE_RULE],
        ['per_page=2', 'per_page', 'is not a known query parameter'],
      ]) {
        const bad = await get(`${path}?${query}`).expect(400);
        expect(bad.body.errors, `${path}?${query}`).to.deep.equal([{ code: 'ValidationFailed', field, message }]);
      }
    }
  });
});

describe('webhook lists honour paging (portal surface: page, per_page and X-Total-Count)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const get = (path: string) => request(t.server).get(path).set(auth);
  const idsOf = (res: request.Response) => res.body.map((s: { ID: number }) => s.ID);
  // The portal holds at most 20 subscriptions in a database other suites share: each test deletes what it made.
  const made: number[] = [];
  const create = async () => {
    const res = await request(t.server).post('/portal-api/webhooks').set(auth).send({ URL: 'https://hooks.example.com/page', EventTypes: ['portal-app.updated'] }).expect(201);
    rememberSecret(res.body.Secret);
    made.push(res.body.ID);
    return res.body.ID as number;
  };

  before(async () => {
    t = createTestApp();
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `webhook-paging-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    auth = { Authorization: token };
  });
  afterEach(async () => {
    for (const id of made.splice(0)) await request(t.server).delete(`/portal-api/webhooks/${id}`).set(auth).expect(200);
  });

  it('pages the portal\'s subscriptions, oldest first, with X-Total-Count; without paging parameters the first 10', async () => {
    // More than one default page (10) and at most the cap (20), whatever another suite left behind.
    const existing = Number((await get('/portal-api/webhooks').expect(200)).headers['x-total-count']);
    const total = Math.max(12, existing);
    for (let i = existing; i < total; i++) await create();
    const all = await get('/portal-api/webhooks?per_page=100').expect(200);
    expect(all.headers['x-total-count']).to.equal(String(total));
    expect(all.body).to.have.length(total);
    const ids = idsOf(all);
    const first = await get('/portal-api/webhooks').expect(200);
    expect(first.headers['x-total-count']).to.equal(String(total));
    expect(idsOf(first)).to.deep.equal(ids.slice(0, 10));
    expect(idsOf(await get('/portal-api/webhooks?page=2').expect(200))).to.deep.equal(ids.slice(10, 20));
    const third = await get('/portal-api/webhooks?page=3&per_page=5').expect(200);
    expect(idsOf(third)).to.deep.equal(ids.slice(10, 15));
    expect(third.headers['x-total-count']).to.equal(String(total));
    expect((await get('/portal-api/webhooks?page=5&per_page=5').expect(200)).body).to.deep.equal([]);
  });

  it('pages a subscription\'s deliveries, newest first, with X-Total-Count', async () => {
    const id = await create();
    await request(t.server).patch(`/portal-api/webhooks/${id}`).set(auth).send({ Enabled: false }).expect(200);
    const seeded = await seedDeliveries(String(id), 12, { surface: 'portal', brandId: null, type: 'portal-app.updated' });
    const newestFirst = [...seeded].reverse().map(Number);
    const all = await get(`/portal-api/webhooks/${id}/deliveries`).expect(200);
    expect(all.headers['x-total-count']).to.equal('12');
    expect(idsOf(all)).to.deep.equal(newestFirst.slice(0, 10));
    expect(all.body[0]).to.deep.include({ EventType: 'portal-app.updated', Status: 'failed', Attempts: [] });
    expect(idsOf(await get(`/portal-api/webhooks/${id}/deliveries?page=2`).expect(200))).to.deep.equal(newestFirst.slice(10));
    expect(idsOf(await get(`/portal-api/webhooks/${id}/deliveries?per_page=3&page=2`).expect(200))).to.deep.equal(newestFirst.slice(3, 6));
    expect((await get(`/portal-api/webhooks/${id}/deliveries?page=5&per_page=3`).expect(200)).body).to.deep.equal([]);
  });

  it('refuses a bad page or per_page on both lists with 422 naming it and its bounds', async () => {
    const id = await create();
    for (const path of ['/portal-api/webhooks', `/portal-api/webhooks/${id}/deliveries`]) {
      for (const [query, error] of [
        ['page=0', PAGE_RULE], ['page=-1', PAGE_RULE], ['page=x', PAGE_RULE], ['page=1000000000', PAGE_RULE], ['page=1001', PAGE_RULE],
        ['page=101&per_page=100', PAGE_RULE],
        ['per_page=0', 'per_page: must be an integer from 1 to 100'], ['per_page=101', 'per_page: must be an integer from 1 to 100'],
        ['per_page=abc', 'per_page: must be an integer from 1 to 100'], ['per_page=1.5', 'per_page: must be an integer from 1 to 100'],
      ]) {
        const bad = await get(`${path}?${query}`).expect(422);
        expect(bad.body, `${path}?${query}`).to.deep.equal({ errors: [error] });
      }
    }
  });
});
