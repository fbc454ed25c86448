import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../support/test-app';
import { testDatabase } from '../support/test-database';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { hostileBody } from '../support/hostile-arbitraries';

const PATH = '/api/v1/app-integrations/authentication';
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 10_000);

const TEXT_FIELDS = ['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'clientSecret', 'redirectURI', 'scope', 'tags', 'description', 'authEndpoint'];

/** Bodies that are wrong in every way a client can be wrong: types, fields, sizes, nesting, control characters, prototype keys. */
const badBody = fc.oneof(
  hostileBody(TEXT_FIELDS),
  fc.tuple(fc.constant(anIntegrationAuthenticationBody()), hostileBody(TEXT_FIELDS)).map(([valid, hostile]) => ({ ...valid, ...(hostile as object) })),
  fc.anything(),
  fc.record({
    appIntegrationId: fc.oneof(fc.string(), fc.string({ minLength: 19, maxLength: 40 }), fc.integer(), fc.constant(null)),
    code: fc.oneof(fc.string({ maxLength: 3000 }), fc.constant('')),
    redirectURI: fc.oneof(fc.webUrl(), fc.string(), fc.constant('https://x.example.com/#f')),
    status: fc.oneof(fc.string(), fc.integer({ min: -2, max: 3 })),
    isDefault: fc.oneof(fc.boolean(), fc.string()),
    authEndpoint: fc.oneof(fc.string(), fc.constant(null), fc.webUrl()),
  }, { requiredKeys: [] }),
  fc.dictionary(fc.string(), fc.jsonValue()),
);

describe('reliability: generated bad input', function () {
  this.timeout(600_000);
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let snapshot: unknown;

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
    snapshot = await testDatabase().dataSource.query('SELECT * FROM integration_authentications ORDER BY id');
  });

  it(`${RUNS} generated bad bodies and headers on POST and PUT: never a 5xx, nothing written`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(badBody, fc.constantFrom('POST', 'PUT'), fc.constantFrom('json', 'text', 'raw'), async (body, method, kind) => {
        const path = method === 'POST' ? PATH : `${PATH}/${id}`;
        let req = request(t.server)[method === 'POST' ? 'post' : 'put'](path).set(headers);
        if (kind === 'text') req = req.set('Content-Type', 'text/plain').send(String(JSON.stringify(body)));
        else if (kind === 'raw') req = req.set('Content-Type', 'application/json').send(String(JSON.stringify(body)).slice(0, -1) || '{');
        else req = req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
        const res = await req;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // A generated body may by chance be valid; then it is a legitimate create/replace, not a failure.
        return res.status < 500;
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
    console.log(`      statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(500) ?? 0).to.equal(0);
    if (!statuses.has(200) && !statuses.has(201)) {
      expect(await testDatabase().dataSource.query('SELECT * FROM integration_authentications ORDER BY id')).to.deep.equal(snapshot);
    }
  });
});
