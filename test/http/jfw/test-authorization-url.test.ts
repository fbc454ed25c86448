import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { anIntegrationAuthenticationBody, GITHUB_ID, GOOGLE_ID } from '../../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';
const testPath = (appIntegrationId: string) => `/api/v1/app-integrations/${appIntegrationId}/authentication/test`;

describe('POST /api/v1/app-integrations/{appIntegrationId}/authentication/test', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
  });

  const create = async (overrides: Record<string, unknown>, h = headers) =>
    (await request(t.server).post(PATH).set(h).send(anIntegrationAuthenticationBody(overrides)).expect(201)).body.data;

  it('builds the authorization URL of the only configuration, encoding every parameter', async () => {
    await create({
      authEndpoint: 'https://accounts.google.com/o/oauth2/auth?access_type=offline&prompt=consent',
      clientId: 'client id&x=1',
      redirectURI: 'https://app.example.com/cb?next=/home',
      scope: 'openid email profile',
    });
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({ state: 'a b&c=d' }).expect(200);
    expect(res.body).to.include({ success: true, statusCode: 200 });
    const url = new URL(res.body.data);
    expect(`${url.origin}${url.pathname}`).to.equal('https://accounts.google.com/o/oauth2/auth');
    expect([...url.searchParams]).to.deep.equal([
      ['access_type', 'offline'],
      ['prompt', 'consent'],
      ['response_type', 'code'],
      ['client_id', 'client id&x=1'],
      ['redirect_uri', 'https://app.example.com/cb?next=/home'],
      ['scope', 'openid email profile'],
      ['state', 'a b&c=d'],
    ]);
    expect(res.body.data).to.include('client_id=client+id%26x%3D1').and.include('redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fnext%3D%2Fhome');
  });

  it('uses the default configuration when the brand has several', async () => {
    await create({ clientId: 'first-client' });
    await create({ clientId: 'default-client', isDefault: true });
    await create({ clientId: 'third-client' });
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(200);
    expect(new URL(res.body.data).searchParams.get('client_id')).to.equal('default-client');
  });

  it('takes clientId, redirectURI and scope from the body for this URL only', async () => {
    const stored = await create({});
    const body = { clientId: 'override-client', redirectURI: 'http://127.0.0.1:8080/cb', scope: 'openid', state: 'xyz' };
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send(body).expect(200);
    const params = new URL(res.body.data).searchParams;
    expect(params.get('client_id')).to.equal('override-client');
    expect(params.get('redirect_uri')).to.equal('http://127.0.0.1:8080/cb');
    expect(params.get('scope')).to.equal('openid');
    expect(params.get('state')).to.equal('xyz');
    const after = await request(t.server).get(`${PATH}/${stored.id}`).set(headers).expect(200);
    expect(after.body.data).to.include({ clientId: stored.clientId, redirectURI: stored.redirectURI, scope: stored.scope });
  });

  it('generates a fresh random state when none is given, and accepts no body at all', async () => {
    await create({});
    const a = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).expect(200);
    const b = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(200);
    const [sa, sb] = [a, b].map((r) => new URL(r.body.data).searchParams.get('state'));
    expect(sa).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(sa).not.to.equal(sb);
  });

  it('answers 409 AppIntegrationConflictSetting when the configuration has no authEndpoint', async () => {
    await create({ authEndpoint: null, isDefault: true });
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(409);
    expect(res.body.errors[0].code).to.equal('AppIntegrationConflictSetting');
  });

  it('answers 409 when there are several configurations and none is the default', async () => {
    await create({});
    await create({});
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(409);
    expect(res.body.errors[0].code).to.equal('AppIntegrationConflictSetting');
  });

  it('answers 404 AppIntegrationAuthenticationNotFound when the brand has no configuration of the integration', async () => {
    await create({ appIntegrationId: GITHUB_ID });
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(404);
    expect(res.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
  });

  it('answers 404 AppIntegrationNotFound for an unknown or malformed catalog id', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAA', 'not-an-id']) {
      const res = await request(t.server).post(testPath(id)).set(headers).send({}).expect(404);
      expect(res.body.errors[0].code).to.equal('AppIntegrationNotFound');
    }
  });

  it("never uses another brand's configuration", async () => {
    const other = await aBrandWithKey(t.container);
    await create({ isDefault: true }, other.headers);
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send({}).expect(404);
    expect(res.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
  });

  const invalidBodies: [string, Record<string, unknown>, string][] = [
    ['a redirect URI with a fragment', { redirectURI: 'https://app.example.com/cb#x' }, 'redirectURI'],
    ['an http redirect URI to a public host', { redirectURI: 'http://app.example.com/cb' }, 'redirectURI'],
    ['a blank clientId', { clientId: ' ' }, 'clientId'],
    ['a non-string state', { state: 42 }, 'state'],
    ['an unknown field', { response_type: 'token' }, 'response_type'],
  ];
  for (const [what, body, field] of invalidBodies) {
    it(`rejects ${what} with 400 on that field`, async () => {
      await create({});
      const res = await request(t.server).post(testPath(GOOGLE_ID)).set(headers).send(body).expect(400);
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field });
    });
  }

  it('needs brand authentication', async () => {
    const res = await request(t.server).post(testPath(GOOGLE_ID)).set({ ...headers, 'Auth-Key': 'ihk_wrong' }).send({}).expect(401);
    expect(res.body.errors[0].code).to.equal('Unauthorized');
  });
});
