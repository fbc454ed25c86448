import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp } from '../support/test-app';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';
import { portalClient } from './portal/portal-http.support';
import { testDatabase } from '../support/test-database';

/**
 * A rolling upgrade: instances of the old build keep serving while the new
 * build's migration adds columns. The hot statements are named prepared
 * statements, and PostgreSQL refuses to run one whose result columns changed
 * ("cached plan must not change result type"), so they name their columns:
 * a column added under a running service must change nothing it answers.
 */
describe('a column added while the service runs (rolling upgrade)', () => {
  const added: Array<[string, string]> = [];
  const addColumn = async (table: string) => {
    const column = `rolling_upgrade_${added.length}`;
    await testDatabase().dataSource.query(`ALTER TABLE ${table} ADD COLUMN ${column} integer DEFAULT 7`);
    added.push([table, column]);
  };

  after(async () => {
    for (const [table, column] of added.splice(0)) await testDatabase().dataSource.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  });

  it('seed 000 PUT, POST and GET answer as before after a column is added to the configurations and the catalog', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    const created = await request(t.server).post('/api/v1/app-integrations/authentication').set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    const path = `/api/v1/app-integrations/authentication/${created.body.data.id}`;
    const before = await request(t.server).put(path).set(headers).send(anIntegrationAuthenticationBody({ name: 'Before' })).expect(200);

    await addColumn('integration_authentications');
    await addColumn('app_integrations');

    const after = await request(t.server).put(path).set(headers).send(anIntegrationAuthenticationBody({ name: 'After' })).expect(200);
    expect(Object.keys(after.body.data).sort()).to.deep.equal(Object.keys(before.body.data).sort());
    expect(after.body.data.name).to.equal('After');
    await request(t.server).post('/api/v1/app-integrations/authentication').set(headers).send(anIntegrationAuthenticationBody({ code: 'after-upgrade' })).expect(201);
    const read = await request(t.server).get(path).set(headers).expect(200);
    expect(read.body.data).to.not.have.property('rolling_upgrade_0');
  });

  it('seed 003 PUT answers as before after columns are added to apps, access requests and credentials', async () => {
    const c = await portalClient();
    const user = await c.aUser();
    const app = await c.anApp({ UserID: user.ID });
    await c.provision(app.ID, [(await c.aProduct('oauth2')).ID]);
    const body = (name: string) => ({ Name: name, RedirectURLs: 'https://app-host/auth', UserID: user.ID, Visibility: 'personal' });
    const before = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send(body('Before')).expect(200);

    for (const table of ['portal_apps', 'access_requests', 'portal_credentials', 'portal_admins']) await addColumn(table);

    const after = await request(c.t.server).put(`/portal-api/apps/${app.ID}`).set(c.auth).send(body('After')).expect(200);
    expect(after.body.Name).to.equal('After');
    expect(Object.keys(after.body).sort()).to.deep.equal(Object.keys(before.body).sort());
    expect(Object.keys(after.body.AccessRequests[0]).sort()).to.deep.equal(Object.keys(before.body.AccessRequests[0]).sort());
  });
});
