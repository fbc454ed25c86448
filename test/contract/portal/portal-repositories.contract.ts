import { AccessRequestRepository, AccessRequestWithCredentials } from '../../../src/application/ports/access-request.repository';
import { ApiProductRepository } from '../../../src/application/ports/api-product.repository';
import { PortalAdminRepository } from '../../../src/application/ports/portal-admin.repository';
import { PortalAppRepository } from '../../../src/application/ports/portal-app.repository';
import { PortalUserRepository } from '../../../src/application/ports/portal-user.repository';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { ApiProduct } from '../../../src/domain/api-product/api-product';
import { Credential } from '../../../src/domain/access-request/credential';
import { PortalAdmin } from '../../../src/domain/portal-admin/portal-admin';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { AccessRequestNotFoundError, AccessRequestNotPendingError, CredentialNotFoundError } from '../../../src/domain/access-request/access-request-errors';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../src/domain/portal-user/portal-user-errors';
import { PortalAdminEmailTakenError } from '../../../src/domain/portal-admin/portal-admin-errors';
import { PortalAppNotFoundError } from '../../../src/domain/portal-app/portal-app-errors';
import { PortalUser } from '../../../src/domain/portal-user/portal-user';
import { VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { expect } from 'chai';
import { ApiProductMother, PortalAppMother, PortalUserMother } from '../../support/portal/portal-mother';
import { rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

export interface PortalRepositories {
  users: PortalUserRepository;
  products: ApiProductRepository;
  apps: PortalAppRepository;
  accessRequests: AccessRequestRepository;
  admins: PortalAdminRepository;
  /** Drops whatever the implementation set up (schema, connection). */
  cleanup?: () => Promise<void>;
}

const NOW = new Date('2023-06-25T13:37:00Z');
const LATER = new Date('2023-06-26T09:00:00Z');

/** A request and its credentials as plain values, to compare two reads of them. */
const snapshots = (r: AccessRequestWithCredentials) => ({ request: r.accessRequest.snapshot(), credentials: r.credentials.map((c) => c.snapshot()) });

/**
 * The behaviour every implementation of the portal repositories must share.
 * Each test gets fresh, empty repositories from `makeRepos`; the suite only
 * goes through the ports, never an implementation's internals.
 */
export function portalRepositoriesContract(name: string, makeRepos: () => Promise<PortalRepositories>): void {
  describe(`portal repositories contract: ${name}`, () => {
    let r: PortalRepositories;
    beforeEach(async () => (r = await makeRepos()));
    afterEach(async () => r.cleanup?.());

    const aUser = (email?: string) => r.users.create(PortalUser.create(PortalUserMother.input(email ? { email } : {}), NOW), TEST_CHANGE);
    const anApp = async (overrides: { redirectUrls?: string } = {}) =>
      r.apps.create(PortalApp.create(PortalAppMother.input((await aUser()).id, overrides), NOW), TEST_CHANGE);
    const aProduct = (authType = 'authToken') => r.products.create(ApiProduct.create(ApiProductMother.input({ authType }), NOW), TEST_CHANGE);
    const aRequest = async (app: PortalApp, authType = 'authToken') =>
      r.accessRequests.create(AccessRequest.request(app, [await aProduct(authType)], { plan: 'Free plan' }, NOW), TEST_CHANGE);
    const approveWith = (id: number, secret: Parameters<typeof Credential.issue>[1], expectedVersions?: readonly number[]) =>
      r.accessRequests.decide(id, (request, app) => ({
        decided: request.approve(LATER),
        issue: [Credential.issue(request.id, secret, { redirectUri: app.redirectUrls, scope: 's' }, LATER)],
      }), TEST_CHANGE, expectedVersions);
    const oauthSecret = { authType: 'oauth2', clientId: 'cid', clientSecret: 'sec' } as const;
    const tokenSecret = { authType: 'authToken', token: 'tok', tokenHash: 'abcd' } as const;

    describe('users', () => {
      it('assigns increasing positive ids and reads back what was stored', async () => {
        const a = await aUser('a@example.com');
        const b = await aUser();
        expect(a.id).to.be.greaterThan(0);
        expect(b.id).to.be.greaterThan(a.id);
        expect((await r.users.findById(a.id))?.snapshot()).to.deep.equal(a.snapshot());
      });

      it('returns null for an unknown id', async () => {
        expect(await r.users.findById(999_999)).to.equal(null);
      });

      it('refuses a duplicate email with EmailTaken', async () => {
        await aUser('dup@example.com');
        expect(await rejectionOf(aUser('dup@example.com'))).to.be.instanceOf(EmailTakenError);
      });

      it('pages in id order and counts all', async () => {
        const ids = [(await aUser()).id, (await aUser()).id, (await aUser()).id];
        const page = await r.users.list({ offset: 2, limit: 2 });
        expect(page.total).to.equal(3);
        expect(page.items.map((u) => u.id)).to.deep.equal([ids[2]]);
      });

      it('updates through the entity and checks the expected version', async () => {
        const user = await aUser();
        const updated = await r.users.update(user.id, (u) => u.update({ first: 'Grace' }, LATER), TEST_CHANGE, [1]);
        expect(updated.version).to.equal(2);
        expect((await r.users.findById(user.id))?.first).to.equal('Grace');
        expect(await rejectionOf(r.users.update(user.id, (u) => u.update({ first: 'X' }, LATER), TEST_CHANGE, [1]))).to.be.instanceOf(VersionMismatchError);
        expect((await r.users.findById(user.id))?.first).to.equal('Grace');
        expect((await r.users.update(user.id, (u) => u.update({ first: 'Ada' }, LATER), TEST_CHANGE, [1, 2])).version).to.equal(3);
      });

      it('deletes only at an expected version when one is given', async () => {
        const user = await aUser();
        expect(await rejectionOf(r.users.delete(user.id, new Date(), TEST_CHANGE, [5]))).to.be.instanceOf(VersionMismatchError);
        expect(await r.users.findById(user.id)).not.to.equal(null);
        await r.users.delete(user.id, new Date(), TEST_CHANGE, [5, 1]);
        expect(await r.users.findById(user.id)).to.equal(null);
      });

      it('leaves the user unchanged when the change throws', async () => {
        const user = await aUser();
        const boom = new Error('boom');
        const error = await rejectionOf(r.users.update(user.id, (u) => { u.update({ first: 'Changed' }, LATER); throw boom; }, TEST_CHANGE));
        expect(error).to.equal(boom);
        expect((await r.users.findById(user.id))?.snapshot()).to.deep.equal(user.snapshot());
      });

      it('answers update and delete of an unknown user with PortalUserNotFound', async () => {
        expect(await rejectionOf(r.users.update(424_242, (user) => user, TEST_CHANGE))).to.be.instanceOf(PortalUserNotFoundError);
        expect(await rejectionOf(r.users.delete(424_242, new Date(), TEST_CHANGE))).to.be.instanceOf(PortalUserNotFoundError);
      });

      it('refuses to delete a user who owns apps', async () => {
        const app = await anApp();
        expect(await rejectionOf(r.users.delete(app.userId, new Date(), TEST_CHANGE))).to.be.instanceOf(UserOwnsAppsError);
        expect(await r.users.findById(app.userId)).to.not.equal(null);
      });
    });

    describe('products', () => {
      it('finds by ids in the order asked, skipping unknown ones', async () => {
        const a = await aProduct();
        const b = await aProduct('oauth2');
        expect((await r.products.findByIds([b.id, 999_999, a.id])).map((p) => p.id)).to.deep.equal([b.id, a.id]);
        expect((await r.products.findById(b.id))?.snapshot()).to.deep.equal(b.snapshot());
      });

      it('pages in id order and counts all', async () => {
        await aProduct();
        await aProduct();
        const page = await r.products.list({ offset: 0, limit: 1 });
        expect(page.total).to.equal(2);
        expect(page.items).to.have.length(1);
      });
    });

    portalAppContract(() => r, { anApp, aRequest, approveWith, oauthSecret, tokenSecret });
    accessRequestContract(() => r, { anApp, aRequest, approveWith, oauthSecret, tokenSecret });

    describe('admins', () => {
      it('finds an admin by token hash and refuses a duplicate email', async () => {
        const admin = await r.admins.create(PortalAdmin.create('ops@example.com', 'hash-1', NOW), TEST_CHANGE);
        expect((await r.admins.findByTokenHash('hash-1'))?.id).to.equal(admin.id);
        expect(await r.admins.findByTokenHash('hash-2')).to.equal(null);
        expect(await rejectionOf(r.admins.create(PortalAdmin.create('ops@example.com', 'hash-3', NOW), TEST_CHANGE))).to.be.instanceOf(PortalAdminEmailTakenError);
      });
    });
  });
}

interface Givens {
  anApp: (o?: { redirectUrls?: string }) => Promise<PortalApp>;
  aRequest: (app: PortalApp, authType?: string) => Promise<AccessRequest>;
  approveWith: (id: number, secret: Parameters<typeof Credential.issue>[1], expectedVersions?: readonly number[]) => ReturnType<AccessRequestRepository['decide']>;
  oauthSecret: Parameters<typeof Credential.issue>[1];
  tokenSecret: Parameters<typeof Credential.issue>[1];
}

function portalAppContract(repos: () => PortalRepositories, g: Givens): void {
  describe('apps', () => {
    it('refuses an app whose user does not exist', async () => {
      const draft = PortalApp.create(PortalAppMother.input(777_777), NOW);
      expect(await rejectionOf(repos().apps.create(draft, TEST_CHANGE))).to.be.instanceOf(PortalUserNotFoundError);
    });

    it('reads back what was stored', async () => {
      const app = await g.anApp();
      expect((await repos().apps.findById(app.id))?.snapshot()).to.deep.equal(app.snapshot());
    });

    it('checks the expected version and the new owner inside the update', async () => {
      const app = await g.anApp();
      expect(await rejectionOf(repos().apps.applyChanges(app.id, PortalApp.checkChanges({ name: 'X' }), LATER, TEST_CHANGE, [9]))).to.be.instanceOf(VersionMismatchError);
      expect(await rejectionOf(repos().apps.applyChanges(app.id, PortalApp.checkChanges({ userId: 888_888 }), LATER, TEST_CHANGE))).to.be.instanceOf(PortalUserNotFoundError);
      expect((await repos().apps.findById(app.id))?.snapshot()).to.deep.equal(app.snapshot());
    });

    it('applies only the given fields, advances the version and keeps the rest, as PortalApp.update does', async () => {
      const app = await g.anApp({ redirectUrls: 'https://old/cb' });
      const expected = app.update({ name: '  New name ', visibility: 'team' }, LATER);
      const written = await repos().apps.applyChanges(app.id, PortalApp.checkChanges({ name: '  New name ', visibility: 'team' }), LATER, TEST_CHANGE, [8, app.version]);
      expect(written.app.snapshot()).to.deep.equal(expected.snapshot());
      expect((await repos().apps.findById(app.id))?.snapshot()).to.deep.equal(expected.snapshot());
      const again = await repos().apps.applyChanges(app.id, PortalApp.checkChanges({}), LATER, TEST_CHANGE);
      expect(again.app.snapshot()).to.deep.include({ name: expected.name, version: expected.version + 1 });
    });

    it('answers update and delete of an unknown app with PortalAppNotFound', async () => {
      expect(await rejectionOf(repos().apps.applyChanges(999_999, PortalApp.checkChanges({}), LATER, TEST_CHANGE))).to.be.instanceOf(PortalAppNotFoundError);
      expect(await rejectionOf(repos().apps.applyChanges(999_999, PortalApp.checkChanges({}), LATER, TEST_CHANGE, [1]))).to.be.instanceOf(PortalAppNotFoundError);
      expect(await rejectionOf(repos().apps.delete(999_999, new Date(), TEST_CHANGE))).to.be.instanceOf(PortalAppNotFoundError);
      expect(await rejectionOf(repos().apps.delete(999_999, new Date(), TEST_CHANGE, [1]))).to.be.instanceOf(PortalAppNotFoundError);
    });

    it('deletes an app only at an expected version when one is given', async () => {
      const app = await g.anApp();
      expect(await rejectionOf(repos().apps.delete(app.id, new Date(), TEST_CHANGE, [app.version + 1]))).to.be.instanceOf(VersionMismatchError);
      expect(await repos().apps.findById(app.id)).not.to.equal(null);
      await repos().apps.delete(app.id, new Date(), TEST_CHANGE, [app.version]);
      expect(await repos().apps.findById(app.id)).to.equal(null);
    });

    it('sets redirectUri of the app\'s oauth2 credentials in the same write as new redirect URLs', async () => {
      const app = await g.anApp({ redirectUrls: 'https://old/cb' });
      const oauth = await g.aRequest(app, 'oauth2');
      const token = await g.aRequest(app, 'authToken');
      await g.approveWith(oauth.id, g.oauthSecret);
      await g.approveWith(token.id, g.tokenSecret);
      await repos().apps.applyChanges(app.id, PortalApp.checkChanges({ redirectUrls: 'https://new/cb' }), LATER, TEST_CHANGE);
      expect((await repos().accessRequests.findById(oauth.id))!.credentials[0].redirectUri).to.equal('https://new/cb');
      expect((await repos().accessRequests.findById(token.id))!.credentials[0].redirectUri).to.equal(null);
    });

    it('answers the update with the app\'s requests and credentials as the write left them, oldest first', async () => {
      const app = await g.anApp({ redirectUrls: 'https://old/cb' });
      const other = await g.anApp();
      const oauth = await g.aRequest(app, 'oauth2');
      await g.aRequest(other, 'oauth2');
      const token = await g.aRequest(app, 'authToken');
      const pending = await g.aRequest(app, 'oauth2');
      await g.approveWith(oauth.id, g.oauthSecret);
      await g.approveWith(token.id, g.tokenSecret);
      const stored = async () => (await repos().accessRequests.listByApps([app.id])).map(snapshots);
      // The redirect URLs move the oauth2 credential and its request's version; the rest is read as it was.
      const moved = await repos().apps.applyChanges(app.id, PortalApp.checkChanges({ redirectUrls: 'https://new/cb' }), LATER, TEST_CHANGE);
      expect(moved.accessRequests.map((r) => r.accessRequest.id)).to.deep.equal([oauth.id, token.id, pending.id]);
      expect(moved.accessRequests.map(snapshots)).to.deep.equal(await stored());
      expect(moved.accessRequests[0].credentials[0]).to.include({ redirectUri: 'https://new/cb', oauthClientSecret: 'sec' });
      expect(moved.accessRequests[0].accessRequest.version).to.equal(3);
      const renamed = await repos().apps.applyChanges(app.id, PortalApp.checkChanges({ name: 'Renamed' }), LATER, TEST_CHANGE);
      expect(renamed.accessRequests.map(snapshots)).to.deep.equal(await stored());
      const bare = await g.anApp();
      expect((await repos().apps.applyChanges(bare.id, PortalApp.checkChanges({ name: 'Alone' }), LATER, TEST_CHANGE)).accessRequests).to.deep.equal([]);
    });

    it('deletes an app with its access requests and credentials', async () => {
      const app = await g.anApp();
      const request = await g.aRequest(app);
      await g.approveWith(request.id, g.tokenSecret);
      await repos().apps.delete(app.id, new Date(), TEST_CHANGE);
      expect(await repos().apps.findById(app.id)).to.equal(null);
      expect(await repos().accessRequests.findById(request.id)).to.equal(null);
      await repos().users.delete(app.userId, new Date(), TEST_CHANGE); // no app left, so the owner may go
    });
  });
}

function accessRequestContract(repos: () => PortalRepositories, g: Givens): void {
  describe('access requests', () => {
    it('refuses a request for an unknown app', async () => {
      const app = await g.anApp();
      const draft = { ...AccessRequest.request(app, [ApiProduct.restore({ ...ApiProduct.create({ name: 'P', authType: 'oauth2' }, NOW), id: 1 })], {}, NOW), appId: 999_999 };
      expect(await rejectionOf(repos().accessRequests.create(draft, TEST_CHANGE))).to.be.instanceOf(PortalAppNotFoundError);
    });

    it('reads back a request with no credentials', async () => {
      const request = await g.aRequest(await g.anApp());
      const found = await repos().accessRequests.findById(request.id);
      expect(found?.accessRequest.snapshot()).to.deep.equal(request.snapshot());
      expect(found?.credentials).to.deep.equal([]);
    });

    it('writes the decision and the issued credential together', async () => {
      const request = await g.aRequest(await g.anApp({ redirectUrls: 'https://a/cb' }), 'oauth2');
      const decided = await g.approveWith(request.id, g.oauthSecret);
      expect(decided.accessRequest.status).to.equal('approved');
      const found = (await repos().accessRequests.findById(request.id))!;
      expect(found.accessRequest.status).to.equal('approved');
      expect(found.credentials.map((c) => c.snapshot())).to.deep.equal(decided.credentials.map((c) => c.snapshot()));
      expect(found.credentials[0]).to.include({ redirectUri: 'https://a/cb', accessRequestId: request.id, oauthClientSecret: 'sec' });
    });

    it('keeps status and credentials when the decision throws', async () => {
      const request = await g.aRequest(await g.anApp());
      await g.approveWith(request.id, g.tokenSecret);
      expect(await rejectionOf(g.approveWith(request.id, g.tokenSecret))).to.be.instanceOf(AccessRequestNotPendingError);
      expect((await repos().accessRequests.findById(request.id))!.credentials).to.have.length(1);
    });

    it('answers deciding or deleting an unknown request with AccessRequestNotFound', async () => {
      expect(await rejectionOf(repos().accessRequests.decide(999_999, (request) => ({ decided: request, issue: [] }), TEST_CHANGE))).to.be.instanceOf(AccessRequestNotFoundError);
      expect(await rejectionOf(repos().accessRequests.delete(999_999, new Date(), TEST_CHANGE))).to.be.instanceOf(AccessRequestNotFoundError);
    });

    it('lists by apps oldest first and pages all requests', async () => {
      const a = await g.anApp();
      const b = await g.anApp();
      const r1 = await g.aRequest(a);
      await g.aRequest(b);
      const r3 = await g.aRequest(a);
      expect((await repos().accessRequests.listByApps([a.id])).map((x) => x.accessRequest.id)).to.deep.equal([r1.id, r3.id]);
      const page = await repos().accessRequests.list({ offset: 0, limit: 2 });
      expect(page.total).to.equal(3);
      expect(page.items).to.have.length(2);
    });

    it('updates a credential only through its own app and request', async () => {
      const app = await g.anApp();
      const request = await g.aRequest(app, 'oauth2');
      const [credential] = (await g.approveWith(request.id, g.oauthSecret)).credentials;
      const rotate = (c: Credential) => c.rotate({ authType: 'oauth2', clientId: 'x', clientSecret: 'new' }, LATER);
      const wrong = { appId: app.id + 1000, accessRequestId: request.id, credentialId: credential.id };
      expect(await rejectionOf(repos().accessRequests.updateCredential(wrong, rotate, TEST_CHANGE))).to.be.instanceOf(CredentialNotFoundError);
      const rotated = await repos().accessRequests.updateCredential({ appId: app.id, accessRequestId: request.id, credentialId: credential.id }, rotate, TEST_CHANGE);
      expect(rotated.credential).to.include({ id: credential.id, oauthClientId: 'cid', oauthClientSecret: 'new' });
      expect((await repos().accessRequests.findById(request.id))!.credentials[0].oauthClientSecret).to.equal('new');
    });

    it('moves the request\'s version with every change to it or its credentials, and checks expected versions', async () => {
      const app = await g.anApp({ redirectUrls: 'https://old.example/cb' });
      const request = await g.aRequest(app, 'oauth2');
      expect(request.version).to.equal(1);
      expect(await rejectionOf(g.approveWith(request.id, g.oauthSecret, [2]))).to.be.instanceOf(VersionMismatchError);
      const decided = await g.approveWith(request.id, g.oauthSecret, [1]);
      expect(decided.accessRequest.version).to.equal(2);
      const path = { appId: app.id, accessRequestId: request.id, credentialId: decided.credentials[0].id };
      const rotate = (c: Credential) => c.rotate({ authType: 'oauth2', clientId: 'x', clientSecret: 'newer' }, LATER);
      expect(await rejectionOf(repos().accessRequests.updateCredential(path, rotate, TEST_CHANGE, [1]))).to.be.instanceOf(VersionMismatchError);
      expect((await repos().accessRequests.updateCredential(path, rotate, TEST_CHANGE, [1, 2])).accessRequestVersion).to.equal(3);
      await repos().apps.applyChanges(app.id, PortalApp.checkChanges({ redirectUrls: 'https://new.example/cb' }), LATER, TEST_CHANGE);
      expect((await repos().accessRequests.findById(request.id))!.accessRequest.version).to.equal(4);
      expect(await rejectionOf(repos().accessRequests.delete(request.id, new Date(), TEST_CHANGE, [3]))).to.be.instanceOf(VersionMismatchError);
      await repos().accessRequests.delete(request.id, new Date(), TEST_CHANGE, [4]);
      expect(await repos().accessRequests.findById(request.id)).to.equal(null);
    });

    it('pages one app\'s requests, oldest first, with the app\'s total', async () => {
      const app = await g.anApp();
      const other = await g.anApp();
      const ids = [(await g.aRequest(app)).id, (await g.aRequest(other)).id, (await g.aRequest(app)).id, (await g.aRequest(app)).id];
      const page = await repos().accessRequests.listByApp(app.id, { offset: 2, limit: 2 });
      expect(page.total).to.equal(3);
      expect(page.items.map((r) => r.accessRequest.id)).to.deep.equal([ids[3]]);
    });

    it('deleting a request removes its credentials', async () => {
      const app = await g.anApp();
      const request = await g.aRequest(app);
      const [credential] = (await g.approveWith(request.id, g.tokenSecret)).credentials;
      await repos().accessRequests.delete(request.id, new Date(), TEST_CHANGE);
      const path = { appId: app.id, accessRequestId: request.id, credentialId: credential.id };
      expect(await rejectionOf(repos().accessRequests.updateCredential(path, (credential) => credential, TEST_CHANGE))).to.be.instanceOf(CredentialNotFoundError);
    });
  });
}
