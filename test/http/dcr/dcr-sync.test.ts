import { expect } from 'chai';
import { credentialContext, registrationTokenContext } from '../../../src/adapters/persistence/typeorm/portal/credential.rows';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { RegistrationHandle } from '../../../src/application/ports/client-registration';
import { IdentityProviderRefused } from '../../../src/application/ports/identity-provider-errors';
import { rejectionOf } from '../../support/rejection';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { HARNESS_ACCOUNT_ID } from '../../support/oidc-provider-harness';
import { DcrWorld } from './dcr-sync.support';
import { eventually } from '../../support/eventually';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });

const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY));
let counter = 0;

describe('dynamic client registration against a real OpenID provider (oidc-provider on 127.0.0.1, graphile-worker)', function () {
  this.timeout(90_000);
  let world: DcrWorld;

  before(async () => {
    world = await DcrWorld.start();
  });
  after(async () => {
    await world?.stop();
  });

  /** An app with redirect URLs, a DCR product, a request for it, approved: the credential's id and the request's. */
  async function approvedDcr(redirectUrls = 'https://app.example.com/callback'): Promise<{ appId: number; requestId: number; credentialId: number }> {
    const api = world.api();
    const n = ++counter;
    const user = (await api.post('/users', { Email: `dcr-${n}@example.com`, First: 'Ada', Last: 'L', Role: 'consumer-admin' }).expect(201)).body;
    const app = (await api.post('/apps', { Name: `DCR App ${n}`, RedirectURLs: redirectUrls, UserID: user.ID }).expect(201)).body;
    const product = (await api.post('/products', {
      Name: `DCR API ${n}`, AuthType: 'oauth2', Scopes: 'openid api:read', DCREnabled: true, IdentityProviderID: world.identityProviderId,
    }).expect(201)).body;
    const provisioned = await api.put(`/apps/${app.ID}/provision`, { Products: [product.ID] }).expect(200);
    const requestId = Number(/(\d+)/.exec(provisioned.body.message)![1]);
    await api.put(`/access_requests/${requestId}/approve`).expect(200);
    const [credential] = (await api.get(`/apps/${app.ID}/access-requests/${requestId}/credentials`).expect(200)).body;
    return { appId: app.ID, requestId, credentialId: credential.ID };
  }

  function handleOf(row: Record<string, any>): RegistrationHandle {
    return {
      clientId: row.oauth_client_id,
      clientSecret: row.oauth_client_secret === null ? null : cipher.decrypt(row.oauth_client_secret, credentialContext(row.id)),
      registrationClientUri: row.dcr_registration_client_uri,
      registrationAccessToken: cipher.decrypt(row.dcr_registration_access_token, registrationTokenContext(row.id)),
    };
  }

  /** The provider's client, asked over RFC 7592 with the token we hold; null once the provider forgot it. */
  async function atProvider(row: Record<string, any>): Promise<Record<string, unknown> | null> {
    return (await world.provider.clientMetadata(row.oauth_client_id)) ?? null;
  }

  it('approve → pending at once, then a client at the provider with the app\'s redirect URIs; the credential shows the provider\'s answer', async () => {
    const { appId, requestId, credentialId } = await approvedDcr('https://app.example.com/callback,https://app.example.com/other');
    const api = world.api();
    const credentials = `/apps/${appId}/access-requests/${requestId}/credentials`;
    // No job runs yet: the approval committed on its own, with the job queued.
    const [pending] = (await api.get(credentials).expect(200)).body;
    expect(pending).to.deep.include({ DCRSyncStatus: 'pending', DCRSyncError: null, OAuthClientID: null, OAuthClientSecret: null, DCRResponse: null });
    expect((await api.get(`/access_requests/${requestId}`).expect(200)).body.DCREnabled).to.equal(true);
    const queued = await world.pool.query(`SELECT task_identifier, locked_at FROM graphile_worker.jobs WHERE key = $1`, [`dcr:${credentialId}`]);
    expect(queued.rows).to.deep.equal([{ task_identifier: 'dcr-sync', locked_at: null }]);

    await world.startJobs();
    const row = await world.settled(credentialId);
    const client = await atProvider(row);
    expect(client?.redirect_uris).to.deep.equal(['https://app.example.com/callback', 'https://app.example.com/other']);
    // What the provider answers now (RFC 7592 GET, which does not rotate) is what was stored, secrets aside.
    const answer = (await world.registration.read(handleOf(row))).response as Record<string, unknown>;
    const { client_secret: secret, registration_access_token: token, ...rest } = answer;
    expect(JSON.parse(row.dcr_response)).to.deep.equal(rest);
    expect(row.dcr_response).not.to.include(String(secret));
    expect(row.oauth_client_secret).not.to.include(String(secret));
    expect(row.dcr_registration_access_token).not.to.include(String(handleOf(row).registrationAccessToken));

    const [shown] = (await api.get(credentials).expect(200)).body;
    expect(shown).to.deep.include({
      OAuthClientID: answer.client_id, OAuthClientSecret: secret, DCRRegistrationClientURI: answer.registration_client_uri,
      DCRRegistrationAccessToken: handleOf(row).registrationAccessToken, DCRSyncStatus: 'synced', DCRSyncError: null,
      RedirectURI: 'https://app.example.com/callback,https://app.example.com/other',
    });
    // The registration is in the audit trail, its secrets only as changed.
    const entries = await world.pool.query(
      `SELECT actor_kind, action, changes FROM audit_entries WHERE resource_type = 'credential' AND resource_id = $1 ORDER BY id`, [String(credentialId)]);
    expect(entries.rows.at(-1)).to.deep.equal({
      actor_kind: 'job', action: 'updated',
      changes: [
        { field: 'DCRSyncStatus', from: 'pending', to: 'synced' }, { field: 'OAuthClientID', from: null, to: answer.client_id },
        { field: 'DCRRegistrationClientURI', from: null, to: answer.registration_client_uri },
        { field: 'OAuthClientSecret', changed: true }, { field: 'DCRRegistrationAccessToken', changed: true }, { field: 'DCRResponse', changed: true },
      ],
    });
    expect(JSON.stringify(entries.rows)).not.to.include(String(secret));
    // Seed 003's DCRResponse: the provider's JSON, secrets included (the GET answers no token: the stored one is put back).
    expect(JSON.parse(shown.DCRResponse)).to.deep.equal({ ...rest, client_secret: secret, registration_access_token: token ?? handleOf(row).registrationAccessToken });
  });

  it('the registered client signs a user in: authorization code flow with the credential the API shows (openid-client)', async () => {
    await world.startJobs();
    const redirectUri = 'http://127.0.0.1:9/callback'; // never called: the code is read from the redirect
    const { appId, requestId, credentialId } = await approvedDcr(redirectUri);
    await world.settled(credentialId);
    const [credential] = (await world.api().get(`/apps/${appId}/access-requests/${requestId}/credentials`).expect(200)).body;
    const oidc = (await import('openid-client')) as OpenIdClient;
    const config = await oidc.discovery(
      new URL(world.provider.issuer), credential.OAuthClientID, undefined, oidc.ClientSecretBasic(credential.OAuthClientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const callback = await world.provider.authorize(oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri, scope: 'openid', state, nonce, prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }));
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).to.include({ sub: HARNESS_ACCOUNT_ID, aud: credential.OAuthClientID, iss: world.provider.issuer });
  });

  it('rotating a DCR credential asks the provider for a new secret; the client id stays', async () => {
    await world.startJobs();
    const { appId, requestId, credentialId } = await approvedDcr();
    const before = await world.settled(credentialId);
    const path = `/apps/${appId}/access-requests/${requestId}/credentials/${credentialId}/rotate`;
    await world.api().put(path).expect(200);
    const after = await eventually('the rotated secret', async () => {
      const row = await world.credentialRow(credentialId);
      return row?.dcr_sync_status === 'synced' && !row.dcr_rotate_requested ? row : undefined;
    });
    expect(after.oauth_client_id).to.equal(before.oauth_client_id);
    expect(handleOf(after).clientSecret).to.be.a('string').and.not.equal(handleOf(before).clientSecret);
    expect((await atProvider(after))?.client_secret).to.equal(handleOf(after).clientSecret);
  });

  it('a redirect change updates the registration (RFC 7592 PUT); the app and the credential keep the new URLs', async () => {
    await world.startJobs();
    const { appId, credentialId } = await approvedDcr();
    const before = await world.settled(credentialId);
    await world.api().put(`/apps/${appId}`, { RedirectURLs: 'https://app.example.com/moved' }).expect(200);
    const after = await eventually('the new registration', async () => {
      const row = await world.credentialRow(credentialId);
      return row?.dcr_sync_status === 'synced' && row.dcr_synced_version === row.dcr_desired_version && row.dcr_desired_version > before.dcr_desired_version ? row : undefined;
    });
    expect((await atProvider(after))?.redirect_uris).to.deep.equal(['https://app.example.com/moved']);
    expect(after.oauth_client_id).to.equal(before.oauth_client_id);
    // The old registration access token was rotated by the provider and replaced.
    expect(handleOf(after).registrationAccessToken).not.to.equal(handleOf(before).registrationAccessToken);
  });

  it('deleting the access request deletes the client at the provider (RFC 7592 GET answers 401)', async () => {
    await world.startJobs();
    const { requestId, credentialId } = await approvedDcr();
    const row = await world.settled(credentialId);
    await world.api().delete(`/access_requests/${requestId}`).expect(200);
    await eventually('the client gone', async () => ((await atProvider(row)) === null ? true : undefined));
    const error = await rejectionOf(world.registration.read(handleOf(row)));
    expect(error).to.be.instanceOf(IdentityProviderRefused).with.property('status', 401);
    await eventually('the deletion done', async () =>
      ((await world.pool.query(`SELECT 1 FROM dcr_deletions WHERE credential_id = $1`, [credentialId])).rowCount === 0 ? true : undefined));
  });

  it('deleting the app deletes its clients at the provider', async () => {
    await world.startJobs();
    const { appId, credentialId } = await approvedDcr();
    const row = await world.settled(credentialId);
    await world.api().delete(`/apps/${appId}`).expect(200);
    await eventually('the client gone', async () => ((await atProvider(row)) === null ? true : undefined));
  });

  it('provider down during an approval and a redirect change: both commit, pending with the error, then synced once, no duplicate', async () => {
    await world.startJobs();
    const created = world.provider.registrationsCreated().length;
    await world.provider.stop();
    try {
      const { appId, credentialId } = await approvedDcr();
      const pending = await eventually('the first failed attempt', async () => {
        const s = await world.syncStatus(credentialId);
        return s?.status === 'pending' && s.error !== null ? s : undefined;
      });
      expect(pending.error).to.match(/could not be reached \(ECONNREFUSED.*retrying$/);
      await world.api().put(`/apps/${appId}`, { RedirectURLs: 'https://app.example.com/after-outage' }).expect(200);
      const app = (await world.api().get(`/apps/${appId}`).expect(200)).body;
      expect(app.RedirectURLs).to.equal('https://app.example.com/after-outage');
      expect((await world.syncStatus(credentialId))?.status).to.equal('pending');
    } finally {
      await world.provider.restart();
    }
    const rows = await eventually('every credential of the outage synced', async () => {
      const { rows } = await world.pool.query(
        `SELECT * FROM portal_credentials WHERE dcr_identity_provider_id IS NOT NULL AND dcr_sync_status <> 'synced'`);
      return rows.length === 0 ? true : undefined;
    });
    expect(rows).to.equal(true);
    const fresh = world.provider.registrationsCreated().slice(created);
    expect(fresh, 'one registration for the one credential').to.have.length(1);
    const [row] = (await world.pool.query(`SELECT * FROM portal_credentials WHERE oauth_client_id = $1`, [fresh[0]])).rows;
    expect((await atProvider(row))?.redirect_uris).to.deep.equal(['https://app.example.com/after-outage']);
  });

  it('a redirect URI the provider refuses: failed with its error, the local change kept; the next accepted change syncs again', async () => {
    await world.startJobs();
    const { appId, credentialId } = await approvedDcr();
    const before = await world.settled(credentialId);
    world.provider.refuseRedirectUri('https://app.example.com/refused');
    try {
      await world.api().put(`/apps/${appId}`, { RedirectURLs: 'https://app.example.com/refused' }).expect(200);
      const failed = await world.settled(credentialId, 'failed');
      expect(failed.dcr_sync_error).to.match(/refused the request \(400 invalid_redirect_uri: redirect_uris refused by policy/);
      const app = (await world.api().get(`/apps/${appId}`).expect(200)).body;
      const shown = app.AccessRequests[0].flatMap((r: { Credentials: Record<string, unknown>[] }) => r.Credentials).find((c: { ID: number }) => c.ID === credentialId);
      expect(shown).to.deep.include({ DCRSyncStatus: 'failed', DCRSyncError: failed.dcr_sync_error, RedirectURI: 'https://app.example.com/refused' });
      expect((await world.api().get(`/apps/${appId}`).expect(200)).body.RedirectURLs).to.equal('https://app.example.com/refused');
      expect(failed.redirect_uri).to.equal('https://app.example.com/refused');
      expect((await atProvider(before))?.redirect_uris).to.deep.equal(['https://app.example.com/callback']);
      // The audit trail shows both: the admin's change of the app, and the job's failure on the credential.
      const appEntries = await world.pool.query(
        `SELECT actor_kind, changes FROM audit_entries WHERE resource_type = 'portal-app' AND resource_id = $1 AND action = 'updated' ORDER BY id`, [String(appId)]);
      expect(appEntries.rows.at(-1)).to.deep.equal({
        actor_kind: 'portal-admin', changes: [{ field: 'RedirectURLs', from: 'https://app.example.com/callback', to: 'https://app.example.com/refused' }],
      });
      const jobEntries = await world.pool.query(
        `SELECT actor_kind, actor_id, action, changes FROM audit_entries WHERE resource_type = 'credential' AND resource_id = $1 ORDER BY id`, [String(credentialId)]);
      expect(jobEntries.rows.at(-1)).to.deep.equal({
        actor_kind: 'job', actor_id: 'dcr-sync', action: 'updated',
        changes: [{ field: 'DCRSyncStatus', from: 'pending', to: 'failed' }, { field: 'DCRSyncError', from: null, to: failed.dcr_sync_error }],
      });
    } finally {
      world.provider.acceptAllRedirectUris();
    }
    await world.api().put(`/apps/${appId}`, { RedirectURLs: 'https://app.example.com/accepted' }).expect(200);
    const synced = await eventually('synced again', async () => {
      const row = await world.credentialRow(credentialId);
      return row?.dcr_sync_status === 'synced' && row.redirect_uri === 'https://app.example.com/accepted' ? row : undefined;
    });
    expect(synced.dcr_sync_error).to.equal(null);
    expect((await atProvider(synced))?.redirect_uris).to.deep.equal(['https://app.example.com/accepted']);
  });

  it('one call at a time per credential: a second job finds the lease taken and makes no call', async () => {
    const { credentialId } = await approvedDcr();
    await world.startJobs();
    await world.settled(credentialId);
    await world.pool.query(`UPDATE portal_credentials SET dcr_lease_until = now() + interval '1 minute', dcr_attempt_id = gen_random_uuid() WHERE id = $1`, [credentialId]);
    try {
      expect(await world.sync.execute({ credentialId })).to.equal('busy');
    } finally {
      await world.pool.query(`UPDATE portal_credentials SET dcr_lease_until = NULL, dcr_attempt_id = NULL WHERE id = $1`, [credentialId]);
    }
  });
});
