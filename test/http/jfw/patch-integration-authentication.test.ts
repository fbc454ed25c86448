import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { storedConfigurationRow } from '../../support/test-database';
import { anIntegrationAuthenticationBody, GITHUB_ID } from '../../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';
const MERGE_PATCH = 'application/merge-patch+json';

describe('PATCH /api/v1/app-integrations/authentication/{id} (JSON Merge Patch)', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let original: Record<string, unknown>;
  let before: Record<string, unknown> | undefined;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    original = anIntegrationAuthenticationBody();
    const created = await request(t.server).post(PATH).set(headers).send(original).expect(201);
    id = created.body.data.id;
    before = await storedConfigurationRow(id);
  });

  const patch = (body: unknown, h = headers, target = id) =>
    request(t.server).patch(`${PATH}/${target}`).set(h).set('Content-Type', MERGE_PATCH).send(JSON.stringify(body));

  async function expectUnchanged(): Promise<void> {
    expect(await storedConfigurationRow(id)).to.deep.equal(before);
  }

  it('changes only the given fields and answers the new version with its ETag', async () => {
    const res = await patch({ name: 'Renamed', scope: 'openid' }).expect(200);
    expect(res.body.data).to.include({ id, name: 'Renamed', scope: 'openid', code: original.code, clientId: original.clientId, clientSecret: original.clientSecret, tags: original.tags });
    expect(res.headers.etag).to.equal('"2"');
    const row = await storedConfigurationRow(id);
    expect(row).to.include({ name: 'Renamed', scope: 'openid', version: 2, redirect_uri: original.redirectURI, auth_endpoint: original.authEndpoint });
  });

  it('accepts application/json as well', async () => {
    await request(t.server).patch(`${PATH}/${id}`).set(headers).send({ description: 'plain JSON' }).expect(200);
    expect(await storedConfigurationRow(id)).to.include({ description: 'plain JSON' });
  });

  it('clears every nullable field given as null', async () => {
    const res = await patch({ authEndpoint: null, tokenEndpoint: null, iconURL: null, tags: null, description: null }).expect(200);
    expect(res.body.data).to.include({ authEndpoint: null, tokenEndpoint: null, iconURL: null, tags: null, description: null, name: original.name });
    expect(await storedConfigurationRow(id)).to.include({ auth_endpoint: null, token_endpoint: null, icon_url: null, tags: null, description: null });
  });

  it('accepts status 0 and answers "Inactive"; leaves status alone when not given', async () => {
    expect((await patch({ status: 0 }).expect(200)).body.data.status).to.equal('Inactive');
    expect((await patch({ name: 'Still inactive' }).expect(200)).body.data.status).to.equal('Inactive');
  });

  it('making it the default clears the previous default of the same integration', async () => {
    const previous = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ isDefault: true })).expect(201);
    await patch({ isDefault: true }).expect(200);
    expect(await storedConfigurationRow(previous.body.data.id)).to.include({ is_default: false });
    expect(await storedConfigurationRow(id)).to.include({ is_default: true });
  });

  it('moves the configuration to another integration', async () => {
    const res = await patch({ appIntegrationId: GITHUB_ID }).expect(200);
    expect(res.body.data.appIntegration.id).to.equal(GITHUB_ID);
  });

  const invalidPatches: [string, Record<string, unknown>, string][] = [
    ['null on a required field', { clientId: null }, 'clientId'],
    ['null on status', { status: null }, 'status'],
    ['null on isDefault', { isDefault: null }, 'isDefault'],
    ['a blank required field', { name: '  ' }, 'name'],
    ['a non-URL authEndpoint', { authEndpoint: 'not a url' }, 'authEndpoint'],
    ['a redirect URI with a fragment', { redirectURI: 'https://app.example.com/cb#x' }, 'redirectURI'],
    ['an unknown status', { status: 'Enabled' }, 'status'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['an over-long string', { tags: 'x'.repeat(2049) }, 'tags'],
  ];
  for (const [what, body, field] of invalidPatches) {
    it(`rejects ${what} with 400 on that field and changes nothing`, async () => {
      const res = await patch(body).expect(400);
      expect(res.body.errors).to.have.length(1);
      expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field });
      await expectUnchanged();
    });
  }

  it('says a required field must not be null', async () => {
    const res = await patch({ scope: null }).expect(400);
    expect(res.body.errors[0]).to.deep.equal({ code: 'ValidationFailed', field: 'scope', message: 'must not be null' });
  });

  it('rejects a body that is not a JSON object', async () => {
    const res = await patch([{ op: 'replace' }]).expect(400);
    expect(res.body.errors[0]).to.include({ code: 'ValidationFailed', field: 'body' });
    await expectUnchanged();
  });

  it('answers 404 AppIntegrationNotFound for an unknown appIntegrationId and changes nothing', async () => {
    const res = await patch({ appIntegrationId: 'NoSuchIntegration1' }).expect(404);
    expect(res.body.errors[0].code).to.equal('AppIntegrationNotFound');
    await expectUnchanged();
  });

  it('answers 409 when another configuration of the brand has the code, and changes nothing', async () => {
    const other = anIntegrationAuthenticationBody();
    await request(t.server).post(PATH).set(headers).send(other).expect(201);
    const res = await patch({ code: other.code }).expect(409);
    expect(res.body.errors[0].code).to.equal('AppIntegrationConflictSetting');
    await expectUnchanged();
  });

  it('honours If-Match: the current version writes, a stale one gets 412 and changes nothing', async () => {
    await patch({ name: 'v2' }).set('If-Match', '"1"').expect(200);
    before = await storedConfigurationRow(id);
    const res = await patch({ name: 'v3' }).set('If-Match', '"1"').expect(412);
    expect(res.body.errors[0].code).to.equal('PreconditionFailed');
    await expectUnchanged();
    await patch({ name: 'v3' }).set('If-Match', 'W/"2"').expect(412);
    await expectUnchanged();
  });

  it("answers 404 for an unknown id, a malformed id and another brand's id, changing nothing", async () => {
    const other = await aBrandWithKey(t.container);
    for (const [target, h] of [['AAAAAAAAAAAAAAAAAA', headers], ['not-an-id', headers], [id, other.headers]] as const) {
      const res = await patch({ name: 'Hijacked' }, h, target).expect(404);
      expect(res.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
    }
    await expectUnchanged();
  });

  it('answers 415 for a non-JSON body and 401 without a valid key', async () => {
    await request(t.server).patch(`${PATH}/${id}`).set(headers).set('Content-Type', 'text/plain').send('name=x').expect(415);
    await patch({ name: 'x' }, { ...headers, 'Auth-Key': 'ihk_wrong' }).expect(401);
    await expectUnchanged();
  });
});
