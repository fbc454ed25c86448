import { expect } from 'chai';
import request from 'supertest';
import { testDatabase } from '../../support/test-database';
import { PortalClient, portalClient, row } from './portal-http.support';

const CREDENTIAL_KEYS = [
  'ID', 'AccessRequest', 'Credential', 'CredentialHash', 'DCRRegistrationAccessToken', 'DCRRegistrationClientURI', 'DCRResponse',
  // Not in seed 003: where a DCR credential's registration stands (null for the others).
  'DCRSyncStatus', 'DCRSyncError', 'Expires', 'OAuthClientID', 'OAuthClientSecret', 'RedirectURI', 'ResponseType', 'Scope', 'TokenEndpoints',
];
const REQUEST_KEYS = [
  'Catalogue', 'Client', 'CreatedAt', 'UpdatedAt', 'DeletedAt', 'Plan', 'User', 'AuthType', 'DCREnabled', 'ID',
  'ProvisionImmediately', 'Status', 'Products', 'Credentials',
];

describe('portal access requests and credentials', () => {
  let c: PortalClient;
  beforeEach(async () => (c = await portalClient()));
  const get = (path: string) => request(c.t.server).get(`/portal-api${path}`).set(c.auth);
  const put = (path: string, body: object = {}) => request(c.t.server).put(`/portal-api${path}`).set(c.auth).send(body);

  async function approved(authType: string, redirectUrls = 'https://app-host/auth') {
    const app = await c.anApp({ RedirectURLs: redirectUrls });
    const product = await c.aProduct(authType);
    const requestId = await c.provision(app.ID, [product.ID]);
    const res = await put(`/access_requests/${requestId}/approve`).expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', message: `Access request ${requestId} approved` });
    const [credential] = (await get(`/apps/${app.ID}/access-requests/${requestId}/credentials`).expect(200)).body;
    return { app, product, requestId, credential };
  }

  it('provisions, approves and issues an authToken credential shown in the app', async () => {
    const { app, product, requestId, credential } = await approved('authToken');
    expect(Object.keys(credential)).to.deep.equal(CREDENTIAL_KEYS);
    expect(credential.Credential).to.match(/^[A-Za-z0-9_-]{43,}$/);
    expect(credential.CredentialHash).to.match(/^[0-9a-f]{16}$/);
    expect(credential).to.include({ AccessRequest: `AccessRequest#${requestId}`, OAuthClientID: null, OAuthClientSecret: null, RedirectURI: null });
    const shown = (await get(`/apps/${app.ID}`).expect(200)).body;
    expect(shown.AccessRequests).to.have.length(1);
    const [accessRequest] = shown.AccessRequests[0];
    expect(Object.keys(accessRequest)).to.deep.equal(REQUEST_KEYS);
    expect(accessRequest).to.deep.include({
      Catalogue: 'Public Catalogue', Client: 'Payment App', Plan: 'Free plan', User: `User#${app.UserID}`, AuthType: 'authToken',
      DCREnabled: false, ID: requestId, ProvisionImmediately: false, Status: 'approved', Products: [product.Name], DeletedAt: null,
    });
    expect(accessRequest.Credentials).to.deep.equal([credential]);
  });

  it('issues an oauth2 credential with the app\'s redirect URLs and the products\' scopes', async () => {
    const { credential } = await approved('oauth2', 'https://a/cb,https://b/cb');
    expect(credential).to.include({ RedirectURI: 'https://a/cb,https://b/cb', Scope: 'payment client', ResponseType: 'code', Credential: null });
    expect(credential.OAuthClientID).to.be.a('string');
    expect(credential.OAuthClientSecret).to.be.a('string');
  });

  it('stores secrets encrypted and never logs them', async () => {
    const token = await approved('authToken');
    const oauth = await approved('oauth2');
    const tokenRow = await row('portal_credentials', token.credential.ID);
    const oauthRow = await row('portal_credentials', oauth.credential.ID);
    expect(tokenRow?.credential).to.match(/^v1\./).and.not.include(token.credential.Credential);
    expect(oauthRow?.oauth_client_secret).to.match(/^v1\./).and.not.include(oauth.credential.OAuthClientSecret);
    const admin = await testDatabase().dataSource.query('SELECT token_hash FROM portal_admins WHERE token_hash = $1', [c.token]);
    expect(admin).to.deep.equal([]);
    const logs = c.t.logger.text();
    for (const secret of [token.credential.Credential, oauth.credential.OAuthClientSecret, c.token]) expect(logs).to.not.include(secret);
  });

  it('rotates: the new secret differs, the old one is gone, the client id stays', async () => {
    const { app, requestId, credential } = await approved('oauth2');
    const path = `/apps/${app.ID}/access-requests/${requestId}/credentials/${credential.ID}/rotate`;
    expect((await put(path).expect(200)).body).to.deep.equal({ status: 'ok', message: 'Credential rotated' });
    const [after] = (await get(`/apps/${app.ID}/access-requests/${requestId}/credentials`).expect(200)).body;
    expect(after.OAuthClientSecret).to.not.equal(credential.OAuthClientSecret);
    expect(after.OAuthClientID).to.equal(credential.OAuthClientID);
    expect(JSON.stringify(await get(`/apps/${app.ID}`).expect(200))).to.not.include(credential.OAuthClientSecret);
  });

  it('answers rotation with ids that do not belong together with 422 StatusWithErrors and changes nothing', async () => {
    const first = await approved('authToken');
    const other = await c.anApp();
    const before = await row('portal_credentials', first.credential.ID);
    const res = await put(`/apps/${other.ID}/access-requests/${first.requestId}/credentials/${first.credential.ID}/rotate`).expect(422);
    expect(res.body.status).to.equal('error');
    expect(res.body.errors).to.have.length(1);
    await put(`/apps/${first.app.ID}/access-requests/${first.requestId}/credentials/999999/rotate`).expect(422);
    expect(await row('portal_credentials', first.credential.ID)).to.deep.equal(before);
  });

  it('propagates new RedirectURLs to the app\'s oauth2 credentials', async () => {
    const { app, requestId } = await approved('oauth2');
    await put(`/apps/${app.ID}`, { RedirectURLs: 'https://new-host/cb' }).expect(200);
    const [after] = (await get(`/apps/${app.ID}/access-requests/${requestId}/credentials`).expect(200)).body;
    expect(after.RedirectURI).to.equal('https://new-host/cb');
  });

  it('answers approve/reject of a decided or unknown request with 422 { status, message }', async () => {
    const { requestId } = await approved('authToken');
    const res = await put(`/access_requests/${requestId}/reject`).expect(422);
    expect(Object.keys(res.body)).to.deep.equal(['status', 'message']);
    expect(res.body.status).to.equal('error');
    await put('/access_requests/999999999/approve').expect(422);
    await put('/access_requests/abc/reject').expect(422);
    expect((await get(`/access_requests/${requestId}`).expect(200)).body.Credentials).to.have.length(1);
  });

  it('rejects a pending request without a credential', async () => {
    const app = await c.anApp();
    const requestId = await c.provision(app.ID, [(await c.aProduct('basicAuth')).ID]);
    await put(`/access_requests/${requestId}/reject`).expect(200);
    expect((await get(`/access_requests/${requestId}`).expect(200)).body).to.deep.include({ Status: 'rejected', Credentials: [] });
  });

  it('refuses provisioning with no products, unknown products, mixed auth types or an unknown app (422 StatusWithErrors)', async () => {
    const app = await c.anApp();
    const token = await c.aProduct('authToken');
    const oauth = await c.aProduct('oauth2');
    for (const [appId, body] of [[app.ID, { Products: [] }], [app.ID, { Products: [999_999_999] }], [app.ID, { Products: [token.ID, oauth.ID] }], [999_999_999, { Products: [token.ID] }], [app.ID, {}]] as const) {
      const res = await put(`/apps/${appId}/provision`, body).expect(422);
      expect(res.body.status).to.equal('error');
      expect(res.body.errors).to.be.an('array').with.length.greaterThan(0);
    }
    expect((await get(`/apps/${app.ID}/access-requests`).expect(200)).body).to.deep.equal([]);
  });

  it('deletes an access request and revokes its credentials', async () => {
    const { app, requestId, credential } = await approved('authToken');
    expect((await request(c.t.server).delete(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(200)).body).to.deep.equal({ status: 'ok' });
    expect(await row('portal_credentials', credential.ID)).to.equal(undefined);
    await get(`/access_requests/${requestId}`).expect(404);
    await get(`/apps/${app.ID}/access-requests/${requestId}`).expect(404);
    await request(c.t.server).delete(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(404);
  });

  it('lists access requests globally with paging and per app', async () => {
    const { app, requestId } = await approved('authToken');
    expect((await get('/access_requests?per_page=100').expect(200)).body).to.be.an('array');
    expect((await get(`/apps/${app.ID}/access-requests`).expect(200)).body.map((r: { ID: number }) => r.ID)).to.deep.equal([requestId]);
    expect((await get(`/apps/${app.ID}/access-requests/${requestId}`).expect(200)).body.ID).to.equal(requestId);
  });
});

describe('portal users, products, auth and unknown routes', () => {
  let c: PortalClient;
  beforeEach(async () => (c = await portalClient()));

  it('answers 401 { status, errors: ["Unauthorized"] } without or with a wrong token, on any path', async () => {
    for (const headers of [{}, { Authorization: 'wrong' }, { Authorization: `Bearer ${c.token}` }]) {
      for (const path of ['/portal-api/apps', '/portal-api/nowhere']) {
        const res = await request(c.t.server).get(path).set(headers).expect(401);
        expect(res.body).to.deep.equal({ status: 'error', errors: ['Unauthorized'] });
      }
    }
  });

  it('answers an unknown route 404 and a wrong method 405, both StatusWithErrors', async () => {
    const missing = await request(c.t.server).get('/portal-api/nowhere').set(c.auth).expect(404);
    expect(missing.body.status).to.equal('error');
    const wrong = await request(c.t.server).patch('/portal-api/apps').set(c.auth).send({}).expect(405);
    expect(wrong.body.status).to.equal('error');
    expect(wrong.body.errors).to.have.length(1);
  });

  it('creates, reads, partially updates and deletes a user, with ETags', async () => {
    const user = await c.aUser({ First: 'Grace' });
    expect(Object.keys(user)).to.deep.equal(['ID', 'Email', 'First', 'Last', 'Role', 'OrganisationID', 'Active']);
    const got = await request(c.t.server).get(`/portal-api/users/${user.ID}`).set(c.auth).expect(200);
    expect(got.headers.etag).to.equal('"1"');
    const updated = await request(c.t.server).put(`/portal-api/users/${user.ID}`).set(c.auth).send({ Last: 'Hopper' }).expect(200);
    expect(updated.body).to.deep.equal({ ...user, Last: 'Hopper' });
    await request(c.t.server).put(`/portal-api/users/${user.ID}`).set(c.auth).set('If-Match', '"1"').send({ Last: 'X' }).expect(412);
    expect((await request(c.t.server).delete(`/portal-api/users/${user.ID}`).set(c.auth).expect(200)).body).to.deep.equal({ status: 'ok' });
    await request(c.t.server).get(`/portal-api/users/${user.ID}`).set(c.auth).expect(404);
  });

  it('refuses to delete a user who owns apps (422) and keeps the user', async () => {
    const app = await c.anApp();
    const res = await request(c.t.server).delete(`/portal-api/users/${app.UserID}`).set(c.auth).expect(422);
    expect(res.body.errors[0]).to.include('owns apps');
    await request(c.t.server).get(`/portal-api/users/${app.UserID}`).set(c.auth).expect(200);
  });

  it('refuses a duplicate email and an invalid role with 422 naming the fields', async () => {
    const user = await c.aUser();
    const dup = await request(c.t.server).post('/portal-api/users').set(c.auth)
      .send({ Email: user.Email, First: 'A', Last: 'B', Role: 'consumer-admin' }).expect(422);
    expect(dup.body.errors[0]).to.include(user.Email);
    const bad = await request(c.t.server).post('/portal-api/users').set(c.auth).send({ Email: 'nope', Role: 'boss' }).expect(422);
    expect(bad.body.errors.join('\n')).to.include('First').and.include('Last');
    await request(c.t.server).put('/portal-api/users/999999999').set(c.auth).send({ First: 'x' }).expect(422);
  });

  it('creates, lists and reads products', async () => {
    const product = await c.aProduct('oauth2', 'read  write');
    expect(product).to.include({ AuthType: 'oauth2', Scopes: 'read write' });
    expect((await request(c.t.server).get(`/portal-api/products/${product.ID}`).set(c.auth).expect(200)).body).to.deep.equal(product);
    expect((await request(c.t.server).get('/portal-api/products').set(c.auth).expect(200)).body).to.be.an('array');
    await request(c.t.server).get('/portal-api/products/999999999').set(c.auth).expect(404);
    await request(c.t.server).post('/portal-api/products').set(c.auth).send({ Name: 'X', AuthType: 'jwt' }).expect(422);
  });
});
