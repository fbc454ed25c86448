import { expect } from 'chai';
import request from 'supertest';
import { addAppIntegrations, anAppIntegrationCommand, aUniqueWord } from '../../support/app-integration.mother';
import { GOOGLE_ID } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

const PATH = '/api/v1/app-integrations';

describe('GET /api/v1/app-integrations[/{id}] (the shared catalog)', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
  });

  async function catalogSize(): Promise<number> {
    const [row] = await testDatabase().dataSource.query('SELECT count(*)::int AS n FROM app_integrations');
    return row.n;
  }

  it('answers the first page with defaults and the total of the whole catalog', async () => {
    const res = await request(t.server).get(PATH).set(headers).expect(200);
    expect(res.body).to.include({ success: true, statusCode: 200 });
    expect(res.body.data).to.include({ pageNumber: 0, pageSize: 50, totalItems: await catalogSize() });
    const google = res.body.data.items.find((i: { id: string }) => i.id === GOOGLE_ID);
    expect(google).to.deep.equal({
      type: 'Authenticate', name: 'Google', domain: 'https://accounts.google.com',
      description: 'Sign in with Google (OAuth 2.0 / OpenID Connect)', logoURL: null, status: 'Active', id: GOOGLE_ID,
    });
  });

  it('pages through a filtered set by name: full pages, the last page, and a page past the end', async () => {
    const word = aUniqueWord();
    const entries = await addAppIntegrations(t.container, [1, 2, 3, 4, 5].map(() => anAppIntegrationCommand(word)));
    const names = entries.map((e) => e.snapshot().name).sort();
    const page = async (n: number) => (await request(t.server).get(PATH).query({ keywords: word, pageSize: 2, pageNumber: n }).set(headers).expect(200)).body.data;
    const [p0, p1, p2, p3] = [await page(0), await page(1), await page(2), await page(3)];
    expect(p0.items.map((i: { name: string }) => i.name)).to.deep.equal(names.slice(0, 2));
    expect(p1.items.map((i: { name: string }) => i.name)).to.deep.equal(names.slice(2, 4));
    expect(p2.items.map((i: { name: string }) => i.name)).to.deep.equal(names.slice(4));
    expect(p3).to.deep.equal({ items: [], totalItems: 5, pageNumber: 3, pageSize: 2 });
    for (const p of [p0, p1, p2]) expect(p.totalItems).to.equal(5);
  });

  it('answers an empty page with totalItems 0 when nothing matches', async () => {
    const res = await request(t.server).get(PATH).query({ keywords: aUniqueWord() }).set(headers).expect(200);
    expect(res.body.data).to.deep.equal({ items: [], totalItems: 0, pageNumber: 0, pageSize: 50 });
  });

  it('accepts pageSize 200, the maximum', async () => {
    const res = await request(t.server).get(PATH).query({ pageSize: 200 }).set(headers).expect(200);
    expect(res.body.data.pageSize).to.equal(200);
  });

  it('filters by type', async () => {
    const word = aUniqueWord();
    const [sms, smtp] = await addAppIntegrations(t.container, [anAppIntegrationCommand(word), anAppIntegrationCommand(word, { type: 'SMTP' })]);
    const res = await request(t.server).get(PATH).query({ keywords: word, type: 'SMTP' }).set(headers).expect(200);
    expect(res.body.data.items.map((i: { id: string }) => i.id)).to.deep.equal([smtp.id]);
    expect(res.body.data.totalItems).to.equal(1);
    const authenticate = await request(t.server).get(PATH).query({ type: 'Authenticate', pageSize: 200 }).set(headers).expect(200);
    expect(authenticate.body.data.items.map((i: { type: string }) => i.type)).to.satisfy((types: string[]) => types.length >= 5 && types.every((x) => x === 'Authenticate'));
    expect(authenticate.body.data.items.map((i: { id: string }) => i.id)).not.to.include(sms.id);
  });

  it('filters by status, given as a string or as 1 / 0, and answers it as a string', async () => {
    const word = aUniqueWord();
    const [active] = await addAppIntegrations(t.container, [anAppIntegrationCommand(word)]);
    const [inactive] = await addAppIntegrations(t.container, [anAppIntegrationCommand(word)]);
    await testDatabase().dataSource.query(`UPDATE app_integrations SET status = 'Inactive' WHERE id = $1`, [inactive.id]);
    for (const [status, expected] of [['Inactive', inactive], ['0', inactive], ['Active', active], ['1', active]] as const) {
      const res = await request(t.server).get(PATH).query({ keywords: word, status }).set(headers).expect(200);
      expect(res.body.data.items.map((i: { id: string }) => i.id), status).to.deep.equal([expected.id]);
      expect(res.body.data.items[0].status).to.equal(expected === inactive ? 'Inactive' : 'Active');
    }
  });

  it('matches keywords case-insensitively in name, description and domain, literally', async () => {
    const word = aUniqueWord();
    const [byName, byDescription, byDomain] = await addAppIntegrations(t.container, [
      anAppIntegrationCommand(word, { name: `Named ${word.toUpperCase()}` }),
      anAppIntegrationCommand(aUniqueWord(), { description: `Describes ${word} here` }),
      anAppIntegrationCommand(aUniqueWord(), { domain: `https://${word}.example.com` }),
    ]);
    const res = await request(t.server).get(PATH).query({ keywords: word.toUpperCase() }).set(headers).expect(200);
    expect(res.body.data.items.map((i: { id: string }) => i.id)).to.have.members([byName.id, byDescription.id, byDomain.id]);
    const wildcard = await request(t.server).get(PATH).query({ keywords: `${word}%` }).set(headers).expect(200);
    expect(wildcard.body.data.totalItems).to.equal(0);
  });

  const invalidQueries: [string, Record<string, string>, string][] = [
    ['an unknown type', { type: 'Chat' }, 'type'],
    ['an unknown status', { status: 'Enabled' }, 'status'],
    ['a status number other than 1 / 0', { status: '2' }, 'status'],
    ['a non-integer pageNumber', { pageNumber: '1.5' }, 'pageNumber'],
    ['a non-numeric pageNumber', { pageNumber: 'first' }, 'pageNumber'],
    ['a negative pageNumber', { pageNumber: '-1' }, 'pageNumber'],
    ['pageSize 0', { pageSize: '0' }, 'pageSize'],
    ['pageSize over 200', { pageSize: '201' }, 'pageSize'],
    ['an empty pageSize', { pageSize: '' }, 'pageSize'],
    ['an unknown query parameter', { pagesize: '10' }, 'pagesize'],
  ];
  for (const [what, query, field] of invalidQueries) {
    it(`rejects ${what} with 400 ValidationFailed on that field`, async () => {
      const res = await request(t.server).get(PATH).query(query).set(headers).expect(400);
      expect(res.body).to.include({ success: false, statusCode: 400, data: null });
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field });
    });
  }

  it('rejects a repeated parameter', async () => {
    const res = await request(t.server).get(`${PATH}?type=SMS&type=SMTP`).set(headers).expect(400);
    expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field: 'type' });
  });

  it('answers one entry by id, the same for every brand', async () => {
    const other = await aBrandWithKey(t.container);
    const [entry] = await addAppIntegrations(t.container, [anAppIntegrationCommand(aUniqueWord(), { logoURL: 'https://cdn.example.com/logo.png' })]);
    const mine = await request(t.server).get(`${PATH}/${entry.id}`).set(headers).expect(200);
    const theirs = await request(t.server).get(`${PATH}/${entry.id}`).set(other.headers).expect(200);
    expect(mine.body.data).to.deep.equal({ ...entry.snapshot(), logoURL: 'https://cdn.example.com/logo.png' });
    expect(theirs.body.data).to.deep.equal(mine.body.data);
  });

  it('answers 404 AppIntegrationNotFound for an unknown or malformed id', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAA', 'not-an-id']) {
      const res = await request(t.server).get(`${PATH}/${id}`).set(headers).expect(404);
      expect(res.body.errors[0].code).to.equal('AppIntegrationNotFound');
    }
  });

  it('needs brand authentication on both routes', async () => {
    for (const path of [PATH, `${PATH}/${GOOGLE_ID}`]) {
      await request(t.server).get(path).expect(400);
      const res = await request(t.server).get(path).set({ ...headers, 'Auth-Key': 'ihk_wrong' }).expect(401);
      expect(res.body.errors[0].code).to.equal('Unauthorized');
    }
  });

  it('answers 405 for writes on the catalog', async () => {
    const res = await request(t.server).delete(`${PATH}/${GOOGLE_ID}`).set(headers).expect(405);
    expect(res.body.errors[0].code).to.equal('MethodNotAllowed');
  });
});
