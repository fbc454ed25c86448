import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { presentIntegrationAuthentication } from '../../../src/adapters/http/jfw/integration-authentication.presenter';
import { presentApp } from '../../../src/adapters/http/portal/portal.presenter';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { IntegrationAuthenticationRow, secretContext, toView, VIEW_COLUMNS } from '../../../src/adapters/persistence/typeorm/jfw/integration-authentication.row';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { toPortalApp } from '../../../src/adapters/persistence/typeorm/portal/portal.rows';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { withoutAuditCall, withUnauditedWrite } from '../../../bench/lib/unaudited-write';
import { rejectionOf } from '../../support/rejection';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { TEST_SECRET_KEY } from '../../support/test-app';

const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
/** Stands in for the keyed digest the wiring phase adds to SecretCipher (HMAC with a key derived from SECRET_KEY). */
const digest = (secret: string) => createHmac('sha256', Buffer.from(TEST_SECRET_KEY, 'base64')).update(secret).digest();

/**
 * The two seed PUTs as they will run once audit and outbox are wired in:
 * the same number of statements as today, each recording its audit entry
 * and event itself. Prototypes of the repository SQL, on a database of
 * their own with the audit-and-outbox migration applied.
 */
describe('audited seed PUTs keep their statement count (real PostgreSQL)', function () {
  this.timeout(60_000);
  let db: ScratchDatabase;
  let pool: Pool;

  before(async () => {
    db = await createScratchDatabase(MIGRATIONS, (p) => GraphileWorkerJobRunner.installSchema(p, { log: () => undefined }));
    pool = db.pool;
  });
  after(async () => {
    await db?.drop();
  });

  describe('seed 000 PUT: one statement', () => {
    const REPLACE = `SELECT ${VIEW_COLUMNS} FROM ih_replace_integration_authentication_audited(
      $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) r
      JOIN app_integrations ai ON ai.id = r.app_integration_id`;
    let brand: string;
    let id: string;

    const put = (changes: { name?: string; scope?: string; secret?: string; isDefault?: boolean; expectedVersion?: number | null }) => {
      const secret = changes.secret ?? 'secret-1';
      return pool.query<IntegrationAuthenticationRow>(REPLACE, [
        id, brand, changes.expectedVersion === undefined || changes.expectedVersion === null ? null : [changes.expectedVersion], 'GoogleSignIn000001', 'google', changes.name ?? 'Google', 'proj', 'client',
        cipher.encrypt(secret, secretContext(brand, id)), 'https://app.example.com/cb', changes.scope ?? 'openid', null, null, null, null, null,
        'Active', changes.isDefault ?? false, new Date(), digest(secret), 'brand-key', 'key-1', 'corr-000',
      ]);
    };
    const auditOf = async () =>
      (await pool.query(`SELECT a.*, e.type AS event_type, e.body FROM audit_entries a LEFT JOIN outbox_events e ON e.audit_entry_id = a.id
                          WHERE a.resource_id = $1 ORDER BY a.id`, [id])).rows;

    before(async () => {
      brand = randomBytes(9).toString('hex');
      id = randomBytes(9).toString('hex');
      await pool.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'B')`, [brand, `${brand}.example.com`]);
      // Created before digests existed: its secret's digest is unknown.
      await pool.query(`INSERT INTO integration_authentications (id, brand_id, app_integration_id, code, name, project_id, client_id,
          client_secret, redirect_uri, scope, status, is_default, version, created_at, updated_at)
        VALUES ($1, $2, 'GoogleSignIn000001', 'google', 'Google', 'proj', 'client', $3, 'https://app.example.com/cb', 'openid', 'Active', false, 1, now(), now())`,
        [id, brand, cipher.encrypt('secret-1', secretContext(brand, id))]);
    });

    it('records the changed fields, the secret as changed only, and an event whose data is the answer without the secret', async () => {
      const { rows } = await put({ name: 'Google Workspace' });
      const [entry] = await auditOf();
      expect(entry).to.include({ surface: 'jfw', brand_id: brand, actor_kind: 'brand-key', actor_id: 'key-1', action: 'updated', resource_type: 'integration-authentication', correlation_id: 'corr-000' });
      // The stored digest was unknown, so the secret counts as changed although it is the same.
      expect(entry.changes).to.deep.equal([{ field: 'name', from: 'Google', to: 'Google Workspace' }, { field: 'clientSecret', changed: true }]);
      expect(entry.event_type).to.equal('integration-authentication.updated');
      const answer = presentIntegrationAuthentication(toView(rows[0], (stored, context) => cipher.decrypt(stored, context)));
      const { clientSecret, ...withoutSecret } = answer;
      expect(JSON.parse(entry.body).data).to.deep.equal(withoutSecret);
      expect(entry.body).to.not.include(clientSecret);
      expect(JSON.stringify(entry.changes)).to.not.include(clientSecret);
    });

    it('leaves the secret out of the changes when its digest did not change, and names a new secret only as changed', async () => {
      await put({ name: 'Google Workspace', scope: 'openid email' });
      await put({ name: 'Google Workspace', scope: 'openid email', secret: 'secret-2' });
      const entries = await auditOf();
      expect(entries.slice(-2).map((e) => e.changes)).to.deep.equal([
        [{ field: 'scope', from: 'openid', to: 'openid email' }],
        [{ field: 'clientSecret', changed: true }],
      ]);
      expect(JSON.stringify(entries)).to.not.include('secret-2');
    });

    it('calls a write that makes the configuration the default a default-changed event', async () => {
      await put({ name: 'Google Workspace', scope: 'openid email', secret: 'secret-2', isDefault: true });
      const last = (await auditOf()).pop();
      expect(last.changes).to.deep.equal([{ field: 'isDefault', from: false, to: true }]);
      expect(last.event_type).to.equal('integration-authentication.default-changed');
    });

    it('records nothing when the write fails', async () => {
      const before = (await auditOf()).length;
      const error = (await rejectionOf(put({ name: 'Stale', expectedVersion: 1 }))) as { code?: string };
      expect(error.code).to.equal('IH412');
      expect(await auditOf()).to.have.length(before);
      expect((await pool.query(`SELECT count(*)::int AS n FROM outbox_events WHERE resource_id = $1`, [id])).rows[0].n).to.equal(before);
    });

    it("without its audit call (the bench's serviceUnaudited) writes and answers the same, records nothing, and is put back afterwards", async () => {
      const shipped = (await pool.query(`SELECT pg_get_functiondef('ih_replace_integration_authentication_audited'::regproc) AS d`)).rows[0].d as string;
      const recorded = async () => (await pool.query(`SELECT count(*)::int AS n FROM outbox_events WHERE resource_id = $1`, [id])).rows[0].n + (await auditOf()).length;
      const before = await recorded();
      const answer = await withUnauditedWrite(db.url, async () => (await put({ name: 'Unaudited', expectedVersion: null })).rows[0]);
      expect(answer).to.include({ id, name: 'Unaudited' });
      expect((await pool.query(`SELECT name FROM integration_authentications WHERE id = $1`, [id])).rows[0].name).to.equal('Unaudited');
      expect(await recorded()).to.equal(before);
      expect((await pool.query(`SELECT pg_get_functiondef('ih_replace_integration_authentication_audited'::regproc) AS d`)).rows[0].d).to.equal(shipped);
      await put({ name: 'Audited again' });
      expect((await auditOf()).pop().changes).to.deep.equal([{ field: 'name', from: 'Unaudited', to: 'Audited again' }]);
      expect(() => withoutAuditCall(withoutAuditCall(shipped))).to.throw(/no "PERFORM ih_record_change/);
    });
  });

  describe('seed 003 PUT: still one write statement', () => {
    /*
     * Today's statement, plus: `old` locks and reads the row the UPDATE then
     * changes (the "from" values), and `recorded` writes audit entry and event.
     * A volatile function in a CTE is evaluated once per row, and the final
     * SELECT reads `recorded`, so it cannot be skipped.
     */
    const UPDATE_SQL = `
      WITH old AS (SELECT * FROM portal_apps WHERE id = $1 FOR UPDATE),
      updated AS (
        UPDATE portal_apps p SET name = coalesce($3, p.name), description = coalesce($4, p.description),
               redirect_urls = coalesce($5, p.redirect_urls), user_id = coalesce($6, p.user_id),
               visibility = coalesce($7, p.visibility), version = p.version + 1, updated_at = $8
          FROM old WHERE p.id = old.id AND ($2::integer IS NULL OR p.version = $2) RETURNING p.*),
      followed AS (
        UPDATE portal_credentials c SET redirect_uri = u.redirect_urls, updated_at = u.updated_at, version = c.version + 1
          FROM updated u JOIN access_requests ar ON ar.app_id = u.id
         WHERE c.access_request_id = ar.id AND c.auth_type = 'oauth2' AND c.redirect_uri IS DISTINCT FROM u.redirect_urls
        RETURNING c.id),
      recorded AS (
        SELECT ih_record_change($8, 'portal', NULL, 'portal-admin', $9, 'updated', 'portal-app', u.id::text,
                 ih_changes(ih_portal_app_json(o::portal_apps), ih_portal_app_json(u::portal_apps),
                   ARRAY['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility']),
                 $10, 'portal-app.updated', ih_portal_app_json(u::portal_apps)) AS audit_id
          FROM updated u CROSS JOIN old o)
      SELECT updated.* FROM updated CROSS JOIN recorded`;
    let app: number;

    before(async () => {
      const user = (await pool.query(`INSERT INTO portal_users (email, first, last, role, active, version, created_at, updated_at)
        VALUES ($1, 'A', 'B', 'provider-admin', true, 1, now(), now()) RETURNING id`, [`${randomBytes(4).toString('hex')}@example.com`])).rows[0].id;
      app = (await pool.query(`INSERT INTO portal_apps (name, description, redirect_urls, user_id, visibility, version, created_at, updated_at)
        VALUES ('App', 'd', 'https://a.example.com/cb', $1, 'personal', 1, now(), now()) RETURNING id`, [user])).rows[0].id;
    });
    const update = (name: string | null, expectedVersion: number | null = null, redirect: string | null = null) =>
      pool.query(UPDATE_SQL, [app, expectedVersion, name, null, redirect, null, null, new Date(), '7', `corr-${name}`]);
    const entries = async () => (await pool.query(`SELECT a.changes, e.body FROM audit_entries a JOIN outbox_events e ON e.audit_entry_id = a.id
      WHERE a.resource_type = 'portal-app' AND a.resource_id = $1 ORDER BY a.id`, [String(app)])).rows;

    it('records the partial change against the row it changed, and the app as the portal answers it', async () => {
      const { rows } = await update('Payment App', null, 'https://pay.example.com/cb');
      const [entry] = await entries();
      expect(entry.changes).to.deep.equal([
        { field: 'Name', from: 'App', to: 'Payment App' },
        { field: 'RedirectURLs', from: 'https://a.example.com/cb', to: 'https://pay.example.com/cb' },
      ]);
      const { AccessRequests: _, ...asAnswered } = presentApp({ app: toPortalApp(rows[0]), accessRequests: [] });
      expect(JSON.parse(entry.body).data).to.deep.equal(asAnswered);
    });

    it('writes nothing for a stale If-Match', async () => {
      const before = (await entries()).length;
      const { rows } = await update('Stale', 1);
      expect(rows).to.have.length(0);
      expect(await entries()).to.have.length(before);
    });

    it('chains the "from" of each concurrent change to the "to" of the one before it', async () => {
      const before = (await entries()).length;
      await Promise.all(Array.from({ length: 20 }, (_, i) => update(`name-${i}`)));
      const names = (await entries()).slice(before).map((e) => e.changes.find((c: { field: string }) => c.field === 'Name'));
      expect(names).to.have.length(20);
      for (let i = 1; i < names.length; i++) expect(names[i].from, `entry ${i}`).to.equal(names[i - 1].to);
    });
  });
});
