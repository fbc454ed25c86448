import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { anIntegrationAuthenticationBody, GITHUB_ID, GOOGLE_ID } from '../../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';

describe('GET /api/v1/app-integrations/authentication (list)', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
  });

  /** Lists are ordered by creation time; 2 ms apart keeps that order free of same-millisecond ties. */
  async function create(h: Record<string, string>, overrides: Record<string, unknown> = {}): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const res = await request(t.server).post(PATH).set(h).send(anIntegrationAuthenticationBody(overrides)).expect(201);
    return res.body.data.id;
  }

  const list = async (query: Record<string, string | number> = {}, h = headers) =>
    (await request(t.server).get(PATH).query(query).set(h).expect(200)).body.data;
  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

  it('answers an empty first page for a brand with no configurations', async () => {
    expect(await list()).to.deep.equal({ items: [], totalItems: 0, pageNumber: 0, pageSize: 50 });
  });

  it('lists the brand’s configurations oldest first, in the seed shape', async () => {
    const first = await create(headers);
    const second = await create(headers, { appIntegrationId: GITHUB_ID });
    const page = await list();
    expect(ids(page)).to.deep.equal([first, second]);
    expect(page).to.include({ totalItems: 2, pageNumber: 0, pageSize: 50 });
    expect(page.items[0].appIntegration.id).to.equal(GOOGLE_ID);
    expect(page.items[0]).to.include.keys('clientSecret', 'createdDate', 'updatedDate', 'isDefault', 'status');
  });

  it('pages: full pages, the last page, and a page past the end with the right total', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push(await create(headers));
    expect(ids(await list({ pageSize: 2, pageNumber: 0 }))).to.deep.equal(created.slice(0, 2));
    expect(ids(await list({ pageSize: 2, pageNumber: 1 }))).to.deep.equal(created.slice(2, 4));
    const last = await list({ pageSize: 2, pageNumber: 2 });
    expect(ids(last)).to.deep.equal(created.slice(4));
    expect(last.totalItems).to.equal(5);
    expect(await list({ pageSize: 2, pageNumber: 7 })).to.deep.equal({ items: [], totalItems: 5, pageNumber: 7, pageSize: 2 });
  });

  it('filters by appIntegrationId', async () => {
    await create(headers);
    const github = await create(headers, { appIntegrationId: GITHUB_ID });
    const page = await list({ appIntegrationId: GITHUB_ID });
    expect(ids(page)).to.deep.equal([github]);
    expect(page.totalItems).to.equal(1);
    expect(await list({ appIntegrationId: 'AAAAAAAAAAAAAAAAAA' })).to.include({ totalItems: 0 });
    expect(await list({ appIntegrationId: 'not-an-id' })).to.include({ totalItems: 0 });
  });

  it('filters by status given as a string or as 1 / 0, answering strings', async () => {
    const active = await create(headers);
    const inactive = await create(headers, { status: 0 });
    for (const [status, expected] of [['Active', active], ['1', active], ['Inactive', inactive], ['0', inactive]]) {
      const page = await list({ status });
      expect(ids(page), status).to.deep.equal([expected]);
      expect(page.items[0].status).to.equal(expected === active ? 'Active' : 'Inactive');
    }
  });

  it('matches keywords case-insensitively in code, name, description and tags', async () => {
    const byCode = await create(headers, { code: 'KW_ALPHA_CODE' });
    const byName = await create(headers, { name: 'Alpha sign-in' });
    const byDescription = await create(headers, { description: 'used by the ALPHA team' });
    const byTags = await create(headers, { tags: '#alpha' });
    await create(headers);
    expect(ids(await list({ keywords: 'aLpHa' }))).to.deep.equal([byCode, byName, byDescription, byTags]);
    expect(await list({ keywords: 'alpha%' })).to.include({ totalItems: 0 });
  });

  it('combines filters', async () => {
    await create(headers, { name: 'Beta one' });
    const target = await create(headers, { name: 'Beta two', appIntegrationId: GITHUB_ID, status: 'Inactive' });
    await create(headers, { name: 'Beta three', appIntegrationId: GITHUB_ID });
    expect(ids(await list({ keywords: 'beta', appIntegrationId: GITHUB_ID, status: 'Inactive' }))).to.deep.equal([target]);
  });

  it('never shows another brand’s configurations', async () => {
    const other = await aBrandWithKey(t.container);
    const theirs = await create(other.headers, { name: 'Shared name' });
    const mine = await create(headers, { name: 'Shared name' });
    expect(ids(await list({ keywords: 'shared name' }))).to.deep.equal([mine]);
    expect(ids(await list({}, other.headers))).to.deep.equal([theirs]);
    expect(ids(await list({ appIntegrationId: GOOGLE_ID }))).to.deep.equal([mine]);
  });

  const invalidQueries: [string, Record<string, string>, string][] = [
    ['an unknown status', { status: 'Enabled' }, 'status'],
    ['a negative pageNumber', { pageNumber: '-1' }, 'pageNumber'],
    ['a non-integer pageNumber', { pageNumber: '0.5' }, 'pageNumber'],
    ['pageSize 0', { pageSize: '0' }, 'pageSize'],
    ['pageSize over 200', { pageSize: '201' }, 'pageSize'],
    ['an unknown query parameter', { page: '1' }, 'page'],
  ];
  for (const [what, query, field] of invalidQueries) {
    it(`rejects ${what} with 400 ValidationFailed on that field`, async () => {
      const res = await request(t.server).get(PATH).query(query).set(headers).expect(400);
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field });
    });
  }

  it('reports every invalid parameter at once', async () => {
    const res = await request(t.server).get(PATH).query({ pageNumber: 'x', pageSize: '500', status: 'On' }).set(headers).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.have.members(['pageNumber', 'pageSize', 'status']);
  });

  it('needs brand authentication', async () => {
    const res = await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'ihk_wrong' }).expect(401);
    expect(res.body.errors[0].code).to.equal('Unauthorized');
  });
});
