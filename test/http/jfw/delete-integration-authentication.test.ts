import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { storedConfigurationRow } from '../../support/test-database';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';

describe('DELETE /api/v1/app-integrations/authentication/{id}', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let id: string;
  let before: Record<string, unknown> | undefined;

  beforeEach(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    const created = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ isDefault: true })).expect(201);
    id = created.body.data.id;
    before = await storedConfigurationRow(id);
  });

  it('deletes and answers 200 in the envelope; the id is then 404', async () => {
    const res = await request(t.server).delete(`${PATH}/${id}`).set(headers).expect(200);
    expect(res.body).to.include({ success: true, statusCode: 200 });
    expect(res.body.data).to.deep.equal({ id });
    expect(await storedConfigurationRow(id)).to.equal(undefined);
    await request(t.server).get(`${PATH}/${id}`).set(headers).expect(404);
    await request(t.server).delete(`${PATH}/${id}`).set(headers).expect(404);
  });

  it('deleting the default leaves the integration without a default', async () => {
    const sibling = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    await request(t.server).delete(`${PATH}/${id}`).set(headers).expect(200);
    expect(await storedConfigurationRow(sibling.body.data.id)).to.include({ is_default: false });
    const res = await request(t.server).post(`/api/v1/app-integrations/${before?.app_integration_id}/authentication/test`).set(headers).send({}).expect(200);
    expect(res.body.data).to.include(encodeURIComponent(String(sibling.body.data.clientId)));
  });

  it('honours If-Match: a stale version gets 412 and deletes nothing; the current one deletes', async () => {
    const res = await request(t.server).delete(`${PATH}/${id}`).set(headers).set('If-Match', '"5"').expect(412);
    expect(res.body.errors[0].code).to.equal('PreconditionFailed');
    expect(await storedConfigurationRow(id)).to.deep.equal(before);
    await request(t.server).delete(`${PATH}/${id}`).set(headers).set('If-Match', '"1"').expect(200);
    expect(await storedConfigurationRow(id)).to.equal(undefined);
  });

  it("answers 404 for an unknown id, a malformed id and another brand's id, deleting nothing", async () => {
    const other = await aBrandWithKey(t.container);
    for (const [target, h] of [['AAAAAAAAAAAAAAAAAA', headers], ['not-an-id', headers], [id, other.headers]] as const) {
      const res = await request(t.server).delete(`${PATH}/${target}`).set(h).expect(404);
      expect(res.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
    }
    const stale = await request(t.server).delete(`${PATH}/${id}`).set(other.headers).set('If-Match', '"1"').expect(404);
    expect(stale.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
    expect(await storedConfigurationRow(id)).to.deep.equal(before);
  });

  it('answers 401 without a valid key and deletes nothing', async () => {
    await request(t.server).delete(`${PATH}/${id}`).set({ ...headers, 'Auth-Key': 'ihk_wrong' }).expect(401);
    expect(await storedConfigurationRow(id)).to.deep.equal(before);
  });
});
