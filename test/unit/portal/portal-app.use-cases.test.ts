import { ApproveAccessRequest } from '../../../src/application/access-request/approve-access-request.use-case';
import { CreatePortalApp } from '../../../src/application/portal-app/create-portal-app.use-case';
import { DeletePortalApp } from '../../../src/application/portal-app/delete-portal-app.use-case';
import { GetPortalApp } from '../../../src/application/portal-app/get-portal-app.use-case';
import { ListPortalApps } from '../../../src/application/portal-app/list-portal-apps.use-case';
import { UpdatePortalApp } from '../../../src/application/portal-app/update-portal-app.use-case';
import { PortalAppNotFoundError, RedirectUrlsInUseError } from '../../../src/domain/portal-app/portal-app-errors';
import { PortalUserNotFoundError } from '../../../src/domain/portal-user/portal-user-errors';
import { ValidationError, VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { expect } from 'chai';
import { ApiProductMother, PortalAppMother } from '../../support/portal/portal-mother';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('Portal app use cases', () => {
  let bed: PortalTestbed;
  let update: UpdatePortalApp;
  beforeEach(() => {
    bed = portalTestbed();
    update = new UpdatePortalApp(bed.repos.apps, bed.repos.accessRequests, bed.clock);
  });

  it('creates an app with organisation visibility and no access requests', async () => {
    const user = await bed.givenUser();
    const view = await new CreatePortalApp(bed.repos.apps, bed.clock).execute({ ...PortalAppMother.input(user.id), change: TEST_CHANGE });
    expect(view.app).to.include({ id: 1, visibility: 'organisation', userId: user.id });
    expect(view.accessRequests).to.deep.equal([]);
  });

  it('refuses to create an app for an unknown user', async () => {
    const error = await rejectionOf(new CreatePortalApp(bed.repos.apps, bed.clock).execute({ ...PortalAppMother.input(77), change: TEST_CHANGE }));
    expect(error).to.be.instanceOf(PortalUserNotFoundError);
  });

  it('answers an unknown app with PortalAppNotFound', async () => {
    const error = await rejectionOf(new GetPortalApp(bed.repos.apps, bed.repos.accessRequests).execute({ appId: 5 }));
    expect(error).to.be.instanceOf(PortalAppNotFoundError);
  });

  it('shows an app with its access requests, oldest first', async () => {
    const app = await bed.givenApp();
    const first = await bed.givenAccessRequest(app);
    const second = await bed.givenAccessRequest(app);
    await bed.givenAccessRequest(); // another app's request must not appear
    const view = await new GetPortalApp(bed.repos.apps, bed.repos.accessRequests).execute({ appId: app.id });
    expect(view.accessRequests.map((r) => r.accessRequest.id)).to.deep.equal([first.id, second.id]);
  });

  it('lists apps with their access requests a page at a time', async () => {
    const a = await bed.givenApp();
    await bed.givenApp();
    await bed.givenAccessRequest(a);
    const page = await new ListPortalApps(bed.repos.apps, bed.repos.accessRequests).execute({ page: 1, perPage: 1 });
    expect(page.total).to.equal(2);
    expect(page.items).to.have.length(1);
    expect(page.items[0].accessRequests).to.have.length(1);
  });

  it('applies a partial update (seed 003) and leaves other fields alone', async () => {
    const app = await bed.givenApp({ name: 'Payment App', description: 'Old' });
    bed.clock.advance(60_000);
    const view = await update.execute({ change: TEST_CHANGE, appId: app.id, changes: { visibility: 'personal' } });
    expect(view.app).to.include({ name: 'Payment App', description: 'Old', visibility: 'personal', version: 2 });
    expect(view.app.updatedAt.getTime() - view.app.createdAt.getTime()).to.equal(60_000);
  });

  it('moves an app to another existing user', async () => {
    const app = await bed.givenApp();
    const other = await bed.givenUser();
    expect((await update.execute({ change: TEST_CHANGE, appId: app.id, changes: { userId: other.id } })).app.userId).to.equal(other.id);
  });

  it('refuses to move an app to an unknown user and keeps it unchanged', async () => {
    const app = await bed.givenApp({ name: 'Keep' });
    const error = await rejectionOf(update.execute({ change: TEST_CHANGE, appId: app.id, changes: { userId: 404, name: 'Changed' } }));
    expect(error).to.be.instanceOf(PortalUserNotFoundError);
    expect((await bed.repos.apps.findById(app.id))?.name).to.equal('Keep');
  });

  it('answers an update of an unknown app with PortalAppNotFound', async () => {
    expect(await rejectionOf(update.execute({ change: TEST_CHANGE, appId: 9, changes: {} }))).to.be.instanceOf(PortalAppNotFoundError);
  });

  it('rejects redirect URLs with a fragment on update', async () => {
    const app = await bed.givenApp();
    const error = await rejectionOf(update.execute({ change: TEST_CHANGE, appId: app.id, changes: { redirectUrls: 'https://a/cb#x' } }));
    expect((error as ValidationError).violations[0].field).to.equal('redirectUrls');
  });

  it('refuses an update with a stale version', async () => {
    const app = await bed.givenApp();
    await update.execute({ change: TEST_CHANGE, appId: app.id, changes: { name: 'v2' } });
    const error = await rejectionOf(update.execute({ change: TEST_CHANGE, appId: app.id, changes: { name: 'v3' }, expectedVersion: 1 }));
    expect(error).to.be.instanceOf(VersionMismatchError);
  });

  it('points every oauth2 credential of the app at the new redirect URLs', async () => {
    const app = await bed.givenApp({ redirectUrls: 'https://old/cb' });
    const request = await bed.givenAccessRequest(app, [await bed.givenProduct({ authType: 'oauth2' })]);
    await new ApproveAccessRequest(bed.repos.accessRequests, bed.repos.products, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id });
    const view = await update.execute({ change: TEST_CHANGE, appId: app.id, changes: { redirectUrls: 'https://new/cb, https://new/cb2' } });
    expect(view.accessRequests[0].credentials[0].redirectUri).to.equal('https://new/cb,https://new/cb2');
  });

  it('refuses to empty the redirect URLs under a DCR credential for authorization_code, and writes nothing', async () => {
    const app = await bed.givenApp({ redirectUrls: 'https://app/cb' });
    const product = await bed.givenProduct(ApiProductMother.oauth2({ dcrEnabled: true, identityProviderId: 1 }));
    const request = await bed.givenAccessRequest(app, [product]);
    await new ApproveAccessRequest(bed.repos.accessRequests, bed.repos.products, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id });
    const error = await rejectionOf(update.execute({ change: TEST_CHANGE, appId: app.id, changes: { redirectUrls: '', name: 'Renamed' } }));
    expect(error).to.be.instanceOf(RedirectUrlsInUseError);
    expect((await bed.repos.apps.findById(app.id))!.snapshot()).to.include({ redirectUrls: 'https://app/cb', name: app.name, version: app.version });
  });

  it('deletes an app with its access requests and credentials', async () => {
    const app = await bed.givenApp();
    const request = await bed.givenAccessRequest(app);
    await new DeletePortalApp(bed.repos.apps, bed.clock).execute({ change: TEST_CHANGE, appId: app.id });
    expect(await bed.repos.apps.findById(app.id)).to.equal(null);
    expect(await bed.repos.accessRequests.findById(request.id)).to.equal(null);
  });

  it('answers deleting an unknown app with PortalAppNotFound', async () => {
    expect(await rejectionOf(new DeletePortalApp(bed.repos.apps, bed.clock).execute({ change: TEST_CHANGE, appId: 3 }))).to.be.instanceOf(PortalAppNotFoundError);
  });
});
