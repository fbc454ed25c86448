import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { portalClient, PortalClient } from '../portal/portal-http.support';

const PATH = '/api/v1/app-integrations/authentication';

describe('ETag on every single-resource GET, If-Match lists, and paging on every list', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let c: PortalClient;

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    c = await portalClient();
  });

  describe('If-Match (RFC 9110 §13.1.1)', () => {
    it('writes when any tag of a list matches ("1", "7" with current "7"), and 412s when none does', async () => {
      const id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
      const body = anIntegrationAuthenticationBody();
      await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', '"1", "7"').send(body).expect(200);
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', '"9", W/"2", "x,y"').send(body).expect(412);
      expect(res.body.errors[0].code).to.equal('PreconditionFailed');
      await request(t.server).patch(`${PATH}/${id}`).set(headers).set('If-Match', '"5","2"').send({ name: 'listed' }).expect(200);
      await request(t.server).delete(`${PATH}/${id}`).set(headers).set('If-Match', '"1" , "3"').expect(200);
    });

    it('treats * as matching any existing resource, and a malformed header as no match', async () => {
      const id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
      await request(t.server).patch(`${PATH}/${id}`).set(headers).set('If-Match', '*').send({ name: 'starred' }).expect(200);
      await request(t.server).patch(`${PATH}/${id}`).set(headers).set('If-Match', '2').send({ name: 'unquoted' }).expect(412);
      await request(t.server).delete(`${PATH}/AAAAAAAAAAAAAAAAAA`).set(headers).set('If-Match', '*').expect(404);
    });

    it('compares entity tags as exact strings: only "4" matches version 4, not "04", " 4", "4.0", "0x4", "4e0", "+4" (412, nothing changes)', async () => {
      const lookalikes = ['"04"', '"004"', '" 4"', '"4 "', '"4.0"', '"0x4"', '"4e0"', '"+4"'];
      const id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
      for (let i = 0; i < 3; i++) await request(t.server).patch(`${PATH}/${id}`).set(headers).send({ name: `v${i + 2}` }).expect(200);
      const one = () => request(t.server).get(`${PATH}/${id}`).set(headers).expect(200);
      expect((await one()).headers.etag).to.equal('"4"');
      for (const tag of lookalikes) {
        await request(t.server).patch(`${PATH}/${id}`).set(headers).set('If-Match', tag).send({ name: 'stale' }).expect(412);
        await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', tag).send(anIntegrationAuthenticationBody()).expect(412);
        await request(t.server).delete(`${PATH}/${id}`).set(headers).set('If-Match', tag).expect(412);
      }
      expect((await one()).body.data.name).to.equal('v4');
      // In a list, a look-alike is one more tag that does not match; the canonical one still does.
      await request(t.server).patch(`${PATH}/${id}`).set(headers).set('If-Match', '"04", "4"').send({ name: 'v5' }).expect(200);

      const app = await c.anApp();
      for (let i = 0; i < 3; i++) await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ Name: `v${i + 2}` }).expect(200);
      for (const tag of lookalikes) {
        const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', tag).send({ Name: 'stale' }).expect(412);
        expect(res.body).to.deep.equal({ status: 'error', errors: ['The resource was changed since it was read'] });
        await request(c.t.server).delete(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', tag).expect(412);
      }
      expect((await request(c.t.server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200)).body.Name).to.equal('v4');
      await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', '"4"').send({ Name: 'v5' }).expect(200);
    });

    it('honours a list on the portal PUT, and a stale tag on every portal DELETE', async () => {
      const app = await c.anApp();
      await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', '"7", "1"').send({ Name: 'v2' }).expect(200);
      await request(c.t.server).delete(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', '"1"').expect(412);
      await request(c.t.server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200);
      await request(c.t.server).delete(`/portal-api/apps/${app.ID}`).set(c.auth).set('If-Match', '"2"').expect(200);

      const user = await c.aUser();
      const stale = await request(c.t.server).delete(`/portal-api/users/${user.ID}`).set(c.auth).set('If-Match', '"4"').expect(412);
      expect(stale.body).to.deep.equal({ status: 'error', errors: ['The resource was changed since it was read'] });
      await request(c.t.server).delete(`/portal-api/users/${user.ID}`).set(c.auth).set('If-Match', '"1"').expect(200);
    });
  });

  describe('access requests: ETag, If-Match on delete, approve, reject and rotate', () => {
    it('answers the same ETag on both GET paths, moves it with approve and rotate, and guards every write', async () => {
      const app = await c.anApp();
      const id = await c.provision(app.ID, [(await c.aProduct('oauth2')).ID]);
      const first = await request(c.t.server).get(`/portal-api/access_requests/${id}`).set(c.auth).expect(200);
      expect(first.headers.etag).to.equal('"1"');
      expect((await request(c.t.server).get(`/portal-api/apps/${app.ID}/access-requests/${id}`).set(c.auth).expect(200)).headers.etag).to.equal('"1"');

      await request(c.t.server).put(`/portal-api/access_requests/${id}/approve`).set(c.auth).set('If-Match', '"2"').expect(412);
      const approved = await request(c.t.server).put(`/portal-api/access_requests/${id}/approve`).set(c.auth).set('If-Match', '"1"').expect(200);
      expect(approved.headers.etag).to.equal('"2"');

      const [credential] = (await request(c.t.server).get(`/portal-api/apps/${app.ID}/access-requests/${id}/credentials`).set(c.auth).expect(200)).body;
      const rotate = `/portal-api/apps/${app.ID}/access-requests/${id}/credentials/${credential.ID}/rotate`;
      await request(c.t.server).put(rotate).set(c.auth).set('If-Match', '"1"').expect(412);
      const rotated = await request(c.t.server).put(rotate).set(c.auth).set('If-Match', '"2"').expect(200);
      expect(rotated.headers.etag).to.equal('"3"');
      expect((await request(c.t.server).get(`/portal-api/access_requests/${id}`).set(c.auth).expect(200)).headers.etag).to.equal('"3"');

      // A new RedirectURLs moves the oauth2 credential, so the request's tag moves too.
      await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ RedirectURLs: 'https://moved.example.com/cb' }).expect(200);
      expect((await request(c.t.server).get(`/portal-api/access_requests/${id}`).set(c.auth).expect(200)).headers.etag).to.equal('"4"');

      await request(c.t.server).delete(`/portal-api/access_requests/${id}`).set(c.auth).set('If-Match', '"3"').expect(412);
      await request(c.t.server).delete(`/portal-api/access_requests/${id}`).set(c.auth).set('If-Match', '"4"').expect(200);
    });

    it('guards reject with If-Match as well', async () => {
      const app = await c.anApp();
      const id = await c.provision(app.ID, [(await c.aProduct('authToken')).ID]);
      await request(c.t.server).put(`/portal-api/access_requests/${id}/reject`).set(c.auth).set('If-Match', '"5"').expect(412);
      const res = await request(c.t.server).put(`/portal-api/access_requests/${id}/reject`).set(c.auth).set('If-Match', '"1"').expect(200);
      expect(res.headers.etag).to.equal('"2"');
    });
  });

  describe('ETags of resources that never change once created', () => {
    it('answers a strong ETag on a product and a catalog entry, stable across reads', async () => {
      const product = await c.aProduct('authToken');
      const a = await request(c.t.server).get(`/portal-api/products/${product.ID}`).set(c.auth).expect(200);
      const b = await request(c.t.server).get(`/portal-api/products/${product.ID}`).set(c.auth).expect(200);
      expect(a.headers.etag).to.match(/^"[A-Za-z0-9_-]{27}"$/).and.equal(b.headers.etag);
      const entry = await request(t.server).get('/api/v1/app-integrations/GoogleSignIn000001').set(headers).expect(200);
      expect(entry.headers.etag).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const other = await request(t.server).get('/api/v1/app-integrations/GitHubSignIn000001').set(headers).expect(200);
      expect(other.headers.etag).not.to.equal(entry.headers.etag);
    });
  });

  describe('paging on every list', () => {
    it('pages an app\'s access requests with X-Total-Count and refuses bad paging with 422', async () => {
      const app = await c.anApp();
      const product = (await c.aProduct('authToken')).ID;
      const ids = [await c.provision(app.ID, [product]), await c.provision(app.ID, [product]), await c.provision(app.ID, [product])];
      const page = await request(c.t.server).get(`/portal-api/apps/${app.ID}/access-requests?page=2&per_page=2`).set(c.auth).expect(200);
      expect(page.headers['x-total-count']).to.equal('3');
      expect(page.body.map((r: { ID: number }) => r.ID)).to.deep.equal([ids[2]]);
      for (const query of ['per_page=abc', 'per_page=0', 'per_page=101', 'page=0', 'page=-1', 'page=1.5']) {
        const res = await request(c.t.server).get(`/portal-api/apps/${app.ID}/access-requests?${query}`).set(c.auth);
        expect(res.status, query).to.equal(422);
        expect(res.body.errors).to.have.length(1);
      }
    });

    it('pages an access request\'s credentials and refuses bad paging with 422', async () => {
      const app = await c.anApp();
      const id = await c.provision(app.ID, [(await c.aProduct('authToken')).ID]);
      await request(c.t.server).put(`/portal-api/access_requests/${id}/approve`).set(c.auth).expect(200);
      const path = `/portal-api/apps/${app.ID}/access-requests/${id}/credentials`;
      const res = await request(c.t.server).get(`${path}?page=1&per_page=1`).set(c.auth).expect(200);
      expect(res.headers['x-total-count']).to.equal('1');
      expect((await request(c.t.server).get(`${path}?page=2`).set(c.auth).expect(200)).body).to.deep.equal([]);
      await request(c.t.server).get(`${path}?per_page=abc`).set(c.auth).expect(422);
    });

    it('refuses bad paging on every other list of both surfaces', async () => {
      for (const path of ['/portal-api/apps', '/portal-api/users', '/portal-api/products', '/portal-api/access_requests']) {
        expect((await request(c.t.server).get(`${path}?per_page=abc`).set(c.auth)).status, path).to.equal(422);
        expect((await request(c.t.server).get(`${path}?page=x`).set(c.auth)).status, path).to.equal(422);
      }
      for (const path of [PATH, '/api/v1/app-integrations']) {
        expect((await request(t.server).get(`${path}?pageSize=abc`).set(headers)).status, path).to.equal(400);
        expect((await request(t.server).get(`${path}?pageNumber=-1`).set(headers)).status, path).to.equal(400);
      }
    });

    it('states the rule with its bounds whatever is wrong with a page parameter, a large integer included', async () => {
      for (const value of ['0', '-1', '1.5', 'x', '1001', '1000000000', '2147483647', '9007199254740991']) {
        const res = await request(c.t.server).get(`/portal-api/apps?page=${value}`).set(c.auth);
        expect(res.status, value).to.equal(422);
        expect(res.body.errors, value).to.deep.equal(['page: must be an integer from 1 with (page - 1) × per_page below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. resource_type/resource_id on the audit)']);
      }
      for (const path of [PATH, '/api/v1/app-integrations', '/api/v1/audit', `${PATH}/Id0000000000000001/history`]) {
        for (const value of ['-1', '0.5', 'x', '200', '1000001', '2147483647', '9007199254740991']) {
          const res = await request(t.server).get(`${path}?pageNumber=${value}`).set(headers);
          expect(res.status, `${path} ${value}`).to.equal(400);
          expect(res.body.errors, `${path} ${value}`).to.deep.equal([{ code: 'ValidationFailed', field: 'pageNumber', message: 'must be an integer from 0 with pageNumber × pageSize below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. from/to on the audit)' }]);
        }
        for (const value of ['0', '201', '9007199254740991']) {
          const res = await request(t.server).get(`${path}?pageSize=${value}`).set(headers);
          expect(res.body.errors, `${path} ${value}`).to.deep.equal([{ code: 'ValidationFailed', field: 'pageSize', message: 'must be an integer from 1 to 200' }]);
        }
      }
    });
  });
});
