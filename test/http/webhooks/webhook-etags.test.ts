import { expect } from 'chai';
import request from 'supertest';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

const UPDATED = 'integration-authentication.updated';
/** Tags that are not "2" although they look like it, and tags of no version of ours. */
const NOT_TWO = ['"02"', '"2.0"', 'W/"2"', '"1"', '"3"', '"x"'];

/** The audit actions recorded about one subscription, in order. */
async function auditActions(surface: 'jfw' | 'portal', id: string): Promise<string[]> {
  const rows: { action: string }[] = await testDatabase().dataSource.query(
    `SELECT action FROM audit_entries WHERE surface = $1 AND resource_type = 'webhook-subscription' AND resource_id = $2 ORDER BY id`, [surface, id]);
  return rows.map((r) => r.action);
}

describe('webhook subscriptions: ETag and If-Match (JFramework surface)', () => {
  let t: TestApp;
  let brand: { headers: Record<string, string> };
  let other: { headers: Record<string, string> };
  const one = (id: string) => `/api/v1/webhooks/${id}`;
  const create = async (headers = brand.headers) => {
    const res = await request(t.server).post('/api/v1/webhooks').set(headers).send({ url: 'https://hooks.example.com/etag', eventTypes: [UPDATED] }).expect(201);
    rememberSecret(res.body.data.secret);
    return res;
  };

  before(async () => {
    t = createTestApp();
    brand = await aBrandWithKey(t.container);
    other = await aBrandWithKey(t.container);
  });

  it('answers the version as a strong ETag on POST (201), GET and PATCH; each write moves it', async () => {
    const created = await create();
    expect(created.headers.etag).to.equal('"1"');
    const { id } = created.body.data;
    expect((await request(t.server).get(one(id)).set(brand.headers).expect(200)).headers.etag).to.equal('"1"');
    const patched = await request(t.server).patch(one(id)).set(brand.headers).send({ description: 'v2' }).expect(200);
    expect(patched.headers.etag).to.equal('"2"');
    await request(t.server).patch(one(id)).set(brand.headers).send({ enabled: false }).expect(200);
    expect((await request(t.server).get(one(id)).set(brand.headers).expect(200)).headers.etag).to.equal('"3"');
  });

  it('writes a PATCH when any tag of If-Match matches or it is *, and answers 412 PreconditionFailed, changing and recording nothing, when none does', async () => {
    const { id } = (await create()).body.data;
    await request(t.server).patch(one(id)).set(brand.headers).set('If-Match', '"7", "1"').send({ description: 'v2' }).expect(200);
    const before = (await request(t.server).get(one(id)).set(brand.headers).expect(200)).body.data;
    for (const tag of [...NOT_TWO, '"1", W/"2"', 'not a tag']) {
      const res = await request(t.server).patch(one(id)).set(brand.headers).set('If-Match', tag).send({ url: 'https://hooks.example.com/lost' }).expect(412);
      expect(res.body.errors[0].code, tag).to.equal('PreconditionFailed');
      expect(res.headers.etag, tag).to.equal(undefined);
    }
    expect((await request(t.server).get(one(id)).set(brand.headers).expect(200)).body.data).to.deep.equal(before);
    expect(await auditActions('jfw', id)).to.deep.equal(['created', 'updated']);
    const starred = await request(t.server).patch(one(id)).set(brand.headers).set('If-Match', '*').send({ description: 'v3' }).expect(200);
    expect(starred.headers.etag).to.equal('"3"');
    await request(t.server).patch(one(id)).set(brand.headers).send({ description: 'unconditional' }).expect(200);
  });

  it('deletes only when If-Match matches: a stale tag answers 412 and keeps the subscription', async () => {
    const { id } = (await create()).body.data;
    await request(t.server).patch(one(id)).set(brand.headers).send({ description: 'v2' }).expect(200);
    for (const tag of NOT_TWO) await request(t.server).delete(one(id)).set(brand.headers).set('If-Match', tag).expect(412);
    await request(t.server).get(one(id)).set(brand.headers).expect(200);
    expect(await auditActions('jfw', id)).to.deep.equal(['created', 'updated']);
    expect((await request(t.server).delete(one(id)).set(brand.headers).set('If-Match', '"1", "2"').expect(200)).body.data).to.deep.equal({ id });
    await request(t.server).get(one(id)).set(brand.headers).expect(404);
  });

  it('answers an unknown or another brand\'s id 404 WebhookNotFound, not 412, whatever If-Match says', async () => {
    const theirs = (await create(other.headers)).body.data.id;
    for (const id of [theirs, 'AAAAAAAAAAAAAAAAAA']) {
      for (const tag of ['"1"', '"9"', '*']) {
        const patched = await request(t.server).patch(one(id)).set(brand.headers).set('If-Match', tag).send({ description: 'x' }).expect(404);
        expect(patched.body.errors[0].code).to.equal('WebhookNotFound');
        await request(t.server).delete(one(id)).set(brand.headers).set('If-Match', tag).expect(404);
      }
    }
    expect((await request(t.server).get(one(theirs)).set(other.headers).expect(200)).headers.etag).to.equal('"1"');
  });
});

