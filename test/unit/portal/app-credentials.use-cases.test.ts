import { ValidationError } from '../../../src/domain/shared/domain-error';
import { ApproveAccessRequest } from '../../../src/application/access-request/approve-access-request.use-case';
import { GetAppAccessRequest } from '../../../src/application/access-request/get-app-access-request.use-case';
import { ListAccessRequestCredentials } from '../../../src/application/access-request/list-access-request-credentials.use-case';
import { ListAppAccessRequests } from '../../../src/application/access-request/list-app-access-requests.use-case';
import { RotateCredential } from '../../../src/application/access-request/rotate-credential.use-case';
import { AccessRequestNotFoundError, CredentialNotFoundError } from '../../../src/domain/access-request/access-request-errors';
import { PortalAppNotFoundError } from '../../../src/domain/portal-app/portal-app-errors';
import { expect } from 'chai';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('App-scoped access requests and credentials', () => {
  let bed: PortalTestbed;
  let rotate: RotateCredential;
  beforeEach(() => {
    bed = portalTestbed();
    rotate = new RotateCredential(bed.repos.apps, bed.repos.accessRequests, bed.tokens, bed.clock);
  });

  async function approvedRequest(authType: string) {
    const app = await bed.givenApp();
    const request = await bed.givenAccessRequest(app, [await bed.givenProduct({ authType })]);
    const approved = await new ApproveAccessRequest(bed.repos.accessRequests, bed.repos.products, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id });
    return { app, request, credential: approved.credentials[0] };
  }

  it('lists only the app\'s own access requests', async () => {
    const { app, request } = await approvedRequest('authToken');
    await approvedRequest('authToken');
    const list = await new ListAppAccessRequests(bed.repos.apps, bed.repos.accessRequests).execute({ appId: app.id });
    expect(list.items.map((r) => r.accessRequest.id)).to.deep.equal([request.id]);
    expect(list.total).to.equal(1);
  });

  it('pages an app\'s requests and refuses a bad page size', async () => {
    const { app } = await approvedRequest('authToken');
    await bed.givenAccessRequest(app, [await bed.givenProduct({ authType: 'authToken' })]);
    const list = new ListAppAccessRequests(bed.repos.apps, bed.repos.accessRequests);
    const second = await list.execute({ appId: app.id, page: 2, perPage: 1 });
    expect(second.items).to.have.length(1);
    expect(second.total).to.equal(2);
    expect(await rejectionOf(list.execute({ appId: app.id, perPage: Number.NaN }))).to.be.instanceOf(ValidationError);
    expect(await rejectionOf(list.execute({ appId: app.id, perPage: 101 }))).to.be.instanceOf(ValidationError);
  });

  it('answers listing the requests of an unknown app with PortalAppNotFound', async () => {
    expect(await rejectionOf(new ListAppAccessRequests(bed.repos.apps, bed.repos.accessRequests).execute({ appId: 50 }))).to.be.instanceOf(PortalAppNotFoundError);
  });

  it('hides another app\'s request as not found', async () => {
    const mine = await approvedRequest('authToken');
    const theirs = await approvedRequest('authToken');
    const error = await rejectionOf(new GetAppAccessRequest(bed.repos.apps, bed.repos.accessRequests).execute({ appId: mine.app.id, accessRequestId: theirs.request.id }));
    expect(error).to.be.instanceOf(AccessRequestNotFoundError);
  });

  it('lists the credentials of an app\'s request', async () => {
    const { app, request, credential } = await approvedRequest('oauth2');
    const list = await new ListAccessRequestCredentials(bed.repos.apps, bed.repos.accessRequests).execute({ appId: app.id, accessRequestId: request.id });
    expect(list.items.map((c) => c.id)).to.deep.equal([credential.id]);
    expect(list.total).to.equal(1);
  });

  it('rotating an authToken credential replaces the token and its hash', async () => {
    const { app, request, credential } = await approvedRequest('authToken');
    const { credential: rotated } = await rotate.execute({ change: TEST_CHANGE, appId: app.id, accessRequestId: request.id, credentialId: credential.id });
    expect(rotated.credential).to.not.equal(credential.credential);
    expect(rotated.credentialHash).to.equal(bed.tokens.hash(rotated.credential!).slice(0, 16));
    const [stored] = (await bed.repos.accessRequests.findById(request.id))!.credentials;
    expect(stored.credential).to.equal(rotated.credential);
  });

  it('rotating an oauth2 credential replaces the secret and keeps the client id', async () => {
    const { app, request, credential } = await approvedRequest('oauth2');
    const { credential: rotated, accessRequestVersion } = await rotate.execute({ change: TEST_CHANGE, appId: app.id, accessRequestId: request.id, credentialId: credential.id });
    expect(accessRequestVersion).to.equal(3);
    expect(rotated.oauthClientId).to.equal(credential.oauthClientId);
    expect(rotated.oauthClientSecret).to.not.equal(credential.oauthClientSecret);
  });

  it('refuses to rotate a credential through another app', async () => {
    const mine = await approvedRequest('authToken');
    const theirs = await approvedRequest('authToken');
    const error = await rejectionOf(rotate.execute({ change: TEST_CHANGE, appId: mine.app.id, accessRequestId: theirs.request.id, credentialId: theirs.credential.id }));
    expect(error).to.be.instanceOf(AccessRequestNotFoundError);
  });

  it('refuses to rotate a credential of another request of the same app', async () => {
    const { app, request } = await approvedRequest('authToken');
    const other = await approvedRequest('authToken');
    const error = await rejectionOf(rotate.execute({ change: TEST_CHANGE, appId: app.id, accessRequestId: request.id, credentialId: other.credential.id }));
    expect(error).to.be.instanceOf(CredentialNotFoundError);
    const [untouched] = (await bed.repos.accessRequests.findById(other.request.id))!.credentials;
    expect(untouched.credential).to.equal(other.credential.credential);
  });
});
