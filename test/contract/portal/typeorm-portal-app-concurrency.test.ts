import { expect } from 'chai';
import { createTypeOrmPortalRepositories } from '../../../src/adapters/persistence/typeorm/portal/typeorm-portal.repositories';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { Credential } from '../../../src/domain/access-request/credential';
import { ApiProduct } from '../../../src/domain/api-product/api-product';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { PortalUser } from '../../../src/domain/portal-user/portal-user';
import { TEST_CHANGE } from '../../support/change';
import { ApiProductMother, PortalAppMother, PortalUserMother } from '../../support/portal/portal-mother';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { anotherSession, sessionsWaiting } from '../../support/other-session';

const NOW = new Date('2023-06-25T13:37:00Z');
const LATER = new Date('2023-06-26T09:00:00Z');

/**
 * The app's update is one PL/pgSQL call that locks the app and then, with
 * fresh snapshots, writes and reads its access requests (migration
 * 1773000000000). These cases hold a real lock in another session, as a
 * concurrent writer would, and check that what committed while the update
 * waited is what it writes and answers; that an approval waits for an
 * update of the app's redirect URLs; and that every writer of the app's
 * requests queues on the app first (PostgreSQL only: the in-memory store
 * has no concurrency).
 */
describe('portal app update and approval under a concurrent writer (TypeORM on PostgreSQL)', () => {
  const repos = () => createTypeOrmPortalRepositories(testDatabase().dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(TEST_SECRET_KEY)));
  const session = anotherSession();

  async function anOauthRequest(redirectUrls: string) {
    const r = repos();
    const user = await r.users.create(PortalUser.create(PortalUserMother.input({}), NOW), TEST_CHANGE);
    const app = await r.apps.create(PortalApp.create(PortalAppMother.input(user.id, { redirectUrls }), NOW), TEST_CHANGE);
    const product = await r.products.create(ApiProduct.create(ApiProductMother.input({ authType: 'oauth2' }), NOW), TEST_CHANGE);
    const request = await r.accessRequests.create(AccessRequest.request(app, [product], { plan: 'Free plan' }, NOW), TEST_CHANGE);
    return { app, request };
  }

  const approve = (id: number) =>
    repos().accessRequests.decide(id, (request, app) => ({
      decided: request.approve(LATER),
      issue: [Credential.issue(request.id, { authType: 'oauth2', clientId: 'cid', clientSecret: 'sec' }, { redirectUri: app.redirectUrls, scope: 's' }, LATER)],
    }), TEST_CHANGE);

  it('points a credential issued while the update waited at the new redirect URLs, and answers it', async () => {
    const { app, request } = await anOauthRequest('https://old.example/cb');
    // An approval in flight: it holds the app's share lock and has inserted its credential.
    await session().query('BEGIN');
    await session().query('SELECT 1 FROM portal_apps WHERE id = $1 FOR SHARE', [app.id]);
    await session().query(
      `INSERT INTO portal_credentials (access_request_id, auth_type, oauth_client_id, redirect_uri, created_at, updated_at)
       VALUES ($1, 'oauth2', 'cid', 'https://old.example/cb', now(), now())`,
      [request.id],
    );
    const update = repos().apps.applyChanges(app.id, PortalApp.checkChanges({ redirectUrls: 'https://new.example/cb' }), LATER, TEST_CHANGE);
    await sessionsWaiting();
    await session().query('COMMIT');
    const written = await update;
    expect(written.accessRequests.flatMap((r) => r.credentials.map((c) => c.redirectUri))).to.deep.equal(['https://new.example/cb']);
    const stored = await repos().accessRequests.findById(request.id);
    expect(stored!.credentials.map((c) => c.redirectUri)).to.deep.equal(['https://new.example/cb']);
  });

  it('answers the app with the credentials of the same moment when another update committed while it waited', async () => {
    const { app, request } = await anOauthRequest('https://old.example/cb');
    await approve(request.id);
    // Another update of the app in flight: new redirect URLs, its credential following.
    await session().query('BEGIN');
    await session().query(`UPDATE portal_apps SET redirect_urls = 'https://other.example/cb', version = version + 1 WHERE id = $1`, [app.id]);
    await session().query(`UPDATE portal_credentials SET redirect_uri = 'https://other.example/cb' WHERE access_request_id = $1`, [request.id]);
    const update = repos().apps.applyChanges(app.id, PortalApp.checkChanges({ name: 'Renamed' }), LATER, TEST_CHANGE);
    await sessionsWaiting();
    await session().query('COMMIT');
    const written = await update;
    expect(written.app).to.include({ name: 'Renamed', redirectUrls: 'https://other.example/cb' });
    expect(written.accessRequests[0]!.credentials.map((c) => c.redirectUri)).to.deep.equal(['https://other.example/cb']);
  });

  it('issues an approval\'s credential with the redirect URLs of an update that committed while it waited', async () => {
    const { app, request } = await anOauthRequest('https://old.example/cb');
    await session().query('BEGIN');
    await session().query(`UPDATE portal_apps SET redirect_urls = 'https://moved.example/cb', version = version + 1 WHERE id = $1`, [app.id]);
    const decision = approve(request.id);
    await sessionsWaiting();
    await session().query('COMMIT');
    expect((await decision).credentials.map((c) => c.redirectUri)).to.deep.equal(['https://moved.example/cb']);
  });

  describe('every writer of an app\'s requests and credentials queues on the app before it locks them (no deadlock with the app\'s update)', () => {
    /**
     * The other session holds the app as the app's update does (FOR UPDATE,
     * its first lock), the write under test starts and waits; it must not
     * hold the request's or its credentials' locks meanwhile, since the
     * update takes those next: the session then takes them at once (NOWAIT) instead of
     * PostgreSQL aborting one of the two as a deadlock (40P01).
     */
    async function waitsForTheAppHoldingNothing(appId: number, requestId: number, write: () => Promise<unknown>): Promise<void> {
      await session().query('BEGIN');
      await session().query('SELECT 1 FROM portal_apps WHERE id = $1 FOR UPDATE', [appId]);
      const pending = write();
      await sessionsWaiting();
      await session().query('SELECT 1 FROM access_requests WHERE id = $1 FOR UPDATE NOWAIT', [requestId]);
      await session().query('SELECT 1 FROM portal_credentials WHERE access_request_id = $1 FOR UPDATE NOWAIT', [requestId]);
      await session().query('COMMIT');
      await pending;
    }

    const rotate = (c: Credential) => c.rotate({ authType: 'oauth2', clientId: 'cid', clientSecret: 'rotated' }, LATER);

    it('an approval', async () => {
      const { app, request } = await anOauthRequest('https://old.example/cb');
      await waitsForTheAppHoldingNothing(app.id, request.id, () => approve(request.id));
      expect((await repos().accessRequests.findById(request.id))!.accessRequest.status).to.equal('approved');
    });

    it('a rotation', async () => {
      const { app, request } = await anOauthRequest('https://old.example/cb');
      const [credential] = (await approve(request.id)).credentials;
      const path = { appId: app.id, accessRequestId: request.id, credentialId: credential!.id };
      await waitsForTheAppHoldingNothing(app.id, request.id, () => repos().accessRequests.updateCredential(path, rotate, TEST_CHANGE));
      expect((await repos().accessRequests.findById(request.id))!.credentials[0]!.oauthClientSecret).to.equal('rotated');
    });

    it('the deletion of a request', async () => {
      const { app, request } = await anOauthRequest('https://old.example/cb');
      await approve(request.id);
      await waitsForTheAppHoldingNothing(app.id, request.id, () => repos().accessRequests.delete(request.id, LATER, TEST_CHANGE));
      expect(await repos().accessRequests.findById(request.id)).to.equal(null);
    });
  });
});