describe('webhook subscriptions: ETag and If-Match (portal surface)', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const one = (id: number) => `/portal-api/webhooks/${id}`;
  const STALE = { status: 'error', errors: ['The resource was changed since it was read'] };
  // The portal holds at most 20 subscriptions in a database other suites share: each test deletes what it made.
  const create = async () => {
    const res = await request(t.server).post('/portal-api/webhooks').set(auth).send({ URL: 'https://hooks.example.com/etag', EventTypes: ['portal-app.updated'] }).expect(201);
    rememberSecret(res.body.Secret);
    return res;
  };

  before(async () => {
    t = createTestApp();
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `webhook-etags-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    auth = { Authorization: token };
  });

  it('answers the version as a strong ETag on POST (201), GET and PATCH; each write moves it', async () => {
    const created = await create();
    expect(created.headers.etag).to.equal('"1"');
    const { ID } = created.body;
    expect((await request(t.server).get(one(ID)).set(auth).expect(200)).headers.etag).to.equal('"1"');
    expect((await request(t.server).patch(one(ID)).set(auth).send({ Enabled: false }).expect(200)).headers.etag).to.equal('"2"');
    expect((await request(t.server).get(one(ID)).set(auth).expect(200)).headers.etag).to.equal('"2"');
    await request(t.server).delete(one(ID)).set(auth).expect(200);
  });

  it('honours If-Match on PATCH and DELETE: a list or * matches, anything else answers 412 StatusWithErrors, changing and recording nothing', async () => {
    const { ID } = (await create()).body;
    await request(t.server).patch(one(ID)).set(auth).set('If-Match', '"4", "1"').send({ Description: 'v2' }).expect(200);
    const before = (await request(t.server).get(one(ID)).set(auth).expect(200)).body;
    for (const tag of [...NOT_TWO, 'not a tag']) {
      const patched = await request(t.server).patch(one(ID)).set(auth).set('If-Match', tag).send({ URL: 'https://hooks.example.com/lost' }).expect(412);
      expect(patched.body, tag).to.deep.equal(tag === 'not a tag' ? { status: 'error', errors: ['If-Match is not a list of entity tags'] } : STALE);
      expect((await request(t.server).delete(one(ID)).set(auth).set('If-Match', tag).expect(412)).body, tag).to.have.property('status', 'error');
    }
    expect((await request(t.server).get(one(ID)).set(auth).expect(200)).body).to.deep.equal(before);
    expect(await auditActions('portal', String(ID))).to.deep.equal(['created', 'updated']);
    expect((await request(t.server).patch(one(ID)).set(auth).set('If-Match', '*').send({ Description: 'v3' }).expect(200)).headers.etag).to.equal('"3"');
    await request(t.server).delete(one(ID)).set(auth).set('If-Match', '"3"').expect(200, { status: 'ok' });
    await request(t.server).patch(one(ID)).set(auth).set('If-Match', '*').send({ Description: 'gone' }).expect(404);
    await request(t.server).delete(one(ID)).set(auth).set('If-Match', '"3"').expect(404);
  });
});
