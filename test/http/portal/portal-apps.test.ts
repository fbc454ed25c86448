import { expect } from 'chai';
import request from 'supertest';
import { testDatabase } from '../../support/test-database';
import { PortalClient, portalClient, row } from './portal-http.support';

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

describe('portal apps (/portal-api/apps, seed 003)', () => {
  let c: PortalClient;
  let app: Record<string, any>;
  let userId: number;

  beforeEach(async () => {
    c = await portalClient();
    userId = (await c.aUser()).ID;
    app = await c.anApp({ UserID: userId, Name: 'Old name', Description: 'Old', RedirectURLs: 'https://old-host/cb' });
  });

  const put = (id: number | string, body: unknown) => request(c.t.server).put(`/portal-api/apps/${id}`).set(c.auth).send(body as object);

  it('answers seed 003\'s PUT in its shape, every field', async () => {
    const res = await put(app.ID, {
      Name: 'Payment App',
      Description: 'This is my payment application',
      RedirectURLs: 'https://app-host/auth',
      UserID: userId,
      Visibility: 'personal',
    }).expect(200);
    expect(Object.keys(res.body)).to.deep.equal(['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility', 'ID', 'CreatedAt', 'AccessRequests']);
    expect(res.body).to.deep.include({
      Name: 'Payment App',
      Description: 'This is my payment application',
      RedirectURLs: 'https://app-host/auth',
      UserID: userId,
      Visibility: 'personal',
      ID: app.ID,
      AccessRequests: [],
    });
    expect(res.body.CreatedAt).to.match(TIME).and.equal(app.CreatedAt);
    expect(res.headers.etag).to.equal('"2"');
  });

  it('creates with Visibility organisation by default and answers 201', async () => {
    expect(app).to.include({ Visibility: 'organisation', Name: 'Old name' });
    expect(app.ID).to.be.a('number').greaterThan(0);
  });

  const fields: [string, unknown][] = [
    ['Name', 'Only name'], ['Description', 'Only description'], ['RedirectURLs', 'https://a/cb,https://b/cb'], ['Visibility', 'team'],
  ];
  for (const [field, value] of fields) {
    it(`changes only ${field} when only ${field} is sent`, async () => {
      const res = await put(app.ID, { [field]: value }).expect(200);
      expect(res.body).to.deep.equal({ ...app, [field]: value });
    });
  }

  it('changes only UserID when only UserID is sent, and an empty body changes nothing', async () => {
    const other = await c.aUser();
    expect((await put(app.ID, { UserID: other.ID }).expect(200)).body).to.deep.equal({ ...app, UserID: other.ID });
    expect((await put(app.ID, {}).expect(200)).body).to.deep.equal({ ...app, UserID: other.ID });
  });

  it('answers 422 { errors } naming each problem in Tyk field names, and changes nothing', async () => {
    const before = await row('portal_apps', app.ID);
    const res = await put(app.ID, { Name: '  ', RedirectURLs: 'https://a/cb,,', Visibility: 'public' }).expect(422);
    expect(Object.keys(res.body)).to.deep.equal(['errors']);
    expect(res.body.errors).to.have.length(3);
    expect(res.body.errors.join('\n')).to.include('Name').and.include('RedirectURLs').and.include('Visibility');
    const wrongTypes = await put(app.ID, { UserID: 'one', Colour: 'blue' }).expect(422);
    expect(wrongTypes.body.errors.join('\n')).to.include('UserID').and.include('Colour');
    // A value of another type is told its type, not a length rule it cannot meet.
    const notText = await put(app.ID, { Name: 1, RedirectURLs: ['https://a/cb'] }).expect(422);
    expect(notText.body.errors).to.have.members(['Name: must be a string', 'RedirectURLs: must be a string']);
    // class-validator's own wording names the field once, after the field as every message does.
    const tooLong = await put(app.ID, { Name: 'n'.repeat(4097) }).expect(422);
    expect(tooLong.body.errors).to.deep.equal(['Name: must be shorter than or equal to 4096 characters']);
    expect(await row('portal_apps', app.ID)).to.deep.equal(before);
  });

  it('answers 422 for an unknown UserID, an unknown app and a non-integer id on PUT', async () => {
    expect((await put(app.ID, { UserID: 999_999_999 }).expect(422)).body.errors).to.have.length(1);
    expect((await put(2_000_000_000, { Name: 'x' }).expect(422)).body.errors[0]).to.include('not found');
    expect((await put('abc', { Name: 'x' }).expect(422)).body).to.have.key('errors');
    expect((await put(0, { Name: 'x' }).expect(422)).body).to.have.key('errors');
  });

  it('answers malformed JSON with 422, a non-JSON body with 415', async () => {
    await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('Content-Type', 'application/json').send('{"Name":').expect(422);
    const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('Content-Type', 'text/plain').send('x').expect(415);
    expect(res.body.status).to.equal('error');
    expect(res.body.errors).to.be.an('array');
  });

  it('honours If-Match: a stale ETag gets 412 and changes nothing', async () => {
    const etag = (await request(c.t.server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200)).headers.etag;
    await put(app.ID, { Name: 'First' }).set('If-Match', etag).expect(200);
    const res = await put(app.ID, { Name: 'Second' }).set('If-Match', etag).expect(412);
    expect(res.body).to.deep.include({ status: 'error' });
    expect((await row('portal_apps', app.ID))?.name).to.equal('First');
  });

  it('answers 404 StatusWithErrors for an unknown or malformed id on GET, HEAD and DELETE', async () => {
    for (const id of ['999999999', 'abc', '-1', '99999999999']) {
      const res = await request(c.t.server).get(`/portal-api/apps/${id}`).set(c.auth).expect(404);
      expect(res.body.status).to.equal('error');
      expect(res.body.errors).to.have.length(1);
      await request(c.t.server).head(`/portal-api/apps/${id}`).set(c.auth).expect(404);
      await request(c.t.server).delete(`/portal-api/apps/${id}`).set(c.auth).expect(404);
    }
  });

  it('lists apps page by page (page from 1, per_page max 100)', async () => {
    const res = await request(c.t.server).get('/portal-api/apps?page=1&per_page=1').set(c.auth).expect(200);
    expect(res.body).to.be.an('array').with.length(1);
    expect(Number(res.headers['x-total-count'])).to.be.greaterThan(0);
    await request(c.t.server).get('/portal-api/apps?per_page=101').set(c.auth).expect(422);
    await request(c.t.server).get('/portal-api/apps?page=0').set(c.auth).expect(422);
  });

  it('deletes an app with its access requests and credentials, then answers 404', async () => {
    const product = await c.aProduct('authToken');
    const requestId = await c.provision(app.ID, [product.ID]);
    await request(c.t.server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth).expect(200);
    const res = await request(c.t.server).delete(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    await request(c.t.server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(404);
    await request(c.t.server).get(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(404);
    const credentials = await testDatabase().dataSource.query('SELECT id FROM portal_credentials WHERE access_request_id = $1', [requestId]);
    expect(credentials).to.deep.equal([]);
  });
});
