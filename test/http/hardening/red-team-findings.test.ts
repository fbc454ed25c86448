import { expect } from 'chai';
import request from 'supertest';
import { ACCESS_REQUEST_REPOSITORY, AccessRequestRepository } from '../../../src/application/ports/access-request.repository';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { portalClient, PortalClient, row } from '../portal/portal-http.support';
import { TEST_CHANGE } from '../../support/change';

const PATH = '/api/v1/app-integrations/authentication';

/** `n` CJK characters picked at random: 3 UTF-8 bytes each, and nothing PostgreSQL's compression could shrink to fit an index. */
function cjk(n: number, seed = 7): string {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (x % 0x5000));
  }).join('');
}

/** Scopes of `n` distinct words of 10 characters (11 with their space). */
const scopes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(9, '0')}`).join(' ');

describe('red-team findings: no input answered 5xx', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let c: PortalClient;

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
    c = await portalClient();
  });

  describe('an indexed text field bounded by bytes (code: B-tree entries hold about 2,700 bytes)', () => {
    it('answers a code of 2,000 CJK characters (6,000 bytes) 400 naming code on POST, PUT and PATCH', async () => {
      const code = cjk(2000);
      const expected = [{ code: 'ValidationFailed', field: 'code', message: 'must be at most 2048 bytes in UTF-8' }];
      expect((await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ code })).expect(400)).body.errors).to.deep.equal(expected);
      expect((await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ code })).expect(400)).body.errors).to.deep.equal(expected);
      const patch = await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ code }));
      expect(patch.status).to.equal(400);
      expect(patch.body.errors).to.deep.equal(expected);
    });

    it('still stores a code of 2,048 ASCII characters, and one of 682 CJK characters (2,046 bytes)', async () => {
      for (const code of ['C'.repeat(2048), cjk(682, 11)]) {
        const res = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ code })).expect(201);
        expect(res.body.data.code).to.equal(code);
      }
    });
  });

  describe('an appIntegrationId longer than any id (its column holds 18 characters)', () => {
    it('answers 404 AppIntegrationNotFound like any unknown id, on POST, PUT and PATCH', async () => {
      const expected = [{ code: 'AppIntegrationNotFound', message: 'The app integration does not exist' }];
      for (const appIntegrationId of ['GoogleSignIn0000011', 'a'.repeat(2000), cjk(100), 'nope']) {
        const body = anIntegrationAuthenticationBody({ appIntegrationId });
        expect((await request(t.server).post(PATH).set(headers).send(body).expect(404)).body.errors, appIntegrationId.slice(0, 20)).to.deep.equal(expected);
        expect((await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(404)).body.errors).to.deep.equal(expected);
        await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ appIntegrationId })).expect(404);
      }
    });
  });

  describe('combined scopes of an access request (a credential holds 2,048 characters)', () => {
    it('refuses at provision, 422 naming Products, oauth2 products whose scopes together pass 2,048 characters', async () => {
      const app = await c.anApp();
      const a = await c.aProduct('oauth2', scopes('a', 150)); // 1,649 characters
      const b = await c.aProduct('oauth2', scopes('b', 150));
      const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}/provision`).set(c.auth).send({ Products: [a.ID, b.ID] }).expect(422);
      expect(res.body).to.deep.equal({ status: 'error', errors: ["Products: the products' Scopes together must be at most 2048 characters"] });
      // Shared scopes count once: the same product twice fits.
      await c.provision(app.ID, [a.ID, a.ID]);
    });

    it('answers the approval of such a request (stored before this rule) 422, not 500, and issues nothing', async () => {
      const app = await c.anApp();
      const a = await c.aProduct('oauth2', scopes('c', 150));
      const b = await c.aProduct('oauth2', scopes('d', 150));
      const stored = await c.t.container.get<AccessRequestRepository>(ACCESS_REQUEST_REPOSITORY).create({
        appId: app.ID, userId: app.UserID, catalogue: '', plan: '', client: app.Name, status: 'pending', authType: 'oauth2',
        productIds: [a.ID, b.ID], productNames: [a.Name, b.Name], dcrEnabled: false, provisionImmediately: false, version: 1,
        createdAt: new Date(), updatedAt: new Date(), deletedAt: null,
      }, TEST_CHANGE);
      const res = await request(c.t.server).put(`/portal-api/access_requests/${stored.id}/approve`).set(c.auth).expect(422);
      expect(res.body).to.deep.equal({ status: 'error', message: "Products: the products' Scopes together must be at most 2048 characters" });
      expect((await row('access_requests', stored.id))!.status).to.equal('pending');
    });

    it('approves authToken products whatever their scopes (their credential carries none)', async () => {
      const app = await c.anApp();
      const a = await c.aProduct('authToken', scopes('e', 150));
      const b = await c.aProduct('authToken', scopes('f', 150));
      const requestId = await c.provision(app.ID, [a.ID, b.ID]);
      await request(c.t.server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth).expect(200);
    });
  });

  describe('URLs that parsers read differently (redirect and endpoint URLs, both surfaces)', () => {
    const tricks = ['https://evil.example.com\\@app.example.com/cb', 'https:@evil.example.com/cb', 'https://evil%2Eexample.com/cb'];

    it('refuses them as redirectURI, authEndpoint and tokenEndpoint (400 naming the field)', async () => {
      for (const url of tricks) {
        for (const field of ['redirectURI', 'authEndpoint', 'tokenEndpoint']) {
          const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ [field]: url })).expect(400);
          expect(res.body.errors.map((e: { field: string }) => e.field), `${field} ${url}`).to.deep.equal([field]);
        }
      }
    });

    it('refuses them in portal RedirectURLs (422 naming the item)', async () => {
      const app = await c.anApp();
      for (const url of tricks) {
        const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ RedirectURLs: `https://ok.example.com/cb,${url}` }).expect(422);
        expect(res.body.errors).to.have.length(1);
        expect(res.body.errors[0]).to.match(/^RedirectURLs: .* must (not contain a backslash|be written as scheme:\/\/host|name its host plainly)/);
      }
    });
  });

  describe('lone surrogates (not well-formed UTF-16) in any text field', () => {
    it('answers a lone surrogate in clientSecret 400 naming it, on POST, PUT and PATCH (never stored as U+FFFD)', async () => {
      const expected = [{ code: 'ValidationFailed', field: 'clientSecret', message: 'must be well-formed Unicode (no lone surrogate)' }];
      for (const secret of ['abc\ud800', '\udc00xyz', 'a\ud83d\ud83db']) {
        const body = JSON.stringify(anIntegrationAuthenticationBody({ clientSecret: secret }));
        expect((await request(t.server).post(PATH).set(headers).set('Content-Type', 'application/json').send(body).expect(400)).body.errors).to.deep.equal(expected);
        expect((await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(body).expect(400)).body.errors).to.deep.equal(expected);
      }
      const patch = await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/merge-patch+json').send('{"clientSecret":"x\\ud800"}').expect(400);
      expect(patch.body.errors).to.deep.equal(expected);
      // A pair is text: an emoji secret is stored and answered as sent.
      const ok = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ clientSecret: 'secret-😀' })).expect(200);
      expect(ok.body.data.clientSecret).to.equal('secret-😀');
    });

    it('answers a lone surrogate in a portal field 422 naming the Tyk field', async () => {
      const app = await c.anApp();
      const res = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('Content-Type', 'application/json').send('{"Name":"x\\udfff"}').expect(422);
      expect(res.body.errors).to.deep.equal(['Name: must be well-formed Unicode (no lone surrogate)']);
    });
  });

  describe('the body budget of values in all', () => {
    it('refuses a body of more than 10,000 members and items, each array and object within its own limits (400 / 422)', async () => {
      const body = JSON.stringify({ tags: Array.from({ length: 11 }, () => Array(1000).fill(1)) });
      const jfw = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(body).expect(400);
      expect(jfw.body.errors).to.deep.equal([{ code: 'ValidationFailed', field: 'body', message: 'must not have more than 10000 members and items in all' }]);
      const app = await c.anApp();
      const portal = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).set('Content-Type', 'application/json').send(body).expect(422);
      expect(portal.body.errors).to.deep.equal(['body: must not have more than 10000 members and items in all']);
    });

    it('answers a deep value where a string belongs as before: by its type, not its contents', async () => {
      const body = { ...anIntegrationAuthenticationBody(), name: Array.from({ length: 9 }, () => Array(1000).fill('x')), extra: { a: [1, 2] } };
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`)).to.have.members(['name: name must be a string', 'extra: is not a known field']);
    });
  });

  describe('portal path ids echoed in messages', () => {
    const get = (path: string) => request(c.t.server).get(`/portal-api${path}`).set(c.auth);

    it('echoes at most 20 characters of an id that names nothing, then "…", on every status and 422 shape', async () => {
      const nines = '9'.repeat(5000);
      expect((await get(`/apps/${nines}`).expect(404)).body).to.deep.equal({ status: 'error', errors: [`App ${'9'.repeat(20)}… not found`] });
      expect((await get(`/users/${'x'.repeat(3000)}`).expect(404)).body).to.deep.equal({ status: 'error', errors: [`User ${'x'.repeat(20)}… not found`] });
      const put = await request(c.t.server).put(`/portal-api/apps/${nines}`).set(c.auth).send({ Name: 'x' }).expect(422);
      expect(put.body).to.deep.equal({ errors: [`App ${'9'.repeat(20)}… not found`] });
      const app = await c.anApp();
      const rotate = await request(c.t.server).put(`/portal-api/apps/${app.ID}/access-requests/1/credentials/${nines}/rotate`).set(c.auth).expect(422);
      expect(rotate.body).to.deep.equal({ status: 'error', errors: [`Credential ${'9'.repeat(20)}… not found`] });
    });

    it('cuts between characters, not inside one (an emoji is one), and echoes a short id whole', async () => {
      const res = await get(`/apps/${encodeURIComponent('😀'.repeat(30))}`).expect(404);
      expect(res.body.errors).to.deep.equal([`App ${'😀'.repeat(20)}… not found`]);
      for (const id of ['abc', '99999999999', '-1', '9'.repeat(20)]) {
        expect((await get(`/apps/${id}`).expect(404)).body.errors, id).to.deep.equal([`App ${id} not found`]);
      }
    });
  });
});
