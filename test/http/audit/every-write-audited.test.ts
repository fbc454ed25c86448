import { execFile } from 'node:child_process';
import { expect } from 'chai';
import request, { Response } from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TEST_SECRET_KEY, TestApp } from '../../support/test-app';
import { rememberSecret } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

interface Recorded {
  readonly entries: { action: string; actor_kind: string; actor_id: string | null; resource_type: string; resource_id: string; changes: unknown[]; correlation_id: string | null; surface: string; brand_id: string | null }[];
  readonly events: string[];
}

const db = () => testDatabase().dataSource;

/** What `act` recorded: the audit entries made meanwhile, and their events' types (in entry order). */
async function recorded(act: () => Promise<unknown>): Promise<Recorded> {
  const [{ max }] = await db().query('SELECT coalesce(max(id), 0)::bigint AS max FROM audit_entries');
  await act();
  const entries = await db().query('SELECT * FROM audit_entries WHERE id > $1 ORDER BY id', [max]);
  const events: { type: string }[] = await db().query(
    `SELECT type FROM outbox_events WHERE audit_entry_id > $1 ORDER BY audit_entry_id, (type NOT LIKE 'credential.%'), id`, [max]);
  return { entries, events: events.map((e) => e.type).sort() };
}

/** The real command line on the test database. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['dist/src/bootstrap/cli.js', ...args, '--json'],
      { env: { ...process.env, DATABASE_URL: testDatabase().url, SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

/**
 * Issue 17: every write route of both surfaces and every write of the
 * command line records exactly one audit entry and the events the contract
 * lists for it (docs/events-and-audit.md, the table), in the write's own
 * transaction; a failed write records neither. Checked against the tables.
 */
