import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { portalClient, PortalClient } from '../http/portal/portal-http.support';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { hostileBody, wideText } from '../support/hostile-arbitraries';
import { aBrandWithKey } from '../support/test-app';
import { testDatabase } from '../support/test-database';

const RUNS = Number(process.env.RELIABILITY_PORTAL_RUNS ?? 5_000);
const SCOPE_RUNS = Number(process.env.RELIABILITY_SCOPE_RUNS ?? 150);
const TABLES = ['portal_users', 'portal_apps', 'api_products', 'access_requests', 'portal_credentials', 'integration_authentications'];

/** One digest per table of every row's full text: any change anywhere shows. */
async function fingerprint(): Promise<Record<string, string>> {
  const [row] = await testDatabase().dataSource.query(
    `SELECT ${TABLES.map((t) => `(SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x.id)), '') FROM ${t} x) AS ${t}`).join(', ')}`,
  );
  return row;
}

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 4090, maxLength: 4200 }), fc.constant(''), fc.constant('   '));
const id = fc.oneof(fc.integer(), fc.integer({ min: 2_147_483_640, max: 2_147_483_660 }), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null));
const wrong = fc.oneof(fc.anything(), text, id);

const PORTAL_TEXT = ['Name', 'Description', 'RedirectURLs', 'Visibility', 'Email', 'First', 'Last', 'Role', 'AuthType', 'Scopes', 'Plan', 'Catalogue'];

/** Portal bodies wrong in type, range, enumeration, size or nesting, in Tyk's field names; and hostile ones. */
const badPortalBody = fc.oneof(
  hostileBody(PORTAL_TEXT),
  fc.anything(),
  fc.record({
    Name: wrong, Description: wrong, RedirectURLs: fc.oneof(wrong, fc.constant('https://a.example.com/#frag'), fc.constant('https://a.example.com,https://a.example.com'), fc.constant('not a url, ')),
    UserID: id, Visibility: fc.oneof(wrong, fc.constantFrom('public', 'Team', 'personal ')),
    Email: fc.oneof(wrong, fc.constant('no-at-sign')), First: wrong, Last: wrong, Role: fc.oneof(wrong, fc.constant('admin')),
    OrganisationID: id, Active: fc.oneof(fc.boolean(), fc.string(), fc.integer()),
    AuthType: fc.oneof(wrong, fc.constant('jwt')), Scopes: wrong,
    Products: fc.oneof(fc.array(id, { maxLength: 4 }), fc.constant([]), wrong, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 101, maxLength: 110 })),
    Plan: wrong, Catalogue: wrong,
  }, { requiredKeys: [] }),
  fc.dictionary(fc.string(), fc.jsonValue()),
);

/** Merge patches for JFramework: nulls on required fields, wrong types, bad URLs, unknown fields; and hostile ones. */
const badPatch = fc.oneof(
  hostileBody(['name', 'code', 'scope', 'clientSecret', 'redirectURI', 'tags', 'description']),
  fc.anything(),
  fc.record({
    appIntegrationId: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
    code: fc.oneof(fc.constant(null), fc.constant(''), fc.string({ minLength: 2049, maxLength: 2100 })),
    clientSecret: fc.oneof(fc.constant(null), fc.constant('  '), fc.integer()),
    redirectURI: fc.oneof(fc.constant('http://example.com/cb'), fc.constant('https://x.example.com/#f'), fc.string(), fc.constant(null)),
    status: fc.oneof(fc.string(), fc.integer({ min: -2, max: 3 }).filter((n) => n !== 0 && n !== 1), fc.constant(null)),
    isDefault: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
    tokenEndpoint: fc.oneof(fc.string(), fc.constant('ftp://x.example.com')),
    unknownField: fc.jsonValue(),
  }, { requiredKeys: [] }).filter((o) => Object.keys(o).length > 0),
  fc.dictionary(fc.string(), fc.jsonValue()),
);

