import { CreateApiProduct } from '../../../src/application/api-product/create-api-product.use-case';
import { GetApiProduct } from '../../../src/application/api-product/get-api-product.use-case';
import { ListApiProducts } from '../../../src/application/api-product/list-api-products.use-case';
import { ApiProductNotFoundError } from '../../../src/domain/api-product/api-product-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { expect } from 'chai';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';

describe('API product use cases', () => {
  let bed: PortalTestbed;
  beforeEach(() => (bed = portalTestbed()));

  it('creates a product and normalises its scopes to single spaces', async () => {
    const product = await new CreateApiProduct(bed.repos.products, bed.clock).execute({ name: 'Payment API', authType: 'oauth2', scopes: ' payment   client ' });
    expect(product).to.include({ id: 1, name: 'Payment API', authType: 'oauth2', scopes: 'payment client' });
  });

  it('rejects an unknown auth type', async () => {
    const error = await rejectionOf(new CreateApiProduct(bed.repos.products, bed.clock).execute({ name: 'X', authType: 'jwt' }));
    expect((error as ValidationError).violations[0].field).to.equal('authType');
  });

  it('gets a product by id and answers an unknown one with ApiProductNotFound', async () => {
    const product = await bed.givenProduct({ name: 'Orders API' });
    expect((await new GetApiProduct(bed.repos.products).execute({ productId: product.id })).name).to.equal('Orders API');
    expect(await rejectionOf(new GetApiProduct(bed.repos.products).execute({ productId: 42 }))).to.be.instanceOf(ApiProductNotFoundError);
  });

  it('lists products in id order, 10 per page by default', async () => {
    for (let i = 0; i < 12; i++) await bed.givenProduct();
    const page = await new ListApiProducts(bed.repos.products).execute({});
    expect(page.total).to.equal(12);
    expect(page.items.map((p) => p.id)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
