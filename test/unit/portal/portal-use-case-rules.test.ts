import { expect } from 'chai';
import { ApproveAccessRequest } from '../../../src/application/access-request/approve-access-request.use-case';
import { ListAccessRequestCredentials } from '../../../src/application/access-request/list-access-request-credentials.use-case';
import { AuthenticatePortalAdmin } from '../../../src/application/portal-admin/authenticate-portal-admin.use-case';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { GetAppAccessRequest } from '../../../src/application/access-request/get-app-access-request.use-case';
import { GetPortalUser } from '../../../src/application/portal-user/get-portal-user.use-case';
import { ListPortalApps } from '../../../src/application/portal-app/list-portal-apps.use-case';
import { ListPortalUsers } from '../../../src/application/portal-user/list-portal-users.use-case';
import { ProvisionPortalApp } from '../../../src/application/portal-app/provision-portal-app.use-case';
import { RevokePortalAdmin } from '../../../src/application/portal-admin/revoke-portal-admin.use-case';
import { AccessRequestRepository } from '../../../src/application/ports/access-request.repository';
import { ApiProductRepository } from '../../../src/application/ports/api-product.repository';
import { NoProductsError, PortalAppNotFoundError } from '../../../src/domain/portal-app/portal-app-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { storeThatMustNotBeAsked } from '../../support/untouchable-store';
import { TEST_CHANGE } from '../../support/change';

const PAGE_RULE = 'must be an integer from 1 with (page - 1) × per_page below 10000: lists reach their first 10,000 items; narrow a longer list with its filters (e.g. resource_type/resource_id on the audit)';

