import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { storedConfigurationRow, testDatabase } from '../../support/test-database';
import { anIntegrationAuthenticationBody, GITHUB_ID, GOOGLE_ID } from '../../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';

describe('PUT /api/v1/app-integrations/authentication/{id} (seed 000)', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let before: Record<string, unknown> | undefined;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    const created = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    id = created.body.data.id;
    before = await storedConfigurationRow(id);
  });

  async function expectUnchanged(): Promise<void> {
    expect(await storedConfigurationRow(id)).to.deep.equal(before);
  }

  it('replaces the configuration and answers in the seed shape', async () => {
    const body = anIntegrationAuthenticationBody({ isDefault: true, name: 'Renamed' });
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(200);
    expect(res.body).to.include({ success: true, statusCode: 200, message: 'The request was successful.' });
    expect(res.body.errors).to.deep.equal([]);
    expect(Object.keys(res.body.data)).to.have.members([
      'appIntegration', 'isDefault', 'status', 'description', 'tags', 'iconURL', 'tokenEndpoint', 'id',
      'authEndpoint', 'redirectURI', 'clientSecret', 'clientId', 'projectId', 'name', 'code', 'scope',
      'createdDate', 'updatedDate',
    ]);
    expect(res.body.data).to.include({ id, name: 'Renamed', isDefault: true, clientSecret: body.clientSecret, code: body.code });
    expect(Object.keys(res.body.data.appIntegration)).to.have.members(['type', 'name', 'domain', 'description', 'logoURL', 'status', 'id']);
    expect(res.body.data.appIntegration.id).to.equal(GOOGLE_ID);
    expect(res.headers.etag).to.equal('"2"');
  });

  it('stores the client secret encrypted, never as sent', async () => {
    const body = anIntegrationAuthenticationBody();
    await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(200);
    const row = await storedConfigurationRow(id);
    expect(row?.client_secret).to.be.a('string').and.not.include(String(body.clientSecret));
    expect(row?.client_secret).to.match(/^v1\./);
  });

  it('resets omitted optional fields to their defaults (PUT replaces)', async () => {
    const { authEndpoint: _a, tokenEndpoint: _t, iconURL: _i, tags: _g, description: _d, status: _s, isDefault: _f, ...required } =
      anIntegrationAuthenticationBody({ status: 'Inactive', isDefault: true });
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(required).expect(200);
    expect(res.body.data).to.include({ authEndpoint: null, tokenEndpoint: null, iconURL: null, tags: null, description: null, status: 'Active', isDefault: false });
  });

  it('accepts status 0 and answers it as "Inactive"', async () => {
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ status: 0 })).expect(200);
    expect(res.body.data.status).to.equal('Inactive');
  });

  const invalidBodies: [string, Record<string, unknown>, string][] = [
    ['a missing required field', { clientId: undefined }, 'clientId'],
    ['a blank string', { name: '   ' }, 'name'],
    ['a non-URL authEndpoint', { authEndpoint: 'not a url' }, 'authEndpoint'],
    ['a redirect URI with a fragment', { redirectURI: 'https://app.example.com/cb#frag' }, 'redirectURI'],
    ['an http redirect URI to a public host', { redirectURI: 'http://app.example.com/cb' }, 'redirectURI'],
    ['an unknown status', { status: 'Enabled' }, 'status'],
    ['an unknown body field', { colour: 'blue' }, 'colour'],
    ['a non-boolean isDefault', { isDefault: 'yes' }, 'isDefault'],
    ['an over-long string', { scope: 'x'.repeat(2049) }, 'scope'],
  ];
  for (const [what, change, field] of invalidBodies) {
    it(`rejects ${what} with 400 ValidationFailed on that field and changes nothing`, async () => {
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody(change)).expect(400);
      expect(res.body).to.include({ success: false, statusCode: 400 });
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field });
      await expectUnchanged();
    });
  }

  it('reports one error per invalid field', async () => {
    const body = anIntegrationAuthenticationBody({ name: '', scope: undefined, iconURL: 'ftp://x' });
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.have.members(['name', 'scope', 'iconURL']);
    await expectUnchanged();
  });

  for (const [what, payload] of [['an array', '[]'], ['a string', '"text"'], ['null', 'null'], ['a number', '42']]) {
    it(`rejects ${what} as the body with 400`, async () => {
      const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send(payload).expect(400);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field: 'body' });
      await expectUnchanged();
    });
  }

  it('rejects malformed JSON with 400 and no stack trace', async () => {
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'application/json').send('{"code": ').expect(400);
    expect(res.body.errors[0].code).to.equal('ValidationFailed');
    expect(JSON.stringify(res.body)).not.to.match(/at .*\.js:\d+/);
    await expectUnchanged();
  });

  it('answers 401 for a wrong key, a missing key and an unknown brand alike', async () => {
    const body = anIntegrationAuthenticationBody();
    const wrong = await request(t.server).put(`${PATH}/${id}`).set({ ...headers, 'Auth-Key': 'ihk_wrong' }).send(body).expect(401);
    const missing = await request(t.server).put(`${PATH}/${id}`).set('Brand-URL', headers['Brand-URL']).send(body).expect(401);
    const unknown = await request(t.server).put(`${PATH}/${id}`).set({ ...headers, 'Brand-URL': 'nobody.example.com' }).send(body).expect(401);
    for (const res of [wrong, missing, unknown]) expect(res.body.errors).to.deep.equal([{ code: 'Unauthorized', message: wrong.body.errors[0].message }]);
    await expectUnchanged();
  });

  it('answers 400 when Brand-URL is missing', async () => {
    const res = await request(t.server).put(`${PATH}/${id}`).set('Auth-Key', headers['Auth-Key']).send(anIntegrationAuthenticationBody()).expect(400);
    expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field: 'Brand-URL' });
  });

  it('accepts the Brand-URL with scheme, capitals and trailing slash', async () => {
    await request(t.server).put(`${PATH}/${id}`).set({ ...headers, 'Brand-URL': `HTTPS://${headers['Brand-URL'].toUpperCase()}/` }).send(anIntegrationAuthenticationBody()).expect(200);
  });

  it("answers 404 for an unknown id, a malformed id and another brand's id", async () => {
    const other = await aBrandWithKey(t.container);
    const body = anIntegrationAuthenticationBody();
    for (const [target, h] of [['AAAAAAAAAAAAAAAAAA', headers], ['not-an-id', headers], [id, other.headers]] as const) {
      const res = await request(t.server).put(`${PATH}/${target}`).set(h).send(body).expect(404);
      expect(res.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
    }
    await expectUnchanged();
  });

  it('answers 404 AppIntegrationNotFound for an unknown appIntegrationId', async () => {
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ appIntegrationId: 'NoSuchIntegration1' })).expect(404);
    expect(res.body.errors[0].code).to.equal('AppIntegrationNotFound');
    await expectUnchanged();
  });

  it('answers 409 when another configuration of the brand has the code', async () => {
    const taken = anIntegrationAuthenticationBody();
    await request(t.server).post(PATH).set(headers).send(taken).expect(201);
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ code: taken.code })).expect(409);
    expect(res.body.errors[0].code).to.equal('AppIntegrationConflictSetting');
    await expectUnchanged();
  });

  it('lets two brands use the same code', async () => {
    const other = await aBrandWithKey(t.container);
    const res = await request(t.server).get(`${PATH}/${id}`).set(headers).expect(200);
    await request(t.server).post(PATH).set(other.headers).send(anIntegrationAuthenticationBody({ code: res.body.data.code })).expect(201);
  });

  it('clears the previous default of the same integration and keeps other integrations alone', async () => {
    const first = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ isDefault: true })).expect(201);
    const github = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ appIntegrationId: GITHUB_ID, isDefault: true })).expect(201);
    await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ isDefault: true })).expect(200);
    const firstNow = await request(t.server).get(`${PATH}/${first.body.data.id}`).set(headers).expect(200);
    const githubNow = await request(t.server).get(`${PATH}/${github.body.data.id}`).set(headers).expect(200);
    expect(firstNow.body.data.isDefault).to.equal(false);
    expect(firstNow.headers.etag).to.equal('"2"');
    expect(githubNow.body.data.isDefault).to.equal(true);
  });

  it('is backed by a partial unique index that refuses a second default', async () => {
    await request(t.server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ isDefault: true })).expect(200);
    const other = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    let error: unknown;
    try {
      await testDatabase().dataSource.query('UPDATE integration_authentications SET is_default = true WHERE id = $1', [other.body.data.id]);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/uq_integration_authentications_default/);
  });

  it('honours If-Match: a stale version gets 412 and changes nothing', async () => {
    const res = await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', '"7"').send(anIntegrationAuthenticationBody()).expect(412);
    expect(res.body.errors[0].code).to.equal('PreconditionFailed');
    await expectUnchanged();
    await request(t.server).put(`${PATH}/${id}`).set(headers).set('If-Match', '"1"').send(anIntegrationAuthenticationBody()).expect(200);
  });

  it('answers 415 for a non-JSON body', async () => {
    await request(t.server).put(`${PATH}/${id}`).set(headers).set('Content-Type', 'text/plain').send('code=x').expect(415);
    await expectUnchanged();
  });

  it('answers unknown routes and methods in the envelope', async () => {
    const notFound = await request(t.server).get('/api/v1/nothing-here').set(headers).expect(404);
    expect(notFound.body).to.include({ success: false, statusCode: 404 });
    expect(notFound.body.errors[0].code).to.equal('NotFound');
    const notAllowed = await request(t.server).post(`${PATH}/${id}`).set(headers).send({}).expect(405);
    expect(notAllowed.body.errors[0].code).to.equal('MethodNotAllowed');
  });

  it('never writes the client secret or the key to a log line', async () => {
    const body = anIntegrationAuthenticationBody();
    await request(t.server).put(`${PATH}/${id}`).set(headers).send(body).expect(200);
    await request(t.server).put(`${PATH}/${id}`).set(headers).send({ ...body, colour: 1 }).expect(400);
    expect(t.logger.text()).not.to.include(String(body.clientSecret));
    expect(t.logger.text()).not.to.include(headers['Auth-Key']);
    expect(t.logger.lines.length).to.be.greaterThan(1);
  });
});
