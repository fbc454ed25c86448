import { NO_RATE_LIMITS, RateLimits } from '../../src/adapters/http/shared/rate-limits';
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { expect } from 'chai';
import request from 'supertest';
import { jfwRouter } from '../../src/adapters/http/jfw/jfw.router';
import { portalRouter } from '../../src/adapters/http/portal/portal.surface';
import { portalClient } from '../http/portal/portal-http.support';
import { anIntegrationAuthenticationBody, GITHUB_ID, GOOGLE_ID } from '../support/integration-authentication.mother';
import { rememberSecret } from '../support/suite-secrets';
import { aBrandWithKey } from '../support/test-app';

/** Stands in for every use case: the routers are built only to read their route table. */
const anything: any = new Proxy(() => anything, { get: () => anything });

/** Every (method, path template) a router answers, HEAD aside (Koa answers it as GET). */
function routesOf(router: Router): { method: string; path: string }[] {
  return router.stack
    .filter((layer) => layer.methods.length > 0)
    .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(layer.path) })));
}

function fill(path: string, ids: Record<string, string | number>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (ids[name] === undefined) throw new Error(`no id for :${name} in ${path}`);
    return String(ids[name]);
  });
}

describe('reliability: authentication matrix over every route of both surfaces', function () {
  this.timeout(120_000);

  it('answers every JFramework route 400/401 without valid credentials and 404 or nothing of the victim with another brand’s key', async () => {
    const c = await portalClient();
    const server = c.t.server;
    const victim = await aBrandWithKey(c.t.container);
    const attacker = await aBrandWithKey(c.t.container);
    const victimSecret = `victim-secret-${randomBytes(8).toString('hex')}`;
    rememberSecret(victimSecret);
    const created = await request(server).post('/api/v1/app-integrations/authentication').set(victim.headers)
      .send(anIntegrationAuthenticationBody({ clientSecret: victimSecret, isDefault: true })).expect(201);
    const victimId: string = created.body.data.id;
    const routes = routesOf(jfwRouter(anything, new RateLimits(NO_RATE_LIMITS)));
    // :id is the victim's configuration on every route that takes one (a webhook route answers 404 for it as for any
    // id the caller does not own); a delivery id that exists nowhere.
    const ids = { id: victimId, appIntegrationId: GOOGLE_ID, deliveryId: '1' };
    const bodies: Record<string, object> = {
      test: { clientId: 'client', redirectURI: 'https://app.example.com/callback', scope: 'openid', state: 'xyz' },
      // Another integration than the victim's: the attacker's own POST must not give it a Google default to test.
      write: anIntegrationAuthenticationBody({ appIntegrationId: GITHUB_ID }),
      // A valid subscription body, so a webhook route reaches its lookup (a bad body is a 400 before any lookup).
      webhook: { url: 'https://hooks.example.com/in', eventTypes: ['integration-authentication.updated'] },
    };
    // A route that documents no body (a delivery's retry) takes none: any body is a 400 there before the lookup.
    const bodyFor = (path: string) =>
      path.endsWith('/retry') ? undefined : path.endsWith('/test') ? bodies.test : path.includes('/webhooks') ? bodies.webhook : bodies.write;
    const cases: Record<string, Record<string, string>> = {
      'no headers': {},
      'no Auth-Key': { 'Brand-URL': victim.url },
      'bad Auth-Key': { 'Brand-URL': victim.url, 'Auth-Key': `ihk_${randomBytes(32).toString('base64url')}` },
      'other brand’s key': { 'Brand-URL': victim.url, 'Auth-Key': attacker.headers['Auth-Key'] },
      'other brand’s credentials on the victim’s ids': attacker.headers,
    };
    const tally: Record<string, Record<number, number>> = {};
    for (const route of routes) {
      for (const [name, headers] of Object.entries(cases)) {
        const path = fill(route.path, ids);
        const res = await request(server)[route.method.toLowerCase() as 'get'](path).set(headers)
          .send(route.method === 'GET' || route.method === 'DELETE' ? undefined : bodyFor(route.path));
        (tally[name] ??= {})[res.status] = (tally[name][res.status] ?? 0) + 1;
        const where = `${route.method} ${route.path} with ${name}: ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.text, where).not.to.include(victimSecret);
        expect(res.text, where).not.to.include(victimId);
        if (name === 'no headers') {
          expect(res.status, where).to.equal(400);
          expect(res.body.errors, where).to.deep.equal([{ code: 'ValidationFailed', message: 'the Brand-URL header is required', field: 'Brand-URL' }]);
        } else if (name !== 'other brand’s credentials on the victim’s ids') {
          expect(res.status, where).to.equal(401);
          expect(res.body.errors[0].code, where).to.equal('Unauthorized');
        } else if (route.path.includes(':id')) {
          expect(res.status, where).to.equal(404);
        } else if (route.path.endsWith('/authentication/test')) {
          // The test URL is built from the caller's own default: the attacker has none.
          expect(res.status, where).to.equal(404);
        }
        if (res.status >= 400) expect(res.body.data, where).to.equal(null);
        // Whatever the attacker is answered, the victim's row is nowhere in it, even by id.
        if (name === 'other brand’s credentials on the victim’s ids' && res.status < 400) expect(JSON.stringify(res.body.data)).not.to.include(victimId);
      }
    }
    console.log(`      JFramework: ${routes.length} routes × ${Object.keys(cases).length} cases; statuses ${JSON.stringify(tally)}`);
    // The victim's configuration survived every attempt unchanged.
    const after = await request(server).get(`/api/v1/app-integrations/authentication/${victimId}`).set(victim.headers).expect(200);
    expect(after.body.data.clientSecret).to.equal(victimSecret);
    expect(after.headers.etag).to.equal(created.headers.etag);
  });

  it('answers every portal route 401 { status, errors: ["Unauthorized"] } without a valid admin token, touching nothing', async () => {
    const c = await portalClient();
    const server = c.t.server;
    const victim = await aBrandWithKey(c.t.container);
    const app = await c.anApp();
    const product = await c.aProduct('oauth2');
    const requestId = await c.provision(app.ID, [product.ID]);
    await request(server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth).expect(200);
    const [credential] = (await request(server).get(`/portal-api/apps/${app.ID}/access-requests/${requestId}/credentials`).set(c.auth).expect(200)).body;
    // The client id is not a secret (credential events carry it), so only the secret joins the suite-wide scan;
    // a 401 must still show neither.
    rememberSecret(credential.OAuthClientSecret);
    const ids = { user_id: app.UserID, app_id: app.ID, product_id: product.ID, access_request_id: requestId, credential_id: credential.ID, webhook_id: 1, delivery_id: 1 };
    const routes = routesOf(portalRouter(anything));
    const cases: Record<string, Record<string, string>> = {
      'no token': {},
      'bad token': { Authorization: randomBytes(32).toString('base64url') },
      'Bearer + the valid token': { Authorization: `Bearer ${c.token}` },
      'a brand’s Auth-Key': { Authorization: victim.headers['Auth-Key'] },
      'valid token with a trailing character': { Authorization: `${c.token}x` },
    };
    const before = (await request(server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200)).text;
    let answered = 0;
    for (const route of routes) {
      for (const [name, headers] of Object.entries(cases)) {
        const res = await request(server)[route.method.toLowerCase() as 'get'](fill(route.path, ids)).set(headers).send(route.method === 'GET' || route.method === 'DELETE' ? undefined : { Name: 'x' });
        const where = `${route.method} ${route.path} with ${name}: ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, where).to.equal(401);
        expect(res.body, where).to.deep.equal({ status: 'error', errors: ['Unauthorized'] });
        expect(res.text, where).not.to.include(credential.OAuthClientSecret);
        expect(res.text, where).not.to.include(credential.OAuthClientID);
        answered += 1;
      }
    }
    console.log(`      portal: ${routes.length} routes × ${Object.keys(cases).length} cases: ${answered}× 401, nothing else`);
    expect((await request(server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200)).text).to.equal(before);
  });
});
