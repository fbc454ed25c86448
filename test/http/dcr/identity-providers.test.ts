import { execFile } from 'node:child_process';
import { expect } from 'chai';
import request from 'supertest';
import { OidcProviderHarness } from '../../support/oidc-provider-harness';
import { rememberSecret } from '../../support/suite-secrets';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real command line on the test database; `stdin` is written and closed. */
function cli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['dist/src/bootstrap/cli.js', ...args],
      { env: { ...process.env, DATABASE_URL: testDatabase().url, SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

describe('identity providers: idps:create and GET /portal-api/identity-providers', function () {
  this.timeout(60_000);
  let provider: OidcProviderHarness;
  let portal: PortalClient;

  before(async () => {
    provider = await OidcProviderHarness.start();
    rememberSecret(provider.initialAccessToken!);
    portal = await portalClient();
  });
  after(async () => {
    await provider?.stop();
  });

  it('creates a provider from its issuer (the registration endpoint from discovery) and lists it without its token', async () => {
    const run = await cli(
      ['idps:create', '--name', 'Test IdP', '--issuer', provider.issuer, '--initial-access-token', '-', '--json'],
      { WEBHOOK_ALLOW_PRIVATE: 'true' },
      `${provider.initialAccessToken}\n`,
    );
    expect(run.code, run.stderr).to.equal(0);
    const created = JSON.parse(run.stdout);
    expect(created).to.deep.equal({ id: created.id, name: 'Test IdP', issuer: provider.issuer, registrationEndpoint: provider.registrationEndpoint });
    expect(run.stdout + run.stderr).not.to.include(provider.initialAccessToken!);

    const [row] = await testDatabase().dataSource.query(`SELECT initial_access_token FROM identity_providers WHERE id = $1`, [created.id]);
    expect(row.initial_access_token).not.to.include(provider.initialAccessToken!);

    const entries = await testDatabase().dataSource.query(
      `SELECT actor_kind, action, changes FROM audit_entries WHERE resource_type = 'identity-provider' AND resource_id = $1`, [String(created.id)]);
    expect(entries).to.deep.equal([{
      actor_kind: 'cli', action: 'created',
      changes: [
        { field: 'Name', from: null, to: 'Test IdP' }, { field: 'Issuer', from: null, to: provider.issuer },
        { field: 'RegistrationEndpoint', from: null, to: provider.registrationEndpoint }, { field: 'InitialAccessToken', changed: true },
      ],
    }]);

    const res = await request(portal.t.server).get('/portal-api/identity-providers?per_page=100').set(portal.auth).expect(200);
    const listed = (res.body as Record<string, unknown>[]).find((p) => p.ID === created.id);
    expect(listed).to.deep.include({ ID: created.id, Name: 'Test IdP', Issuer: provider.issuer, RegistrationEndpoint: provider.registrationEndpoint });
    expect(JSON.stringify(res.body)).not.to.include(provider.initialAccessToken!);
  });

  it('refuses a provider on a private address unless WEBHOOK_ALLOW_PRIVATE=true: nothing stored, one line on stderr', async () => {
    const run = await cli(['idps:create', '--name', 'Private', '--issuer', provider.issuer, '--json'], { WEBHOOK_ALLOW_PRIVATE: '' });
    expect(run.code).not.to.equal(0);
    expect(run.stderr).to.match(/not allowed/);
    expect(run.stdout).to.equal('');
  });

  it('refuses the same issuer twice', async () => {
    const env = { WEBHOOK_ALLOW_PRIVATE: 'true', IDP_INITIAL_ACCESS_TOKEN: provider.initialAccessToken! };
    const second = await cli(['idps:create', '--name', 'Again', '--issuer', provider.issuer], env);
    expect(second.code).not.to.equal(0);
    expect(second.stderr).to.match(/exists already/);
  });
});
