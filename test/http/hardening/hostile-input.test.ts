import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

const PATH = '/api/v1/app-integrations/authentication';

function nested(depth: number): string {
  return `${'['.repeat(depth - 1)}{"a":1}${']'.repeat(depth - 1)}`;
}

function manyKeys(n: number, prefix = 'k'): string {
  return JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 1])));
}

async function rowCount(table: string): Promise<number> {
  const [row] = await testDatabase().dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describe('hostile input: authentication first, header and body limits, text rules', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let c: PortalClient;
  let appId: number;

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
    c = await portalClient();
    appId = (await c.anApp()).ID;
  });

  describe('authentication before the body', () => {
    it('answers a wrong key with malformed JSON 401, not 400 (JFramework)', async () => {
      const res = await request(t.server).post(PATH).set({ ...headers, 'Auth-Key': 'wrong' }).set('Content-Type', 'application/json').send('{not json').expect(401);
      expect(res.body.errors[0].code).to.equal('Unauthorized');
    });

    it('answers a wrong token with malformed JSON or a foreign content type 401 (portal)', async () => {
      await request(c.t.server).post('/portal-api/apps').set('Authorization', 'wrong').set('Content-Type', 'application/json').send('{not json').expect(401);
      const res = await request(c.t.server).put(`/portal-api/apps/${appId}`).set('Authorization', 'wrong').set('Content-Type', 'text/plain').send('x').expect(401);
      expect(res.body).to.deep.equal({ status: 'error', errors: ['Unauthorized'] });
    });

    it('closes the connection of an unauthenticated request whose body it did not read', async () => {
      const res = await request(t.server).post(PATH).set({ ...headers, 'Auth-Key': 'wrong' }).send(anIntegrationAuthenticationBody()).expect(401);
      expect(res.headers.connection).to.equal('close');
    });

    it('refuses a body at the chunk that breaks a limit and closes the connection instead of reading the rest', async () => {
      const refused = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(manyKeys(60_000, 'field')).expect(400);
      expect(refused.body.errors[0].field).to.equal('body');
      expect(refused.headers.connection).to.equal('close');
    });
  });

  describe('header limits', () => {
    it('answers a Brand-URL over 2,048 characters 400 ValidationFailed naming the header', async () => {
      const res = await request(t.server).get(PATH).set({ ...headers, 'Brand-URL': 'a'.repeat(2049) }).expect(400);
      expect(res.body.errors).to.deep.equal([{ code: 'ValidationFailed', field: 'Brand-URL', message: 'the Brand-URL header must be at most 2048 characters' }]);
    });

    it('answers a Brand-URL of 2,000 slashes (the old quadratic case) 401 like any unknown brand', async () => {
      await request(t.server).get(PATH).set({ ...headers, 'Brand-URL': `a${'/'.repeat(2000)}x` }).expect(401);
      await request(t.server).get(PATH).set({ ...headers, 'Brand-URL': '/'.repeat(2048) }).expect(401);
    });

    it('answers an Auth-Key or admin token over 512 characters 401 without a lookup', async () => {
      await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'k'.repeat(513) }).expect(401);
      await request(c.t.server).get('/portal-api/apps').set('Authorization', 't'.repeat(513)).expect(401);
    });

    it('answers an If-Match over 1,024 characters 412 and changes nothing', async () => {
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', `"1", ${'"2", '.repeat(300)}"3"`).send(anIntegrationAuthenticationBody({ name: 'never' })).expect(412);
      expect(res.body.errors[0].code).to.equal('PreconditionFailed');
      expect((await request(t.server).get(`${PATH}/${id}`).set(headers).expect(200)).body.data.name).not.to.equal('never');
    });
  });

  describe('body shape limits, before any object mapping', () => {
    const jfwWrites = () => [
      { method: 'post' as const, path: PATH },
      { method: 'put' as const, path: `${PATH}/${id}` },
      { method: 'patch' as const, path: `${PATH}/${id}` },
      { method: 'post' as const, path: '/api/v1/app-integrations/GoogleSignIn000001/authentication/test' },
    ];
    const cases = [
      { body: nested(33), message: 'must not nest deeper than 32 levels' },
      { body: nested(2000), message: 'must not nest deeper than 32 levels' },
      { body: manyKeys(257), message: 'must not have more than 256 keys in one object' },
      { body: JSON.stringify({ Products: Array(1001).fill(1) }), message: 'must not have more than 1000 items in one array' },
    ];

    it('answers every JFramework write route 400 ValidationFailed naming the limit', async () => {
      for (const route of jfwWrites()) {
        for (const { body, message } of cases) {
          const res = await request(t.server)[route.method](route.path).set(headers).set('Content-Type', 'application/json').send(body);
          expect(res.status, `${route.method} ${route.path}`).to.equal(400);
          expect(res.body.errors).to.deep.equal([{ code: 'ValidationFailed', field: 'body', message }]);
        }
      }
    });

    it('answers the portal write routes 422 { errors } naming the limit', async () => {
      for (const path of ['/portal-api/apps', `/portal-api/apps/${appId}`, `/portal-api/apps/${appId}/provision`, '/portal-api/users', '/portal-api/products']) {
        const method = path.endsWith('apps') || path.endsWith('users') || path.endsWith('products') ? 'post' : 'put';
        for (const { body, message } of cases) {
          const res = await request(c.t.server)[method](path).set(c.auth).set('Content-Type', 'application/json').send(body);
          expect(res.status, `${method} ${path}`).to.equal(422);
          expect(res.body.errors).to.deep.equal([`body: ${message}`]);
        }
      }
    });

    it('refuses a 650 KB body of 60,000 keys with a short answer and writes nothing', async () => {
      const body = manyKeys(60_000, 'field');
      expect(body.length).to.be.within(650_000, 1024 * 1024);
      const before = await rowCount('integration_authentications');
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(body).expect(400);
      expect(JSON.stringify(res.body).length).to.be.lessThan(1024);
      expect(res.body.errors[0].message).to.equal('must not have more than 256 keys in one object');
      const portal = await request(c.t.server).put(`/portal-api/apps/${appId}`).set(c.auth).set('Content-Type', 'application/json').send(body).expect(422);
      expect(JSON.stringify(portal.body).length).to.be.lessThan(1024);
      expect(await rowCount('integration_authentications')).to.equal(before);
    });

    it('counts structure only outside strings: braces, colons and escaped quotes inside text are text', async () => {
      const text = `${'{['.repeat(40)}:,\\"${']}'.repeat(40)}`;
      const res = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ code: `TEXT_${Date.now()}`, description: text })).expect(201);
      expect(res.body.data.description).to.equal(text);
    });

    it('takes the last of a key given twice, as JSON.parse does (the documented choice; RFC 8259 §4 leaves it to the receiver)', async () => {
      const res = await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json')
        .send('{"name":"first","description":"x","name":"last"}').expect(200);
      expect(res.body.data).to.include({ name: 'last', description: 'x' });
    });

    it('accepts 32 levels, 256 keys and 1,000 items (then the DTO judges the fields)', async () => {
      const res = await request(t.server).post(PATH).set(headers).set('Content-Type', 'application/json').send(manyKeys(256)).expect(400);
      expect(res.body.errors.find((e: { field: string }) => e.field === 'body')).to.equal(undefined);
      const deep = await request(t.server).post(PATH).set(headers).set('Content-Type', 'application/json').send(`{"tags":${nested(31)}}`).expect(400);
      expect(deep.body.errors.map((e: { field: string }) => e.field)).to.include('tags');
    });
  });

  describe('text: control characters and prototype keys', () => {
    it('refuses U+0000 and other C0 controls in any text field (400 naming it), accepts tab, LF and CR', async () => {
      const bad = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ name: 'a\u0000b', scope: 'openid\u001b' })).expect(400);
      expect(bad.body.errors).to.deep.equal([
        { code: 'ValidationFailed', field: 'name', message: 'must not contain control characters' },
        { code: 'ValidationFailed', field: 'scope', message: 'must not contain control characters' },
      ]);
      await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ description: 'one\ttwo\r\nthree' })).expect(200);
    });

    it('refuses a body that is not UTF-8 (a broken sequence, an overlong form, a surrogate half, Latin-1) on both surfaces, and stores nothing', async () => {
      const before = (await request(t.server).get(`${PATH}/${id}`).set(headers).expect(200)).body.data;
      /** The JSON text with `bytes` written raw inside a string where `@@` stands. */
      const withBytes = (text: string, bytes: number[]) => {
        const [head, tail] = text.split('@@');
        return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
      };
      const raw = (body: unknown) => body as string; // superagent would send a Buffer as JSON ({"type":"Buffer",…})
      for (const bytes of [[0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe9], [0xf4, 0x90, 0x80, 0x80]]) {
        const jfw = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json')
          .serialize(raw).send(withBytes(JSON.stringify(anIntegrationAuthenticationBody({ name: 'A@@B' })), bytes)).expect(400);
        expect(jfw.body.errors.map((e: { message: string }) => e.message), bytes.join(',')).to.deep.equal(['The body is not valid UTF-8']);
        const portal = await request(c.t.server).put(`/portal-api/apps/${appId}`).set(c.auth).set('Content-Type', 'application/json')
          .serialize(raw).send(withBytes('{"Name":"A@@B"}', bytes)).expect(422);
        expect(portal.body.errors, bytes.join(',')).to.deep.equal(['The body is not valid UTF-8']);
      }
      expect((await request(t.server).get(`${PATH}/${id}`).set(headers).expect(200)).body.data).to.deep.equal(before);
      // Well-formed text of every length of sequence still passes.
      await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ name: 'é € 𝄞 ü' })).expect(200);
    });

    it('refuses control characters in portal text fields with 422 naming the Tyk field', async () => {
      const res = await request(c.t.server).put(`/portal-api/apps/${appId}`).set(c.auth).send({ Name: 'x\u0000', Description: 'y\u0007' }).expect(422);
      expect(res.body.errors).to.deep.equal(['Name: must not contain control characters', 'Description: must not contain control characters']);
    });

    it('refuses control characters in query parameters on both surfaces', async () => {
      const jfw = await request(t.server).get(`${PATH}?keywords=%00`).set(headers).expect(400);
      expect(jfw.body.errors).to.deep.equal([{ code: 'ValidationFailed', field: 'keywords', message: 'must not contain control characters' }]);
      await request(t.server).get('/api/v1/app-integrations?keywords=a%01b').set(headers).expect(400);
      const portal = await request(c.t.server).get('/portal-api/apps?page=%00').set(c.auth).expect(422);
      expect(portal.body.errors).to.deep.equal(['page: must not contain control characters']);
    });

    it('treats constructor, prototype and __proto__ as unknown fields on both surfaces', async () => {
      const body = `{"constructor":{"prototype":{}},"prototype":1,"__proto__":{"isAdmin":true}}`;
      const jfw = await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(body).expect(400);
      expect(jfw.body.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`)).to.deep.equal([
        'constructor: is not a known field',
        'prototype: is not a known field',
        '__proto__: is not a known field',
      ]);
      const portal = await request(c.t.server).put(`/portal-api/apps/${appId}`).set(c.auth).set('Content-Type', 'application/json').send(body).expect(422);
      expect(portal.body.errors).to.deep.equal(['constructor: is not a known field', 'prototype: is not a known field', '__proto__: is not a known field']);
    });
  });

  describe('security headers', () => {
    it('answers every API answer, errors included, with nosniff, no-referrer and no-store', async () => {
      for (const res of [
        await request(t.server).get(`${PATH}/${id}`).set(headers).expect(200),
        await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'wrong' }).expect(401),
        await request(c.t.server).get(`/portal-api/apps/${appId}`).set(c.auth).expect(200),
        await request(c.t.server).get('/portal-api/nothing').set(c.auth).expect(404),
        await request(t.server).get('/healthz').expect(200),
      ]) {
        expect(res.headers).to.include({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
        expect(res.headers['content-security-policy']).to.equal("default-src 'none'; frame-ancestors 'none'");
      }
    });

    it("serves /docs under a CSP of its own origin with frame-ancestors 'none'", async () => {
      const res = await request(t.server).get('/docs').expect(200);
      expect(res.headers['content-security-policy']).to.include("default-src 'self'").and.include("frame-ancestors 'none'").and.include("script-src 'self'");
      expect(res.headers['content-security-policy']).not.to.include('unsafe-inline');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
    });
  });
});