describe('every write is audited: one entry, the listed events, nothing on failure (real PostgreSQL)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let jfw: { brandId: string; url: string; headers: Record<string, string> };
  let keyId: string;
  let portal: PortalClient;

  before(async () => {
    t = createTestApp();
    jfw = await aBrandWithKey(t.container);
    [{ id: keyId }] = await db().query('SELECT id FROM brand_api_keys WHERE brand_id = $1', [jfw.brandId]);
    portal = await portalClient();
  });

  const one = (r: Recorded, action: string, resourceType: string, events: string[]) => {
    expect(r.entries.map((e) => `${e.action} ${e.resource_type}`)).to.deep.equal([`${action} ${resourceType}`]);
    expect(r.events).to.deep.equal([...events].sort());
    return r.entries[0]!;
  };
  const nothing = (r: Recorded) => {
    expect(r.entries).to.deep.equal([]);
    expect(r.events).to.deep.equal([]);
  };

  describe('JFramework surface', () => {
    let id: string;
    const api = () => request(t.server);
    const auth = (req: request.Test) => req.set(jfw.headers).set('X-Correlation-ID', 'corr-audit-1');

    it('POST records "created" by the brand key, with the correlation id, the secret only as changed', async () => {
      let res!: Response;
      const body = anIntegrationAuthenticationBody({ clientSecret: 'top-secret-value-1' });
      const r = await recorded(async () => {
        res = await auth(api().post('/api/v1/app-integrations/authentication')).send(body).expect(201);
      });
      id = res.body.data.id;
      const entry = one(r, 'created', 'integration-authentication', ['integration-authentication.created']);
      expect(entry).to.include({ surface: 'jfw', brand_id: jfw.brandId, actor_kind: 'brand-key', actor_id: keyId, resource_id: id, correlation_id: 'corr-audit-1' });
      expect(entry.changes).to.deep.include({ field: 'clientSecret', changed: true });
      expect(JSON.stringify(entry.changes)).to.not.include('top-secret-value-1');
    });

    it('PUT records "updated"; making it the default is a default-changed event', async () => {
      const put = (overrides: Record<string, unknown>) => auth(api().put(`/api/v1/app-integrations/authentication/${id}`))
        .send(anIntegrationAuthenticationBody({ clientSecret: 'top-secret-value-1', ...overrides })).expect(200);
      const renamed = one(await recorded(() => put({ name: 'Renamed' })), 'updated', 'integration-authentication', ['integration-authentication.updated']);
      expect(renamed.changes).to.deep.include({ field: 'name', from: anIntegrationAuthenticationBody().name, to: 'Renamed' });
      one(await recorded(() => put({ name: 'Renamed', isDefault: true })), 'updated', 'integration-authentication', ['integration-authentication.default-changed']);
    });

    it('PATCH records "updated"', async () => {
      one(await recorded(() => auth(api().patch(`/api/v1/app-integrations/authentication/${id}`)).send({ scope: 'openid' }).expect(200)),
        'updated', 'integration-authentication', ['integration-authentication.updated']);
    });

    it('failed writes record nothing: stale If-Match, duplicate code, unknown id, bad body', async () => {
      nothing(await recorded(() => auth(api().put(`/api/v1/app-integrations/authentication/${id}`)).set('If-Match', '"1"')
        .send(anIntegrationAuthenticationBody()).expect(412)));
      nothing(await recorded(() => auth(api().patch(`/api/v1/app-integrations/authentication/${id}`)).set('If-Match', '"1"').send({ name: 'x' }).expect(412)));
      const code = (await auth(api().get(`/api/v1/app-integrations/authentication/${id}`)).expect(200)).body.data.code;
      nothing(await recorded(() => auth(api().post('/api/v1/app-integrations/authentication')).send(anIntegrationAuthenticationBody({ code })).expect(409)));
      nothing(await recorded(() => auth(api().delete('/api/v1/app-integrations/authentication/AAAAAAAAAAAAAAAAAA')).expect(404)));
      nothing(await recorded(() => auth(api().post('/api/v1/app-integrations/authentication')).send({ name: 1 }).expect(400)));
    });

    it('DELETE records "deleted"; the history still answers it, newest first, for this brand only', async () => {
      one(await recorded(() => auth(api().delete(`/api/v1/app-integrations/authentication/${id}`)).expect(200)),
        'deleted', 'integration-authentication', ['integration-authentication.deleted']);
      const history = (await auth(api().get(`/api/v1/app-integrations/authentication/${id}/history?pageSize=2`)).expect(200)).body.data;
      expect(history.totalItems).to.equal(5);
      expect(history.items.map((e: { action: string }) => e.action)).to.deep.equal(['deleted', 'updated']);
      expect(Object.keys(history.items[1].changes[0]), 'keys in the contract\'s order').to.deep.equal(['field', 'from', 'to']);
      expect(history.items[0]).to.deep.include({ actor: { kind: 'brand-key', id: keyId }, resource: { type: 'integration-authentication', id }, brandId: jfw.brandId, correlationId: 'corr-audit-1' });
      const other = await aBrandWithKey(t.container);
      // Another brand: 404, as for an id never used (the deleted configuration is not theirs to know of).
      const foreign = await api().get(`/api/v1/app-integrations/authentication/${id}/history`).set(other.headers).expect(404);
      expect(foreign.body.errors[0].code).to.equal('AppIntegrationAuthenticationNotFound');
      const all = (await api().get('/api/v1/audit?resourceType=integration-authentication').set(other.headers).expect(200)).body.data;
      expect(all.items).to.deep.equal([]);
      const mine = (await auth(api().get(`/api/v1/audit?resourceId=${id}&from=2000-01-01T00:00:00Z`)).expect(200)).body.data;
      expect(mine.totalItems).to.equal(5);
      await auth(api().get('/api/v1/audit?from=yesterday')).expect(400);
    });
  });

  describe('portal surface', () => {
    const api = () => request(portal.t.server);
    let adminId: string;
    let user: Record<string, any>;
    let app: Record<string, any>;
    let product: Record<string, any>;
    let approved: number;

    before(async () => {
      [{ id: adminId }] = await db().query('SELECT id::text FROM portal_admins WHERE token_hash IS NOT NULL ORDER BY id DESC LIMIT 1');
    });

    it('users: POST, PUT record "created", "updated" by the admin, and no event (the contract lists none)', async () => {
      let res!: Response;
      const created = one(await recorded(async () => {
        res = await api().post('/portal-api/users').set(portal.auth).send({ Email: `audit-${Date.now()}@example.com`, First: 'A', Last: 'B', Role: 'consumer-admin' }).expect(201);
      }), 'created', 'portal-user', []);
      user = res.body;
      expect(created).to.include({ surface: 'portal', brand_id: null, actor_kind: 'portal-admin', actor_id: adminId });
      one(await recorded(() => api().put(`/portal-api/users/${user.ID}`).set(portal.auth).send({ First: 'Ada' }).expect(200)), 'updated', 'portal-user', []);
    });

    it('products: POST records "created"', async () => {
      let res!: Response;
      one(await recorded(async () => {
        res = await api().post('/portal-api/products').set(portal.auth).send({ Name: `Audit API ${Date.now()}`, AuthType: 'oauth2', Scopes: 'read' }).expect(201);
      }), 'created', 'api-product', []);
      product = res.body;
    });

    it('apps: POST and the seed 003 PUT record "created", "updated" with their events; a failed PUT records nothing', async () => {
      let res!: Response;
      one(await recorded(async () => {
        res = await api().post('/portal-api/apps').set(portal.auth).send({ Name: 'Audit App', UserID: user.ID, RedirectURLs: 'https://a.example.com/cb' }).expect(201);
      }), 'created', 'portal-app', ['portal-app.created']);
      app = res.body;
      const updated = one(await recorded(() => api().put(`/portal-api/apps/${app.ID}`).set(portal.auth).send({ Name: 'Payment App' }).expect(200)),
        'updated', 'portal-app', ['portal-app.updated']);
      expect(updated.changes).to.deep.equal([{ field: 'Name', from: 'Audit App', to: 'Payment App' }]);
      nothing(await recorded(() => api().put(`/portal-api/apps/${app.ID}`).set(portal.auth).send({ UserID: 987654321 }).expect(422)));
      nothing(await recorded(() => api().put(`/portal-api/apps/${app.ID}`).set(portal.auth).set('If-Match', '"99"').send({ Name: 'x' }).expect(412)));
    });

    it('access requests: provision, approve (+ credential.issued), rotate, reject, delete (+ credential.revoked)', async () => {
      let requestId!: number;
      one(await recorded(async () => {
        requestId = await portal.provision(app.ID, [product.ID]);
      }), 'provisioned', 'access-request', ['access-request.created']);
      const approval = one(await recorded(() => api().put(`/portal-api/access_requests/${requestId}/approve`).set(portal.auth).expect(200)),
        'approved', 'access-request', ['access-request.approved', 'credential.issued']);
      approved = requestId;
      expect(approval.changes[0]).to.deep.equal({ field: 'Status', from: 'pending', to: 'approved' });
      nothing(await recorded(() => api().put(`/portal-api/access_requests/${requestId}/approve`).set(portal.auth).expect(422)));
      const [credential] = (await api().get(`/portal-api/apps/${app.ID}/access-requests/${requestId}/credentials`).set(portal.auth).expect(200)).body;
      rememberSecret(credential.OAuthClientSecret);
      const rotation = one(await recorded(() => api().put(`/portal-api/apps/${app.ID}/access-requests/${requestId}/credentials/${credential.ID}/rotate`).set(portal.auth).expect(200)),
        'rotated', 'credential', ['credential.rotated']);
      expect(rotation.changes).to.deep.equal([{ field: 'OAuthClientSecret', changed: true }]);
      const second = await portal.provision(app.ID, [product.ID]);
      one(await recorded(() => api().put(`/portal-api/access_requests/${second}/reject`).set(portal.auth).expect(200)), 'rejected', 'access-request', ['access-request.rejected']);
      one(await recorded(() => api().delete(`/portal-api/access_requests/${approved}`).set(portal.auth).expect(200)),
        'deleted', 'access-request', ['access-request.deleted', 'credential.revoked']);
      nothing(await recorded(() => api().delete(`/portal-api/access_requests/${approved}`).set(portal.auth).expect(404)));
    });

    it('DELETE app and user record "deleted"; the portal list answers PascalCase, newest first', async () => {
      one(await recorded(() => api().delete(`/portal-api/apps/${app.ID}`).set(portal.auth).expect(200)), 'deleted', 'portal-app', ['portal-app.deleted']);
      one(await recorded(() => api().delete(`/portal-api/users/${user.ID}`).set(portal.auth).expect(200)), 'deleted', 'portal-user', []);
      const res = await api().get(`/portal-api/audit?resource_type=portal-app&resource_id=${app.ID}&per_page=1`).set(portal.auth).expect(200);
      // At least this app's three (other suites empty the portal tables, so an id can name an earlier app too: entries outlive what they name).
      expect(Number(res.headers['x-total-count'])).to.be.at.least(3);
      expect(res.body).to.have.length(1);
      expect(res.body[0]).to.deep.include({ Action: 'deleted', Actor: { Kind: 'portal-admin', ID: adminId }, Resource: { Type: 'portal-app', ID: String(app.ID) } });
      expect(Object.keys(res.body[0])).to.deep.equal(['ID', 'At', 'Actor', 'Action', 'Resource', 'Changes', 'CorrelationID']);
      const tooLong = await api().get(`/portal-api/audit?resource_type=${'x'.repeat(49)}`).set(portal.auth).expect(422);
      expect(JSON.stringify(tooLong.body)).to.include('resource_type');
      await api().get('/portal-api/audit?per_page=101').set(portal.auth).expect(422);
    });
  });

  describe('command line', () => {
    const n = `${process.pid}-${Date.now().toString(36)}`;
    const brandUrl = `cli-audit-${n}.example.com`;
    const ok = async (...args: string[]) => {
      const run = await cli(...args);
      expect(run.code, run.stderr).to.equal(0);
      return JSON.parse(run.stdout);
    };

    it('each write command records one entry by "cli" and no event; keys and tokens only as changed', async () => {
      one(await recorded(() => ok('brands:create', '--url', brandUrl)), 'created', 'brand', []);
      let key!: { authKey: string; keyId: string };
      const keyEntry = one(await recorded(async () => {
        key = await ok('keys:create', '--brand', brandUrl);
      }), 'created', 'brand-key', []);
      rememberSecret(key.authKey);
      expect(keyEntry).to.include({ actor_kind: 'cli', actor_id: null });
      expect(keyEntry.changes).to.deep.equal([{ field: 'key', changed: true }]);
      one(await recorded(() => ok('keys:revoke', '--brand', brandUrl)), 'revoked', 'brand', []);
      one(await recorded(() => ok('app-integrations:create', '--type', 'SMS', '--name', `Audit SMS ${n}`, '--domain', 'https://sms.example.com')), 'created', 'app-integration', []);
      let admin!: { token: string };
      const adminEntry = one(await recorded(async () => {
        admin = await ok('portal-admins:create', '--email', `cli-admin-${n}@example.com`);
      }), 'created', 'portal-admin', []);
      rememberSecret(admin.token);
      expect(JSON.stringify(adminEntry.changes)).to.not.include(admin.token);
      one(await recorded(() => ok('portal-admins:revoke', '--email', `cli-admin-${n}@example.com`)), 'revoked', 'portal-admin', []);
      one(await recorded(() => ok('secrets:reencrypt')), 'reencrypted', 'stored-secrets', []);
    });

    it('a failed command records nothing, and audit:list answers {"items"} for one brand', async () => {
      nothing(await recorded(async () => expect((await cli('brands:create', '--url', brandUrl)).code).to.not.equal(0)));
      const { items } = await ok('audit:list', '--brand', brandUrl);
      expect(items.map((e: { action: string; resource: { type: string } }) => `${e.action} ${e.resource.type}`)).to.deep.equal([
        'revoked brand', 'created brand-key', 'created brand',
      ]);
      expect(items[0]).to.have.keys(['id', 'at', 'actor', 'action', 'resource', 'brandId', 'changes', 'correlationId']);
    });
  });
});
