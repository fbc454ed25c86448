import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import { GetIntegrationAuthentication } from '../../../src/application/integration-authentication/get-integration-authentication.use-case';
import { PatchIntegrationAuthentication } from '../../../src/application/integration-authentication/patch-integration-authentication.use-case';
import { GetAccessRequest } from '../../../src/application/access-request/get-access-request.use-case';
import { ReencryptSecrets } from '../../../src/application/secrets/reencrypt-secrets.use-case';
import { createContainer } from '../../../src/bootstrap/container';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalClient } from '../portal/portal-http.support';
import { TEST_CHANGE } from '../../support/change';

const PATH = '/api/v1/app-integrations/authentication';

/**
 * The test database is shared by every suite and its secrets are under
 * TEST_SECRET_KEY (key A here). The test rotates the whole database to a new
 * key B and checks the rows read with B alone, then rotates back with the
 * CLI itself, so the suites after this one still read their rows.
 */
describe('secrets:reencrypt on PostgreSQL', () => {
  const keyA = TEST_SECRET_KEY;
  const keyB = randomBytes(32).toString('base64');
  const container = (secretKey: string, previousSecretKeys: string[] = []) =>
    createContainer({ persistence: { kind: 'typeorm', dataSource: testDatabase().dataSource }, secretKey, previousSecretKeys });

  async function secretRowCounts(): Promise<Record<string, number>> {
    const [row] = await testDatabase().dataSource.query(`SELECT
      (SELECT count(*)::int FROM integration_authentications) AS "integrationAuthentications",
      (SELECT count(*)::int FROM portal_credentials
        WHERE credential IS NOT NULL OR oauth_client_secret IS NOT NULL OR dcr_registration_access_token IS NOT NULL) AS "portalCredentials",
      (SELECT count(*)::int FROM identity_providers WHERE initial_access_token IS NOT NULL) AS "identityProviders",
      (SELECT count(*)::int FROM dcr_deletions) AS "dcrDeletions"`);
    return row;
  }

  function cli(env: Record<string, string>, ...args: string[]) {
    return promisify(execFile)(process.execPath, ['dist/src/bootstrap/cli.js', ...args], {
      env: { ...process.env, DATABASE_URL: testDatabase().url, LOG_LEVEL: 'silent', ...env },
    });
  }

  it('re-encrypts client secrets and portal credentials written under key A so that key B alone reads them', async () => {
    const c = await portalClient();
    const { brandId, headers } = await aBrandWithKey(c.t.container);
    const jfwIds: string[] = [];
    const etags: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(c.t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ clientSecret: `rotate-me-${i}` })).expect(201);
      jfwIds.push(res.body.data.id);
      etags.push(res.headers.etag);
    }
    const requestIds: number[] = [];
    for (const authType of ['oauth2', 'basicAuth', 'authToken']) {
      const app = await c.anApp();
      const requestId = await c.provision(app.ID, [(await c.aProduct(authType)).ID]);
      await request(c.t.server).put(`/portal-api/access_requests/${requestId}/approve`).set(c.auth).expect(200);
      requestIds.push(requestId);
    }
    const credentialsUnderA = await Promise.all(requestIds.map(async (id) => (await container(keyA).get(GetAccessRequest).execute({ accessRequestId: id })).credentials[0].snapshot()));
    const expected = await secretRowCounts();

    try {
      // A → B in-process, three rows per batch: every table takes several transactions.
      const result = await container(keyB, [keyA]).get(ReencryptSecrets).execute({ change: TEST_CHANGE, batchSize: 3 });
      console.log(`      A → B: ${JSON.stringify(result)}`);
      expect(result).to.deep.equal({ reencrypted: expected, undecryptable: [] });

      const onlyB = container(keyB);
      for (const [i, id] of jfwIds.entries()) {
        const view = await onlyB.get(GetIntegrationAuthentication).execute({ brandId, id });
        expect(view.authentication.settings.clientSecret).to.equal(`rotate-me-${i}`);
      }
      for (const [i, id] of requestIds.entries()) {
        const { credentials } = await onlyB.get(GetAccessRequest).execute({ accessRequestId: id });
        expect(credentials[0].snapshot()).to.deep.equal(credentialsUnderA[i]);
      }
      // Key A alone no longer opens the rotated values: they read as null (and are reported), never as a failure.
      const stale = await container(keyA).get(GetIntegrationAuthentication).execute({ brandId, id: jfwIds[0] });
      expect(stale.authentication.settings.clientSecret, 'key A alone no longer opens the rotated values').to.equal(null);
      const [{ version }] = await testDatabase().dataSource.query('SELECT version FROM integration_authentications WHERE id = $1', [jfwIds[0]]);
      expect(version).to.equal(1);

      const again = await container(keyB, [keyA]).get(ReencryptSecrets).execute({ change: TEST_CHANGE, batchSize: 3 });
      expect(again.reencrypted).to.deep.equal({ integrationAuthentications: 0, portalCredentials: 0, identityProviders: 0, dcrDeletions: 0 });

      // The secrets' digests were recomputed under key B: a write that keeps the secret does not report it as changed.
      await container(keyB, [keyA]).get(PatchIntegrationAuthentication).execute({ brandId, id: jfwIds[1]!, patch: { name: 'after rotation' }, change: TEST_CHANGE });
      const [entry] = await testDatabase().dataSource.query('SELECT changes FROM audit_entries WHERE resource_id = $1 ORDER BY id DESC LIMIT 1', [jfwIds[1]]);
      expect(entry.changes).to.deep.equal([{ field: 'name', from: 'Google OAuth2 Integration', to: 'after rotation' }]);
    } finally {
      // B → A through the command line, as an operator would run it.
      const { stdout } = await cli({ SECRET_KEY: keyA, SECRET_KEYS_PREVIOUS: keyB }, 'secrets:reencrypt', '--json');
      console.log(`      B → A (CLI): ${stdout.trim()}`);
      expect(JSON.parse(stdout)).to.deep.equal({ reencrypted: expected, undecryptable: [] });
    }
    const view = await container(keyA).get(GetIntegrationAuthentication).execute({ brandId, id: jfwIds[4] });
    expect(view.authentication.settings.clientSecret).to.equal('rotate-me-4');
    // Same secret, same version: an ETag taken before the rotations still matches.
    expect((await request(c.t.server).get(`${PATH}/${jfwIds[0]}`).set(headers).expect(200)).headers.etag).to.equal(etags[0]);
  });

  it('fills the digest of a secret written before digests, without a new ciphertext, so its next write reports no secret change', async () => {
    const { brandId, headers } = await aBrandWithKey(container(keyA));
    const t = (await portalClient()).t;
    const id = (await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ clientSecret: 'old-row-secret' })).expect(201)).body.data.id;
    const db = testDatabase().dataSource;
    // As a row of a database migrated to digests: no digest yet.
    await db.query('UPDATE integration_authentications SET client_secret_digest = NULL WHERE id = $1', [id]);
    const [{ client_secret: ciphertext }] = await db.query('SELECT client_secret FROM integration_authentications WHERE id = $1', [id]);
    await container(keyA).get(ReencryptSecrets).execute({ change: TEST_CHANGE });
    const [after] = await db.query('SELECT client_secret, client_secret_digest IS NOT NULL AS has_digest FROM integration_authentications WHERE id = $1', [id]);
    expect(after).to.deep.equal({ client_secret: ciphertext, has_digest: true });
    await container(keyA).get(PatchIntegrationAuthentication).execute({ brandId, id, patch: { name: 'digest filled' }, change: TEST_CHANGE });
    const [entry] = await db.query('SELECT changes FROM audit_entries WHERE resource_id = $1 ORDER BY id DESC LIMIT 1', [id]);
    expect(entry.changes).to.deep.equal([{ field: 'name', from: 'Google OAuth2 Integration', to: 'digest filled' }]);
  });

  it('skips a row no configured key opens, re-encrypts the rest, and exits 1 with one summary line', async () => {
    const { brandId, headers } = await aBrandWithKey(container(keyA));
    const t = (await portalClient()).t;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ clientSecret: `skip-${i}` })).expect(201)).body.data.id);
    }
    // One row's value names a key nobody has (a damaged value, or one from another installation).
    const { dataSource } = testDatabase();
    await dataSource.query("UPDATE integration_authentications SET client_secret = regexp_replace(client_secret, '^v1\\.[^.]+\\.', 'v1.00000000.') WHERE id = $1", [ids[1]]);
    const [{ client_secret: damaged }] = await dataSource.query('SELECT client_secret FROM integration_authentications WHERE id = $1', [ids[1]]);
    expect(damaged).to.match(/^v1\.00000000\./);
    const expected = await secretRowCounts();

    let run: { code: number; stdout: string; stderr: string };
    let leftAs: string;
    try {
      run = await cli({ SECRET_KEY: keyB, SECRET_KEYS_PREVIOUS: keyA }, 'secrets:reencrypt', '--json').then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      [{ client_secret: leftAs }] = await dataSource.query('SELECT client_secret FROM integration_authentications WHERE id = $1', [ids[1]]);
    } finally {
      // Back to key A for the suites after this one (the damaged row is reported again, exit 1).
      await cli({ SECRET_KEY: keyA, SECRET_KEYS_PREVIOUS: keyB }, 'secrets:reencrypt', '--json').catch(() => undefined);
      await dataSource.query('DELETE FROM integration_authentications WHERE id = $1', [ids[1]]);
    }
    console.log(`      A → B with one damaged row: exit ${run.code}, ${run.stdout.trim()} / ${run.stderr.trim()}`);
    expect(run.code, run.stderr).to.equal(1);
    expect(JSON.parse(run.stdout)).to.deep.equal({
      reencrypted: { ...expected, integrationAuthentications: expected.integrationAuthentications - 1 },
      undecryptable: [{ table: 'integrationAuthentications', rowId: ids[1], field: 'client_secret' }],
    });
    expect(run.stderr).to.equal(
      'secrets:reencrypt: 1 row(s) skipped: 1 value(s) do not decrypt with SECRET_KEY or SECRET_KEYS_PREVIOUS (each one listed on stdout); every other value was re-encrypted\n',
    );
    expect(leftAs, 'the damaged value is left as it was').to.equal(damaged);
    // The others were rewritten, then rotated back: key A alone reads them.
    for (const i of [0, 2]) {
      const view = await container(keyA).get(GetIntegrationAuthentication).execute({ brandId, id: ids[i]! });
      expect(view.authentication.settings.clientSecret).to.equal(`skip-${i}`);
    }
  });
});
