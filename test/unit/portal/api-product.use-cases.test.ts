import { CreateApiProduct } from '../../../src/application/api-product/create-api-product.use-case';
import { GetApiProduct } from '../../../src/application/api-product/get-api-product.use-case';
import { ListApiProducts } from '../../../src/application/api-product/list-api-products.use-case';
import { ApiProductNotFoundError } from '../../../src/domain/api-product/api-product-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { expect } from 'chai';
import { InMemoryIdentityProviderRepository } from '../../../src/adapters/persistence/in-memory/identity-provider/in-memory-identity-provider.repository';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { IdentityProviderNotFoundError } from '../../../src/domain/identity-provider/identity-provider-errors';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('API product use cases', () => {
  let bed: PortalTestbed;
  beforeEach(() => (bed = portalTestbed()));

  it('creates a product and normalises its scopes to single spaces', async () => {
    const product = await new CreateApiProduct(bed.repos.products, new InMemoryIdentityProviderRepository(), bed.clock).execute({ change: TEST_CHANGE, name: 'Payment API', authType: 'oauth2', scopes: ' payment   client ' });
    expect(product).to.include({ id: 1, name: 'Payment API', authType: 'oauth2', scopes: 'payment client' });
  });

  it('rejects an unknown auth type', async () => {
    const error = await rejectionOf(new CreateApiProduct(bed.repos.products, new InMemoryIdentityProviderRepository(), bed.clock).execute({ change: TEST_CHANGE, name: 'X', authType: 'jwt' }));
    expect((error as ValidationError).violations[0].field).to.equal('authType');
  });

  it('creates a DCR product naming an identity provider, with the RFC 7591 defaults', async () => {
    const providers = new InMemoryIdentityProviderRepository();
    const idp = await providers.create(IdentityProvider.create({ name: 'K', issuer: 'https://idp.example.com' }, 'https://idp.example.com/reg', bed.clock.now()), TEST_CHANGE);
    const product = await new CreateApiProduct(bed.repos.products, providers, bed.clock).execute({ change: TEST_CHANGE, name: 'DCR API', authType: 'oauth2', dcrEnabled: true, identityProviderId: idp.id });
    expect(product.snapshot()).to.deep.include({
      dcrEnabled: true, identityProviderId: idp.id, grantTypes: ['authorization_code'], responseTypes: ['code'], tokenEndpointAuthMethod: 'client_secret_basic',
    });
  });

  it('refuses DCR without an identity provider, on another auth type, or naming a provider that does not exist', async () => {
    const create = new CreateApiProduct(bed.repos.products, new InMemoryIdentityProviderRepository(), bed.clock);
    const missing = (await rejectionOf(create.execute({ change: TEST_CHANGE, name: 'X', authType: 'oauth2', dcrEnabled: true }))) as ValidationError;
    expect(missing.violations).to.deep.equal([{ field: 'identityProviderId', message: 'is required when DCREnabled is true' }]);
    const token = (await rejectionOf(create.execute({ change: TEST_CHANGE, name: 'X', authType: 'authToken', dcrEnabled: true, identityProviderId: 1, tokenEndpointAuthMethod: 'private_key_jwt' }))) as ValidationError;
    expect(token.violations.map((v) => v.field)).to.deep.equal(['dcrEnabled', 'tokenEndpointAuthMethod']);
    expect(await rejectionOf(create.execute({ change: TEST_CHANGE, name: 'X', authType: 'oauth2', dcrEnabled: true, identityProviderId: 7 }))).to.be.instanceOf(IdentityProviderNotFoundError);
    expect((await bed.repos.products.list({ offset: 0, limit: 10 })).total).to.equal(0);
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
