import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

const PATH = '/api/v1/app-integrations/authentication';

describe('redirect and endpoint URL rules (RFC 9700) on both surfaces', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let c: PortalClient;

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    c = await portalClient();
  });

  const refusedRedirects = [
    'https://user:pw@app.example.com/cb',
    'https://@app.example.com/cb',
    'http://app.example.com/cb',
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'vbscript:x',
    'myapp:/cb',
    'https://app.example.com/cb#frag',
  ];
  const acceptedRedirects = ['https://app.example.com/cb', 'http://127.0.0.1:8080/cb', 'http://localhost/cb', 'http://[::1]/cb', 'com.example.app:/oauth2redirect'];

  it('refuses each bad redirectURI with 400 naming the field, on POST and PATCH', async () => {
    for (const uri of refusedRedirects) {
      const res = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ redirectURI: uri }));
      expect(res.status, uri).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field), uri).to.deep.equal(['redirectURI']);
    }
    const id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
    await request(t.server).patch(`${PATH}/${id}`).set(headers).send({ redirectURI: 'https://u:p@evil.example.com/' }).expect(400);
  });

  it('accepts https, http on loopback and reverse-domain private-use schemes', async () => {
    for (const uri of acceptedRedirects) {
      await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ redirectURI: uri })).expect(201);
    }
  });

  it('refuses authEndpoint and tokenEndpoint with userinfo or plain http to a remote host', async () => {
    for (const field of ['authEndpoint', 'tokenEndpoint']) {
      for (const url of ['http://accounts.example.com/auth', 'https://evil.example.com@accounts.example.com/auth', 'https://a:b@accounts.example.com/']) {
        const res = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ [field]: url }));
        expect(res.status, `${field} ${url}`).to.equal(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).to.deep.equal([field]);
      }
    }
    await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ authEndpoint: 'http://localhost:9000/auth' })).expect(201);
  });

  it('applies the same rule to each portal RedirectURLs item (422 naming RedirectURLs)', async () => {
    const app = await c.anApp();
    for (const uri of refusedRedirects) {
      const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ RedirectURLs: `https://ok.example.com/cb,${uri}` });
      expect(res.status, uri).to.equal(422);
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.match(/^RedirectURLs: /);
    }
    await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ RedirectURLs: acceptedRedirects.join(',') }).expect(200);
  });
});

describe('stored secrets that cannot be decrypted', () => {
  it('answer null in a list and a read, are logged by row id and counted, and never fail the list', async () => {
    const t = createTestApp();
    const { brandId, headers } = await aBrandWithKey(t.container);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id);
    // A value tampered with at rest (or written under a key since lost).
    await testDatabase().dataSource.query(`UPDATE integration_authentications SET client_secret = 'v1.deadbeef.AAAA.BBBB.CCCC' WHERE id = $1`, [ids[1]]);
    const list = await request(t.server).get(PATH).set(headers).expect(200);
    const byId = new Map(list.body.data.items.map((item: { id: string; clientSecret: string | null }) => [item.id, item.clientSecret]));
    expect(byId.get(ids[1])).to.equal(null);
    expect(byId.get(ids[0])).to.be.a('string');
    expect((await request(t.server).get(`${PATH}/${ids[1]}`).set(headers).expect(200)).body.data.clientSecret).to.equal(null);
    const logged = t.logger.lines.map((l) => JSON.parse(l)).filter((l) => l.resource === 'integration-authentication');
    expect(logged[0]).to.include({ level: 'warn', id: ids[1] });
    expect(t.logger.text()).not.to.include('deadbeef');
    const metrics = await request(t.server).get('/metrics').expect(200);
    expect(metrics.text).to.match(/^stored_secrets_undecryptable_total [1-9]/m);
    // A change must bring a new secret; a PUT (which always does) repairs the row.
    const patch = await request(t.server).patch(`${PATH}/${ids[1]}`).set(headers).send({ name: 'renamed' }).expect(400);
    expect(patch.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['clientSecret']);
    await request(t.server).put(`${PATH}/${ids[1]}`).set(headers).send(anIntegrationAuthenticationBody({ clientSecret: 'repaired' })).expect(200);
    expect(brandId).to.be.a('string');
  });

  it('answer null for a portal credential whose tag was truncated to 4 bytes', async () => {
    const c = await portalClient();
    const app = await c.anApp();
    const requestId = await c.provision(app.ID, [(await c.aProduct('oauth2')).ID]);
    await request(c.t.server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth).expect(200);
    const [row] = await testDatabase().dataSource.query('SELECT id, oauth_client_secret FROM portal_credentials WHERE access_request_id = $1', [requestId]);
    const parts = String(row.oauth_client_secret).split('.');
    parts[3] = Buffer.from(parts[3], 'base64url').subarray(0, 4).toString('base64url');
    await testDatabase().dataSource.query('UPDATE portal_credentials SET oauth_client_secret = $2 WHERE id = $1', [row.id, parts.join('.')]);
    try {
      const list = await request(c.t.server).get('/portal-api/access_requests?per_page=100&page=1').set(c.auth).expect(200);
      expect(list.status).to.equal(200);
      const one = await request(c.t.server).get(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(200);
      expect(one.body.Credentials[0].OAuthClientSecret).to.equal(null);
      expect(one.body.Credentials[0].OAuthClientID).to.be.a('string');
    } finally {
      // Other suites re-encrypt every row of the shared database: leave none they cannot read.
      await testDatabase().dataSource.query('UPDATE portal_credentials SET oauth_client_secret = $2 WHERE id = $1', [row.id, row.oauth_client_secret]);
    }
  });
});
