import { ApproveAccessRequest } from '../../../src/application/access-request/approve-access-request.use-case';
import { DeleteAccessRequest } from '../../../src/application/access-request/delete-access-request.use-case';
import { GetAccessRequest } from '../../../src/application/access-request/get-access-request.use-case';
import { ListAccessRequests } from '../../../src/application/access-request/list-access-requests.use-case';
import { RejectAccessRequest } from '../../../src/application/access-request/reject-access-request.use-case';
import { AccessRequestNotFoundError, AccessRequestNotPendingError } from '../../../src/domain/access-request/access-request-errors';
import { expect } from 'chai';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('Access request use cases', () => {
  let bed: PortalTestbed;
  let approve: ApproveAccessRequest;
  let reject: RejectAccessRequest;
  beforeEach(() => {
    bed = portalTestbed();
    approve = new ApproveAccessRequest(bed.repos.accessRequests, bed.repos.products, bed.tokens, bed.clock);
    reject = new RejectAccessRequest(bed.repos.accessRequests, bed.clock);
  });

  const requestFor = async (authType: string, scopes = '') =>
    bed.givenAccessRequest(await bed.givenApp({ redirectUrls: 'https://app-host/auth' }), [await bed.givenProduct({ authType, scopes })]);

  it('approving an authToken request issues a token and the first 16 hex chars of its sha256', async () => {
    const request = await requestFor('authToken');
    const { accessRequest, credentials } = await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(accessRequest.status).to.equal('approved');
    expect(credentials).to.have.length(1);
    const [c] = credentials;
    expect(c.credential).to.equal(bed.tokens.issued[0]);
    expect(c.credentialHash).to.equal(bed.tokens.hash(bed.tokens.issued[0]).slice(0, 16));
    expect(c).to.include({ oauthClientId: null, redirectUri: null, accessRequestId: request.id });
  });

  it('approving an oauth2 request issues a client with the app redirect URLs and the products\' scopes', async () => {
    const app = await bed.givenApp({ redirectUrls: 'https://app-host/auth' });
    const products = [await bed.givenProduct({ authType: 'oauth2', scopes: 'payment client' }), await bed.givenProduct({ authType: 'oauth2', scopes: 'client refunds' })];
    const request = await bed.givenAccessRequest(app, products);
    const [c] = (await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id })).credentials;
    expect(c).to.include({
      oauthClientId: bed.tokens.issued[0],
      oauthClientSecret: bed.tokens.issued[1],
      redirectUri: 'https://app-host/auth',
      scope: 'payment client refunds',
      responseType: 'code',
      credential: null,
    });
  });

  it('refuses to approve an oauth2 request whose products\' scopes together pass 2,048 characters (stored before that rule), issuing nothing', async () => {
    const app = await bed.givenApp({ redirectUrls: 'https://app-host/auth' });
    const products = [await bed.givenProduct({ authType: 'oauth2', scopes: 'a'.repeat(1500) }), await bed.givenProduct({ authType: 'oauth2', scopes: 'b'.repeat(1500) })];
    const stored = await bed.repos.accessRequests.create({
      appId: app.id, userId: app.userId, catalogue: '', plan: '', client: app.name, status: 'pending', authType: 'oauth2',
      productIds: products.map((p) => p.id), productNames: products.map((p) => p.name), dcrEnabled: false, provisionImmediately: false,
      version: 1, createdAt: bed.clock.now(), updatedAt: bed.clock.now(), deletedAt: null,
    }, TEST_CHANGE);
    const error = await rejectionOf(approve.execute({ change: TEST_CHANGE, accessRequestId: stored.id }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).violations).to.deep.equal([{ field: 'productIds', message: "the products' Scopes together must be at most 2048 characters" }]);
    expect((await bed.repos.accessRequests.findById(stored.id))!.accessRequest.status).to.equal('pending');
    expect(bed.tokens.issued).to.deep.equal([]);
  });

  it('approves an authToken request whatever its products\' scopes add up to (its credential carries none)', async () => {
    const app = await bed.givenApp({ redirectUrls: 'https://app-host/auth' });
    const products = [await bed.givenProduct({ authType: 'authToken', scopes: 'a'.repeat(1500) }), await bed.givenProduct({ authType: 'authToken', scopes: 'b'.repeat(1500) })];
    const request = await bed.givenAccessRequest(app, products);
    const { accessRequest, credentials } = await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(accessRequest.status).to.equal('approved');
    expect(credentials[0].scope).to.equal(null);
  });

  it('approving a basicAuth request issues a username:password credential', async () => {
    const request = await requestFor('basicAuth');
    const [c] = (await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id })).credentials;
    const [username, password] = c.credential!.split(':');
    expect(username).to.equal(bed.tokens.issued[0].slice(0, 16));
    expect(password).to.equal(bed.tokens.issued[1]);
  });

  it('refuses to approve twice and issues no second credential', async () => {
    const request = await requestFor('authToken');
    await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(await rejectionOf(approve.execute({ change: TEST_CHANGE, accessRequestId: request.id }))).to.be.instanceOf(AccessRequestNotPendingError);
    expect((await bed.repos.accessRequests.findById(request.id))!.credentials).to.have.length(1);
  });

  it('rejects a pending request without issuing a credential', async () => {
    const request = await requestFor('authToken');
    const { accessRequest, credentials } = await reject.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(accessRequest.status).to.equal('rejected');
    expect(credentials).to.deep.equal([]);
  });

  it('refuses to approve a rejected request', async () => {
    const request = await requestFor('oauth2');
    await reject.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(await rejectionOf(approve.execute({ change: TEST_CHANGE, accessRequestId: request.id }))).to.be.instanceOf(AccessRequestNotPendingError);
    expect((await bed.repos.accessRequests.findById(request.id))!.accessRequest.status).to.equal('rejected');
  });

  it('answers approving or rejecting an unknown request with AccessRequestNotFound', async () => {
    expect(await rejectionOf(approve.execute({ change: TEST_CHANGE, accessRequestId: 12 }))).to.be.instanceOf(AccessRequestNotFoundError);
    expect(await rejectionOf(reject.execute({ change: TEST_CHANGE, accessRequestId: 12 }))).to.be.instanceOf(AccessRequestNotFoundError);
  });

  it('lists all access requests a page at a time', async () => {
    for (let i = 0; i < 3; i++) await requestFor('authToken');
    const page = await new ListAccessRequests(bed.repos.accessRequests).execute({ page: 1, perPage: 2 });
    expect(page.total).to.equal(3);
    expect(page.items.map((r) => r.accessRequest.id)).to.deep.equal([1, 2]);
  });

  it('gets one request with its credentials', async () => {
    const request = await requestFor('authToken');
    await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    const found = await new GetAccessRequest(bed.repos.accessRequests).execute({ accessRequestId: request.id });
    expect(found.credentials).to.have.length(1);
  });

  it('deleting a request revokes its credentials', async () => {
    const request = await requestFor('authToken');
    await approve.execute({ change: TEST_CHANGE, accessRequestId: request.id });
    await new DeleteAccessRequest(bed.repos.accessRequests, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id });
    expect(await rejectionOf(new GetAccessRequest(bed.repos.accessRequests).execute({ accessRequestId: request.id }))).to.be.instanceOf(AccessRequestNotFoundError);
    expect(await rejectionOf(new DeleteAccessRequest(bed.repos.accessRequests, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id }))).to.be.instanceOf(AccessRequestNotFoundError);
  });
});
