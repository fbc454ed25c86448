import { expect } from 'chai';
import request from 'supertest';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

/** What a write leaves behind about one resource: its audit entries and its events. */
async function traces(resourceType: string, id: string): Promise<{ entries: number; events: number }> {
  const [row] = await testDatabase().dataSource.query(
    `SELECT (SELECT count(*)::int FROM audit_entries WHERE resource_type = $1 AND resource_id = $2) AS entries,
            (SELECT count(*)::int FROM outbox_events WHERE resource_type = $1 AND resource_id = $2) AS events`, [resourceType, id]);
  return row;
}

/**
 * A PATCH whose result is the stored resource (`{}`, or every field at its
 * current value) answers 200 with the representation and ETag as they are,
 * writes no version, audit entry or event; If-Match and authentication are
 * checked as for any PATCH (docs/jfw-surface.md, docs/portal-surface.md).
 */
describe('a PATCH that changes nothing: 200, the same ETag, no audit entry, no event (both surfaces)', () => {
  let t: TestApp;
  let brand: { headers: Record<string, string> };

  before(async () => {
    t = createTestApp();
    brand = await aBrandWithKey(t.container);
  });

  it('JFramework authentication: {} and the current values answer version 1 as it is; a stale If-Match is 412, a wrong key 401', async () => {
    const PATH = '/api/v1/app-integrations/authentication';
    const body = anIntegrationAuthenticationBody();
    const created = await request(t.server).post(PATH).set(brand.headers).send(body).expect(201);
    const { id } = created.body.data;
    const one = `${PATH}/${id}`;
    const shown = (await request(t.server).get(one).set(brand.headers).expect(200)).body.data;
    const before = await traces('integration-authentication', id);
    const patch = () => request(t.server).patch(one).set(brand.headers).set('Content-Type', 'application/merge-patch+json');

    for (const nothing of [{}, { name: body.name, description: body.description, status: 'Active', clientSecret: body.clientSecret }, { status: 1 }]) {
      const res = await patch().send(JSON.stringify(nothing)).expect(200);
      expect(res.headers.etag, JSON.stringify(nothing)).to.equal('"1"');
      expect(res.body.data, JSON.stringify(nothing)).to.deep.equal(shown);
    }
    await patch().set('If-Match', '"1"').send('{}').expect(200);
    expect((await patch().set('If-Match', '"2"').send('{}').expect(412)).body.errors[0].code).to.equal('PreconditionFailed');
    await patch().set('Auth-Key', 'ihk_wrong').send('{}').expect(401);
    expect(await traces('integration-authentication', id)).to.deep.equal(before);
    expect((await request(t.server).get(one).set(brand.headers).expect(200)).headers.etag).to.equal('"1"');

    // A change still moves the version, records its entry and writes its event.
    expect((await patch().send(JSON.stringify({ name: 'Renamed' })).expect(200)).headers.etag).to.equal('"2"');
    expect(await traces('integration-authentication', id)).to.deep.equal({ entries: before.entries + 1, events: before.events + 1 });
  });

  it('JFramework webhook: {} and the current values answer version 1 as it is; a stale If-Match is 412', async () => {
    const created = await request(t.server).post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'https://hooks.example.com/same', eventTypes: ['integration-authentication.updated'], description: 'd' }).expect(201);
    rememberSecret(created.body.data.secret);
    const { id } = created.body.data;
    const one = `/api/v1/webhooks/${id}`;
    const shown = (await request(t.server).get(one).set(brand.headers).expect(200)).body.data;
    const before = await traces('webhook-subscription', id);

    for (const nothing of [{}, { url: shown.url, eventTypes: shown.eventTypes, description: 'd', enabled: true }]) {
      const res = await request(t.server).patch(one).set(brand.headers).send(nothing).expect(200);
      expect(res.headers.etag, JSON.stringify(nothing)).to.equal('"1"');
      expect(res.body.data, JSON.stringify(nothing)).to.deep.equal(shown);
    }
    await request(t.server).patch(one).set(brand.headers).set('If-Match', '"1"').send({}).expect(200);
    await request(t.server).patch(one).set(brand.headers).set('If-Match', '"2"').send({}).expect(412);
    expect(await traces('webhook-subscription', id)).to.deep.equal(before);

    // Disabled once, "enabled: false" again changes nothing either.
    expect((await request(t.server).patch(one).set(brand.headers).send({ enabled: false }).expect(200)).headers.etag).to.equal('"2"');
    expect((await request(t.server).patch(one).set(brand.headers).send({ enabled: false }).expect(200)).headers.etag).to.equal('"2"');
    expect(await traces('webhook-subscription', id)).to.deep.equal({ entries: before.entries + 1, events: before.events });
  });

  it('portal webhook: {} and the current values answer version 1 as it is; a stale If-Match is 412, a wrong token 401', async () => {
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `no-op-patch-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    const auth = { Authorization: token };
    const created = await request(t.server).post('/portal-api/webhooks').set(auth)
      .send({ URL: 'https://hooks.example.com/same', EventTypes: ['portal-app.updated'] }).expect(201);
    rememberSecret(created.body.Secret);
    const one = `/portal-api/webhooks/${created.body.ID}`;
    try {
      const shown = (await request(t.server).get(one).set(auth).expect(200)).body;
      const before = await traces('webhook-subscription', String(created.body.ID));
      for (const nothing of [{}, { URL: shown.URL, EventTypes: shown.EventTypes, Description: null, Enabled: true }]) {
        const res = await request(t.server).patch(one).set(auth).send(nothing).expect(200);
        expect(res.headers.etag, JSON.stringify(nothing)).to.equal('"1"');
        expect(res.body, JSON.stringify(nothing)).to.deep.equal(shown);
      }
      await request(t.server).patch(one).set(auth).set('If-Match', '"1"').send({}).expect(200);
      await request(t.server).patch(one).set(auth).set('If-Match', '"2"').send({}).expect(412);
      await request(t.server).patch(one).set({ Authorization: 'wrong' }).send({}).expect(401);
      expect(await traces('webhook-subscription', String(created.body.ID))).to.deep.equal(before);
    } finally {
      // The portal holds at most 20 subscriptions in a database other suites share.
      await request(t.server).delete(one).set(auth).expect(200);
    }
  });
});
