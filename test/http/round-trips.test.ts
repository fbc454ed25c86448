import { expect } from 'chai';
import { Client } from 'pg';
import request from 'supertest';
import { aBrandWithKey, createTestApp } from '../support/test-app';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { portalClient } from './portal/portal-http.support';
import { testDatabase } from '../support/test-database';

/** Records every statement any pg client sends while `action` runs (TypeORM and the pool path alike). */
async function statementsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    sent.push((typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await action();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}

describe('round trips per PUT (auth lookups cached)', () => {
  it('seed 000 PUT sends one statement: the write that answers the view', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    const created = await request(t.server).post('/api/v1/app-integrations/authentication').set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    const put = () => request(t.server).put(`/api/v1/app-integrations/authentication/${created.body.data.id}`).set(headers)
      .send(anIntegrationAuthenticationBody({ name: 'Renamed' })).expect(200);
    const sent = await statementsDuring(put);
    expect(sent).to.have.length(1);
    expect(sent[0]).to.match(/^SELECT .* FROM ih_replace_integration_authentication_audited\(/);
    // That one statement also recorded the change: its audit entry and its event.
    const db = testDatabase().dataSource;
    const [entry] = await db.query(`SELECT id, action FROM audit_entries WHERE resource_id = $1 ORDER BY id DESC LIMIT 1`, [created.body.data.id]);
    expect(entry.action).to.equal('updated');
    const events = await db.query(`SELECT type FROM outbox_events WHERE audit_entry_id = $1`, [entry.id]);
    expect(events).to.deep.equal([{ type: 'integration-authentication.updated' }]);
  });

  it('seed 003 PUT sends one statement: the write that answers the app with its access requests', async () => {
    const c = await portalClient();
    const user = await c.aUser();
    const app = await c.anApp({ UserID: user.ID });
    await c.provision(app.ID, [(await c.aProduct('authToken')).ID]);
    const body = { Name: 'Payment App', Description: 'This is my payment application', RedirectURLs: 'https://app-host/auth', UserID: user.ID, Visibility: 'personal' };
    const sent = await statementsDuring(() => request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send(body).expect(200));
    expect(sent).to.have.length(1);
    expect(sent[0]).to.match(/^SELECT .* FROM ih_update_portal_app_audited\(/);
    // That one statement recorded the change (entry and event) and answered the app's access request with its credential.
    const db = testDatabase().dataSource;
    const [entry] = await db.query(`SELECT id, action FROM audit_entries WHERE resource_type = 'portal-app' AND resource_id = $1 ORDER BY id DESC LIMIT 1`, [String(app.ID)]);
    expect(entry.action).to.equal('updated');
    const events = await db.query(`SELECT type FROM outbox_events WHERE audit_entry_id = $1`, [entry.id]);
    expect(events).to.deep.equal([{ type: 'portal-app.updated' }]);
  });

  it('a list page sends one statement, its bounded count inside; a page past the first 10,000 items sends none', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    await request(t.server).get('/api/v1/audit').set(headers).expect(200); // the key's lookup, cached from here on
    const page = await statementsDuring(() => request(t.server).get('/api/v1/audit').set(headers).expect(200));
    expect(page).to.have.length(1);
    expect(page[0]).to.include('SELECT count(*) AS n FROM (SELECT 1 FROM audit_entries WHERE brand_id = $1 LIMIT 10000) AS reachable');
    expect(await statementsDuring(() => request(t.server).get('/api/v1/audit?pageNumber=50&pageSize=200').set(headers).expect(400))).to.deep.equal([]);
    const c = await portalClient();
    await request(c.t.server).get('/portal-api/audit').set(c.auth).expect(200);
    expect(await statementsDuring(() => request(c.t.server).get('/portal-api/audit?page=101&per_page=100').set(c.auth).expect(422))).to.deep.equal([]);
  });
});