describe('reliability: generated bad input on the portal write routes and JFramework PATCH', function () {
  this.timeout(600_000);
  let c: PortalClient;
  let routes: { method: 'post' | 'put' | 'patch'; path: string; headers: Record<string, string>; body: fc.Arbitrary<unknown> }[];

  before(async () => {
    c = await portalClient();
    const app = await c.anApp();
    const { headers } = await aBrandWithKey(c.t.container);
    const id = (await request(c.t.server).post('/api/v1/app-integrations/authentication').set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
    routes = [
      { method: 'post', path: '/portal-api/users', headers: c.auth, body: badPortalBody },
      { method: 'put', path: `/portal-api/users/${app.UserID}`, headers: c.auth, body: badPortalBody },
      { method: 'post', path: '/portal-api/apps', headers: c.auth, body: badPortalBody },
      { method: 'put', path: `/portal-api/apps/${app.ID}`, headers: c.auth, body: badPortalBody },
      { method: 'post', path: '/portal-api/products', headers: c.auth, body: badPortalBody },
      { method: 'put', path: `/portal-api/apps/${app.ID}/provision`, headers: c.auth, body: badPortalBody },
      { method: 'patch', path: `/api/v1/app-integrations/authentication/${id}`, headers, body: badPatch },
    ];
  });

  it(`${RUNS} generated bad bodies and content types: never a 5xx, and a refused write changes no row of any table`, async () => {
    const statuses: Record<string, Record<number, number>> = {};
    let last = await fingerprint();
    const changedOnRefusal: string[] = [];
    const arbitrary = fc.integer({ min: 0, max: routes.length - 1 }).chain((i) =>
      fc.tuple(fc.constant(i), routes[i].body, fc.constantFrom('json', 'merge-patch', 'text', 'raw')));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([i, body, kind]) => {
        const route = routes[i];
        let req = request(c.t.server)[route.method](route.path).set(route.headers);
        const json = JSON.stringify(body) ?? 'null';
        if (kind === 'text') req = req.set('Content-Type', 'text/plain').send(json);
        else if (kind === 'raw') req = req.set('Content-Type', 'application/json').send(json.slice(0, -1) || '{');
        else req = req.set('Content-Type', kind === 'merge-patch' ? 'application/merge-patch+json' : 'application/json').send(json);
        const res = await req;
        const key = `${route.method.toUpperCase()} ${route.path.replace(/\/\d+|\/[A-Za-z0-9]{18}/g, '/{id}')}`;
        (statuses[key] ??= {})[res.status] = (statuses[key][res.status] ?? 0) + 1;
        const now = await fingerprint();
        // A generated body may by chance be valid: a 2xx is a legitimate write. Anything else must leave every table as it was.
        if (res.status >= 300 && JSON.stringify(now) !== JSON.stringify(last)) changedOnRefusal.push(`${key} ${res.status} ${json.slice(0, 200)}`);
        last = now;
        return res.status < 500;
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    const total = (s: number) => Object.values(statuses).reduce((n, byStatus) => n + (byStatus[s] ?? 0), 0);
    console.log(`      statuses by route: ${JSON.stringify(statuses)}`);
    console.log(`      ${RUNS} requests: ${total(200) + total(201)}× 2xx (valid by chance), ${RUNS - total(200) - total(201)} refused, 5xx: ${Object.values(statuses).reduce((n, b) => n + Object.entries(b).filter(([s]) => Number(s) >= 500).reduce((m, [, v]) => m + v, 0), 0)}, refused but changed: ${changedOnRefusal.length}`);
    expect(changedOnRefusal).to.deep.equal([]);
  });

  it(`${SCOPE_RUNS} generated sets of products provisioned and approved: never a 5xx, whatever their scopes add up to`, async () => {
    const words = fc.array(fc.stringMatching(/^[a-z:.]{1,30}$/), { minLength: 1, maxLength: 200 }).map((w) => w.join(' ').slice(0, 2048));
    const product = fc.oneof(words, wideText, fc.string({ maxLength: 2048 }));
    const statuses: Record<string, number> = {};
    const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);
    const app = await c.anApp();
    await fc.assert(
      fc.asyncProperty(fc.array(product, { minLength: 1, maxLength: 4 }), fc.constantFrom('oauth2', 'authToken'), async (scopes, authType) => {
        const ids: number[] = [];
        for (const [n, Scopes] of scopes.entries()) {
          const res = await request(c.t.server).post('/portal-api/products').set(c.auth).send({ Name: `Scoped ${Date.now()}-${n}-${Math.random()}`, AuthType: authType, Scopes });
          count(`POST /products ${res.status}`);
          if (res.status >= 500) return false;
          if (res.status === 201) ids.push(res.body.ID);
        }
        if (ids.length === 0) return true;
        const provision = await request(c.t.server).put(`/portal-api/apps/${app.ID}/provision`).set(c.auth).send({ Products: ids });
        count(`PUT provision ${provision.status}`);
        if (provision.status !== 200) return provision.status < 500;
        const requestId = Number(/(\d+)/.exec(provision.body.message)![1]);
        const approve = await request(c.t.server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth);
        count(`PUT approve ${approve.status}`);
        return approve.status < 500;
      }),
      { numRuns: SCOPE_RUNS, seed: 20261130 },
    );
    console.log(`      ${JSON.stringify(statuses)}`);
  });
});
