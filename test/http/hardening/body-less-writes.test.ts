import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey } from '../../support/test-app';
import { PortalClient, portalClient } from '../portal/portal-http.support';

/** Bodies a route that documents none must refuse, as JSON text, with the field its refusal names. */
const STRAY_BODIES: readonly [string, string][] = [
  ['{"foo":1}', 'foo'], ['"x"', 'body'], ['[]', 'body'], ['1', 'body'], ['null', 'body'], ['{"Products":[1],"force":true}', 'Products'],
];

/**
 * Approve, reject, rotate, webhook retry and every DELETE document no body:
 * they take none or `{}`, and refuse anything else, in the surface's own
 * error shape, before they change anything (route-table: validateNoBody).
 */
describe('write routes that take no body (real PostgreSQL)', () => {
  let c: PortalClient;
  before(async () => (c = await portalClient()));
  const portal = (method: 'put' | 'post' | 'delete', path: string) => request(c.t.server)[method](`/portal-api${path}`).set(c.auth);
  const send = (method: 'put' | 'post' | 'delete', path: string, json: string) => portal(method, path).set('Content-Type', 'application/json').send(json);
  const get = async (path: string) => (await request(c.t.server).get(`/portal-api${path}`).set(c.auth).expect(200)).body;

  async function pendingRequest(): Promise<{ appId: number; requestId: number }> {
    const app = await c.anApp();
    const product = await c.aProduct('authToken');
    return { appId: app.ID, requestId: await c.provision(app.ID, [product.ID]) };
  }

  it('rotates nothing for a body other than none or {}: 422 StatusWithErrors naming the field', async () => {
    const { appId, requestId } = await pendingRequest();
    await send('put', `/access_requests/${requestId}/approve`, '{}').expect(200);
    const [credential] = await get(`/apps/${appId}/access-requests/${requestId}/credentials`);
    const rotate = `/apps/${appId}/access-requests/${requestId}/credentials/${credential.ID}/rotate`;
    for (const [json, field] of STRAY_BODIES) {
      const res = await send('put', rotate, json).expect(422);
      expect(res.body.status, json).to.equal('error');
      expect(res.body.errors, json).to.be.an('array').with.lengthOf(field === 'Products' ? 2 : 1);
      expect(res.body.errors[0], json).to.match(new RegExp(`^${field}: `));
    }
    expect((await get(`/apps/${appId}/access-requests/${requestId}/credentials`))[0].Credential).to.equal(credential.Credential);
    await portal('put', rotate).expect(200);
    const rotated = (await get(`/apps/${appId}/access-requests/${requestId}/credentials`))[0].Credential;
    expect(rotated).to.not.equal(credential.Credential);
    await send('put', rotate, '{}').expect(200);
    expect((await get(`/apps/${appId}/access-requests/${requestId}/credentials`))[0].Credential).to.not.equal(rotated);
  });

  for (const decision of ['approve', 'reject'] as const) {
    it(`${decision}s nothing for a body other than none or {}: 422 in the route's own shape ({ status, message })`, async () => {
      const { requestId } = await pendingRequest();
      for (const [json, field] of STRAY_BODIES) {
        const res = await send('put', `/access_requests/${requestId}/${decision}`, json).expect(422);
        expect(res.body, json).to.have.keys('status', 'message');
        expect(res.body.message, json).to.match(new RegExp(`^${field}: `));
      }
      expect((await get(`/access_requests/${requestId}`)).Status).to.equal('pending');
      await portal('put', `/access_requests/${requestId}/${decision}`).expect(200);
      expect((await get(`/access_requests/${requestId}`)).Status).to.equal(decision === 'approve' ? 'approved' : 'rejected');
    });
  }

  it('refuses a body on a portal webhook retry before looking for the delivery (422, not 404), and on DELETE, deleting nothing', async () => {
    const res = await send('post', '/webhooks/1/deliveries/1/retry', '{"now":true}').expect(422);
    expect(res.body).to.deep.equal({ errors: ['now: is not a known field'] });
    const app = await c.anApp();
    for (const [json] of STRAY_BODIES) await send('delete', `/apps/${app.ID}`, json).expect(422);
    await get(`/apps/${app.ID}`);
    await send('delete', `/apps/${app.ID}`, '{}').expect(200, { status: 'ok' });
  });

  it('refuses a body on JFramework retry and DELETE with 400 ValidationFailed naming the field, deleting nothing', async () => {
    const brand = await aBrandWithKey(c.t.container);
    const jfw = (method: 'post' | 'delete', path: string, json: string) =>
      request(c.t.server)[method](`/api/v1${path}`).set(brand.headers).set('Content-Type', 'application/json').send(json);
    const retry = await jfw('post', '/webhooks/AAAAAAAAAAAAAAAAAA/deliveries/1/retry', '{"now":true}').expect(400);
    expect(retry.body.errors).to.deep.equal([{ code: 'ValidationFailed', field: 'now', message: 'is not a known field' }]);
    const created = await request(c.t.server).post('/api/v1/app-integrations/authentication').set(brand.headers).send(anIntegrationAuthenticationBody()).expect(201);
    const path = `/app-integrations/authentication/${created.body.data.id}`;
    for (const [json, field] of STRAY_BODIES) {
      const res = await jfw('delete', path, json).expect(400);
      expect(res.body.errors[0], json).to.include({ code: 'ValidationFailed', field });
    }
    await request(c.t.server).get(`/api/v1${path}`).set(brand.headers).expect(200);
    await request(c.t.server).delete(`/api/v1${path}`).set(brand.headers).expect(200);
  });
});
