import { ProvisionPortalApp } from '../../../src/application/portal-app/provision-portal-app.use-case';
import { ApiProductNotFoundError } from '../../../src/domain/api-product/api-product-errors';
import { NoProductsError, PortalAppNotFoundError, ProductsOfDifferentAuthTypesError } from '../../../src/domain/portal-app/portal-app-errors';
import { expect } from 'chai';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('ProvisionPortalApp', () => {
  let bed: PortalTestbed;
  let provision: ProvisionPortalApp;
  beforeEach(() => {
    bed = portalTestbed();
    provision = new ProvisionPortalApp(bed.repos.apps, bed.repos.products, bed.repos.accessRequests, bed.clock);
  });

  it('creates one pending access request for the app', async () => {
    const app = await bed.givenApp({ name: 'Payment App' });
    const product = await bed.givenProduct({ name: 'Payment API', authType: 'oauth2' });
    const request = await provision.execute({ change: TEST_CHANGE, appId: app.id, productIds: [product.id], plan: 'Free plan', catalogue: 'Public Catalogue' });
    expect(request).to.include({ status: 'pending', appId: app.id, authType: 'oauth2', plan: 'Free plan', catalogue: 'Public Catalogue', client: 'Payment App' });
    expect(request.productNames).to.deep.equal(['Payment API']);
    expect((await bed.repos.accessRequests.listByApps([app.id])).length).to.equal(1);
  });

  it('refuses an unknown app', async () => {
    const product = await bed.givenProduct();
    expect(await rejectionOf(provision.execute({ change: TEST_CHANGE, appId: 8, productIds: [product.id] }))).to.be.instanceOf(PortalAppNotFoundError);
  });

  it('refuses an empty product list', async () => {
    const app = await bed.givenApp();
    expect(await rejectionOf(provision.execute({ change: TEST_CHANGE, appId: app.id, productIds: [] }))).to.be.instanceOf(NoProductsError);
  });

  it('refuses an unknown product, naming it, and creates nothing', async () => {
    const app = await bed.givenApp();
    const product = await bed.givenProduct();
    const error = await rejectionOf(provision.execute({ change: TEST_CHANGE, appId: app.id, productIds: [product.id, 31] }));
    expect(error).to.be.instanceOf(ApiProductNotFoundError);
    expect((error as ApiProductNotFoundError).productId).to.equal(31);
    expect(await bed.repos.accessRequests.listByApps([app.id])).to.deep.equal([]);
  });

  it('refuses products of different auth types', async () => {
    const app = await bed.givenApp();
    const a = await bed.givenProduct({ authType: 'authToken' });
    const b = await bed.givenProduct({ authType: 'basicAuth' });
    expect(await rejectionOf(provision.execute({ change: TEST_CHANGE, appId: app.id, productIds: [a.id, b.id] }))).to.be.instanceOf(ProductsOfDifferentAuthTypesError);
  });
});
