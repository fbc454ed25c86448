import { expect } from 'chai';
import { Credential } from '../../../src/domain/access-request/credential';
import { ApiProduct, ApiProductInput, dcrSettingsOf } from '../../../src/domain/api-product/api-product';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { RedirectUrlsInUseError } from '../../../src/domain/portal-app/portal-app-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';

const T0 = new Date('2026-11-30T07:00:00Z');
let next = 0;
const product = (input: Partial<ApiProductInput> = {}) =>
  ApiProduct.restore({ ...ApiProduct.create({ name: `P${++next}`, authType: 'oauth2', scopes: 'read', dcrEnabled: true, identityProviderId: 1, ...input }, T0), id: next });

describe('DCR rules of products and credentials', () => {
  it('joins the scopes of DCR products that agree on provider and settings', () => {
    expect(dcrSettingsOf([product({ scopes: 'read' }), product({ scopes: 'write read' })])).to.deep.equal({
      identityProviderId: 1, grantTypes: ['authorization_code'], responseTypes: ['code'], tokenEndpointAuthMethod: 'client_secret_basic', scope: 'read write',
    });
    expect(dcrSettingsOf([product({ dcrEnabled: false, identityProviderId: null })])).to.equal(null);
  });

  for (const [name, other] of [
    ['another provider', { identityProviderId: 2 }],
    ['other grant types', { grantTypes: ['client_credentials'] }],
    ['another auth method', { tokenEndpointAuthMethod: 'none' }],
    ['no DCR', { dcrEnabled: false, identityProviderId: null }],
  ] as const) {
    it(`refuses products that differ in ${name}`, () => {
      expect(() => dcrSettingsOf([product(), product(other)])).to.throw(ValidationError, /dynamic client registration or none/);
    });
  }

  it('refuses grant types that are not short printable names', () => {
    expect(() => product({ grantTypes: [] })).to.throw(ValidationError, /1 to 10 values/);
    expect(() => product({ grantTypes: ['authorization_code\n'] })).to.throw(ValidationError, /printable ASCII/);
    expect(() => product({ grantTypes: ['a', 'a'] })).to.throw(ValidationError, /twice/);
  });

  it('issues a registered credential without local secrets; without redirect URLs only for flows that need none', () => {
    const settings = dcrSettingsOf([product({ grantTypes: ['client_credentials'], responseTypes: ['none'] })])!;
    const issued = Credential.issueRegistered(7, settings, '', T0);
    expect(issued).to.include({ authType: 'oauth2', oauthClientId: null, oauthClientSecret: null, dcrSyncStatus: 'pending', dcrIdentityProviderId: 1, grantType: 'client_credentials' });
    expect(() => Credential.issueRegistered(7, dcrSettingsOf([product()])!, ' ', T0)).to.throw(ValidationError, /needs RedirectURLs for authorization_code/);
  });

  it('answers the provider\'s JSON with the secrets put back, and asks the provider on rotation', () => {
    const stored = Credential.restore({
      ...Credential.issueRegistered(7, dcrSettingsOf([product()])!, 'https://app/cb', T0), id: 3,
      oauthClientId: 'c1', oauthClientSecret: 's1', dcrRegistrationAccessToken: 't1', dcrResponse: '{"client_id":"c1","redirect_uris":["https://app/cb"]}',
    });
    expect(JSON.parse(stored.dcrProviderAnswer!)).to.deep.equal({ client_id: 'c1', redirect_uris: ['https://app/cb'], client_secret: 's1', registration_access_token: 't1' });
    const rotated = stored.rotate({ authType: 'oauth2', clientId: 'local', clientSecret: 'local-secret' }, T0);
    expect(rotated.snapshot()).to.include({ oauthClientSecret: 's1', dcrRotateRequested: true });
  });

  describe("an app's redirect URLs under its registered credentials", () => {
    const registered = (id: number, grantTypes: string[]) =>
      Credential.restore({ ...Credential.issueRegistered(7, dcrSettingsOf([product({ grantTypes })])!, 'https://app/cb', T0), id });
    const local = Credential.restore({
      ...Credential.issue(7, { authType: 'oauth2', clientId: 'c', clientSecret: 's' }, { redirectUri: 'https://app/cb', scope: 'read' }, T0), id: 9,
    });

    it('names the grants of a registered client that redirect, and none for a credential made here', () => {
      expect(registered(3, ['authorization_code', 'refresh_token', 'implicit']).redirectingGrants).to.deep.equal(['authorization_code', 'implicit']);
      expect(registered(3, ['client_credentials']).redirectingGrants).to.deep.equal([]);
      expect(local.redirectingGrants).to.deep.equal([]);
    });

    it('refuses emptying them while a registered client redirects, naming the credential and its grants', () => {
      const emptied = PortalApp.checkChanges({ redirectUrls: ' ' });
      const all = [local, registered(4, ['client_credentials']), registered(5, ['authorization_code'])];
      expect(() => PortalApp.checkRedirectUrlsKept(emptied, all)).to.throw(RedirectUrlsInUseError)
        .that.includes({ code: 'RedirectUrlsInUse', credentialId: 5 })
        .and.has.property('message', 'RedirectURLs: must not be emptied while credential 5 is registered at an identity provider for authorization_code');
    });

    it('lets them change, stay untouched, or be emptied when no registered client redirects', () => {
      const all = [local, registered(5, ['authorization_code'])];
      expect(() => PortalApp.checkRedirectUrlsKept(PortalApp.checkChanges({ redirectUrls: 'https://other/cb' }), all)).to.not.throw();
      expect(() => PortalApp.checkRedirectUrlsKept(PortalApp.checkChanges({ name: 'x' }), all)).to.not.throw();
      expect(() => PortalApp.checkRedirectUrlsKept(PortalApp.checkChanges({ redirectUrls: '' }), [local, registered(4, ['client_credentials'])])).to.not.throw();
    });
  });
});
