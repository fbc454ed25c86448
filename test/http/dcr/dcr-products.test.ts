import { expect } from 'chai';
import { TEST_CHANGE } from '../../support/change';
import request from 'supertest';
import { IdentityProviderRepository, IDENTITY_PROVIDER_REPOSITORY } from '../../../src/application/ports/identity-provider.repository';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { portalClient, PortalClient, row } from '../portal/portal-http.support';

describe('portal: products with dynamic client registration, and what their approval refuses', () => {
  let c: PortalClient;
  let idpId: number;
  const post = (path: string, body: object) => request(c.t.server).post(`/portal-api${path}`).set(c.auth).send(body);
  const put = (path: string, body: object = {}) => request(c.t.server).put(`/portal-api${path}`).set(c.auth).send(body);

  before(async () => {
    c = await portalClient();
    const issuer = `https://idp-${process.pid}-${Date.now()}.example.com`;
    const idp = await c.t.container.get<IdentityProviderRepository>(IDENTITY_PROVIDER_REPOSITORY).create(IdentityProvider.create({ name: 'K', issuer }, `${issuer}/reg`, new Date()), TEST_CHANGE);
    idpId = idp.id;
  });

  const dcrProduct = async (overrides: Record<string, unknown> = {}) =>
    (await post('/products', { Name: `DCR ${Date.now()}`, AuthType: 'oauth2', Scopes: 'read', DCREnabled: true, IdentityProviderID: idpId, ...overrides }).expect(201)).body;

  it('creates a DCR product and answers its settings, with RFC 7591 defaults for what was left out', async () => {
    const product = await dcrProduct({ GrantTypes: ['authorization_code', 'refresh_token'] });
    expect(product).to.deep.include({
      AuthType: 'oauth2', DCREnabled: true, IdentityProviderID: idpId, GrantTypes: ['authorization_code', 'refresh_token'],
      ResponseTypes: ['code'], TokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect((await request(c.t.server).get(`/portal-api/products/${product.ID}`).set(c.auth).expect(200)).body).to.deep.equal(product);
  });

  it('refuses with 422 a DCR product without a provider, naming one that does not exist, or not oauth2', async () => {
    const none = await post('/products', { Name: 'X', AuthType: 'oauth2', DCREnabled: true }).expect(422);
    expect(JSON.stringify(none.body)).to.include('IdentityProviderID: is required when DCREnabled is true');
    const unknown = await post('/products', { Name: 'X', AuthType: 'oauth2', DCREnabled: true, IdentityProviderID: 2_000_000_000 }).expect(422);
    expect(JSON.stringify(unknown.body)).to.include('Identity provider 2000000000 not found');
    const token = await post('/products', { Name: 'X', AuthType: 'authToken', DCREnabled: true, IdentityProviderID: idpId }).expect(422);
    expect(JSON.stringify(token.body)).to.include('DCREnabled: needs AuthType oauth2');
    await post('/products', { Name: 'X', AuthType: 'oauth2', TokenEndpointAuthMethod: 'tls_client_auth' }).expect(422);
  });

  it('refuses to provision DCR and non-DCR products together (one credential serves them all)', async () => {
    const app = await c.anApp();
    const plain = await c.aProduct('oauth2');
    const res = await put(`/apps/${app.ID}/provision`, { Products: [(await dcrProduct()).ID, plain.ID] }).expect(422);
    expect(JSON.stringify(res.body)).to.include('dynamic client registration or none');
  });

  it('refuses with 422 to approve a DCR product for an app without redirect URLs; the request stays pending', async () => {
    const app = await c.anApp({ RedirectURLs: '' });
    const requestId = await c.provision(app.ID, [(await dcrProduct()).ID]);
    const res = await put(`/access_requests/${requestId}/approve`).expect(422);
    expect(JSON.stringify(res.body)).to.include('RedirectURLs: the app needs RedirectURLs for authorization_code');
    const shown = (await request(c.t.server).get(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(200)).body;
    expect(shown).to.deep.include({ Status: 'pending', DCREnabled: true, Credentials: [] });
  });

  describe("emptying an app's RedirectURLs under a DCR credential", () => {
    /** An app with redirect URLs and one approved request of `product`, and its credential as stored. */
    const approvedApp = async (product: Record<string, any>) => {
      const app = await c.anApp({ RedirectURLs: 'https://app.example.com/cb' });
      const requestId = await c.provision(app.ID, [product.ID]);
      await put(`/access_requests/${requestId}/approve`).expect(200);
      const [credential] = (await request(c.t.server).get(`/portal-api/apps/${app.ID}/access-requests/${requestId}/credentials`).set(c.auth).expect(200)).body;
      return { app, credentialId: credential.ID as number };
    };
    const getApp = async (id: number) => request(c.t.server).get(`/portal-api/apps/${id}`).set(c.auth).expect(200);

    it('refuses RedirectURLs "" (or blank) with 422 while the credential is registered for authorization_code, changing nothing and queuing no update', async () => {
      const { app, credentialId } = await approvedApp(await dcrProduct());
      const before = await getApp(app.ID);
      const stored = await row('portal_credentials', credentialId);
      for (const RedirectURLs of ['', '  ']) {
        const res = await put(`/apps/${app.ID}`, { RedirectURLs, Name: 'Renamed' }).expect(422);
        expect(res.body).to.deep.equal({
          errors: [`RedirectURLs: must not be emptied while credential ${credentialId} is registered at an identity provider for authorization_code`],
        });
      }
      const after = await getApp(app.ID);
      expect(after.headers.etag).to.equal(before.headers.etag);
      expect(after.body).to.deep.include({ Name: before.body.Name, RedirectURLs: 'https://app.example.com/cb' });
      // The DCR update trigger moves the desired version and sets pending; nothing moved.
      expect(await row('portal_credentials', credentialId)).to.deep.include({
        redirect_uri: 'https://app.example.com/cb', version: stored!.version, dcr_desired_version: stored!.dcr_desired_version,
      });
    });

    it('still lets the URLs change to others, and be emptied once the request is gone', async () => {
      const { app } = await approvedApp(await dcrProduct());
      await put(`/apps/${app.ID}`, { RedirectURLs: 'https://other.example.com/cb' }).expect(200);
      const [requestId] = (await getApp(app.ID)).body.AccessRequests[0].map((r: { ID: number }) => r.ID);
      await request(c.t.server).delete(`/portal-api/access_requests/${requestId}`).set(c.auth).expect(200);
      expect((await put(`/apps/${app.ID}`, { RedirectURLs: '' }).expect(200)).body.RedirectURLs).to.equal('');
    });

    it('lets them be emptied under a DCR credential whose grants do not redirect (client_credentials), as approval allows', async () => {
      const { app } = await approvedApp(await dcrProduct({ GrantTypes: ['client_credentials'] }));
      await put(`/apps/${app.ID}`, { RedirectURLs: '' }).expect(200);
    });

    it('lets them be emptied under a credential issued locally (no DCR)', async () => {
      const { app } = await approvedApp(await c.aProduct('oauth2'));
      await put(`/apps/${app.ID}`, { RedirectURLs: '' }).expect(200);
    });
  });
});