describe('portal use cases: reading back, views and guards', () => {
  let bed: PortalTestbed;
  beforeEach(() => (bed = portalTestbed()));

  it('reads a user back with every field it was created with', async () => {
    const created = await bed.givenUser({ email: 'ada@example.com', first: 'Ada', last: 'Lovelace', role: 'provider-admin', organisationId: 3 });
    const user = await new GetPortalUser(bed.repos.users).execute({ userId: created.id });
    expect(user).to.include({ id: created.id, email: 'ada@example.com', first: 'Ada', last: 'Lovelace', role: 'provider-admin', organisationId: 3, active: true });
  });

  it('lists each app with its own access requests only, when several apps have some', async () => {
    const first = await bed.givenApp({ name: 'First' });
    const second = await bed.givenApp({ name: 'Second' });
    const product = await bed.givenProduct();
    const ofFirst = await bed.givenAccessRequest(first, [product]);
    const ofSecond = [await bed.givenAccessRequest(second, [product]), await bed.givenAccessRequest(second, [product])];
    const page = await new ListPortalApps(bed.repos.apps, bed.repos.accessRequests).execute({});
    const requestsOf = (appId: number) => page.items.find((v) => v.app.id === appId)!.accessRequests.map((r) => r.accessRequest.id);
    expect(requestsOf(first.id)).to.deep.equal([ofFirst.id]);
    expect(requestsOf(second.id)).to.deep.equal(ofSecond.map((r) => r.id));
  });

  it('lists no apps without asking for access requests', async () => {
    const page = await new ListPortalApps(bed.repos.apps, storeThatMustNotBeAsked<AccessRequestRepository>()).execute({});
    expect(page).to.deep.equal({ items: [], total: 0 });
  });

  it('answers an access request of an unknown app with PortalAppNotFound, naming the app', async () => {
    const request = await bed.givenAccessRequest();
    const error = await rejectionOf(new GetAppAccessRequest(bed.repos.apps, bed.repos.accessRequests).execute({ appId: 99, accessRequestId: request.id }));
    expect(error).to.be.instanceOf(PortalAppNotFoundError);
    expect(error).to.include({ appId: 99 });
  });

  it('refuses to provision an app with no products before looking any up', async () => {
    const app = await bed.givenApp();
    const provision = new ProvisionPortalApp(bed.repos.apps, storeThatMustNotBeAsked<ApiProductRepository>(), bed.repos.accessRequests, bed.clock);
    expect(await rejectionOf(provision.execute({ change: TEST_CHANGE, appId: app.id, productIds: [] }))).to.be.instanceOf(NoProductsError);
  });

  it('pages the credentials of a request like every portal list', async () => {
    const app = await bed.givenApp();
    const request = await bed.givenAccessRequest(app, [await bed.givenProduct({ authType: 'authToken' })]);
    await new ApproveAccessRequest(bed.repos.accessRequests, bed.repos.products, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, accessRequestId: request.id });
    const list = new ListAccessRequestCredentials(bed.repos.apps, bed.repos.accessRequests);
    expect(await list.execute({ appId: app.id, accessRequestId: request.id })).to.include({ total: 1 });
    expect((await list.execute({ appId: app.id, accessRequestId: request.id })).items).to.have.length(1);
    expect(await list.execute({ appId: app.id, accessRequestId: request.id, page: 2, perPage: 2 })).to.deep.equal({ items: [], total: 1 });
  });

  it('pages through the first 10,000 items: the page starting at item 9,999 is served, the one starting at 10,000 refused naming page', async () => {
    const list = new ListPortalUsers(bed.repos.users);
    await bed.givenUser();
    for (const [page, perPage] of [[10_000, 1], [100, 100], [5_000, 2], [1_112, 9]]) {
      expect(await list.execute({ page, perPage }), `${page} × ${perPage}`).to.deep.equal({ items: [], total: 1 });
    }
    for (const [page, perPage] of [[10_001, 1], [101, 100], [5_001, 2], [1_001, 10], [1_113, 9]]) {
      const error = await rejectionOf(list.execute({ page, perPage }));
      expect((error as ValidationError).violations, `${page} × ${perPage}`).to.deep.equal([{ field: 'page', message: PAGE_RULE }]);
    }
  });

  it('pages from 1 with at most 100 per page, naming the bad parameter', async () => {
    const list = new ListPortalUsers(bed.repos.users);
    await bed.givenUser();
    expect((await list.execute({ page: 1, perPage: 100 })).total).to.equal(1);
    expect((await list.execute({ perPage: 1 })).items).to.have.length(1);
    expect(await list.execute({ page: 1_000 })).to.deep.equal({ items: [], total: 1 });
    for (const page of [0, -1, 1.5, 1_001, 999_999_999, 1_000_000_000, 2_147_483_647, Number.MAX_SAFE_INTEGER, Number.NaN]) {
      const error = await rejectionOf(list.execute({ page }));
      expect((error as ValidationError).violations, String(page)).to.deep.equal([{ field: 'page', message: PAGE_RULE }]);
    }
    for (const perPage of [0, 101, 2.5]) {
      const error = await rejectionOf(list.execute({ perPage }));
      expect((error as ValidationError).violations, String(perPage)).to.deep.equal([{ field: 'perPage', message: 'must be an integer from 1 to 100' }]);
    }
  });
});

describe('portal admins: tokens and revocation', () => {
  let bed: PortalTestbed;
  beforeEach(() => (bed = portalTestbed()));

  it('recognises a token with blanks around it, and nobody for a blank token', async () => {
    const { admin, token } = await new CreatePortalAdmin(bed.repos.admins, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, email: 'admin@example.com' });
    const authenticate = new AuthenticatePortalAdmin(bed.repos.admins, bed.tokens);
    expect((await authenticate.execute({ token: `  ${token} ` }))?.id).to.equal(admin.id);
    expect(await authenticate.execute({ token: '   ' })).to.equal(null);
    expect(await authenticate.execute({ token: undefined })).to.equal(null);
  });

  it('answers the normalised email of the admin it revoked', async () => {
    await new CreatePortalAdmin(bed.repos.admins, bed.tokens, bed.clock).execute({ change: TEST_CHANGE, email: 'admin@example.com' });
    expect(await new RevokePortalAdmin(bed.repos.admins, bed.clock).execute({ change: TEST_CHANGE, email: ' Admin@Example.com ' })).to.deep.equal({ email: 'admin@example.com' });
  });
});
