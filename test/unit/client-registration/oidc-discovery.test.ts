import { expect } from 'chai';
import { OidcDiscovery } from '../../../src/adapters/client-registration/oidc-discovery';
import {
  IdentityProviderProtocolViolation,
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../../src/application/ports/identity-provider-errors';
import { ScriptedOutboundHttp } from '../../support/client-registration/scripted-outbound-http';
import { rejectionOf } from '../../support/rejection';

const ISSUER = 'https://idp.example/realms/master';
const metadata = (overrides: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  registration_endpoint: `${ISSUER}/clients-registrations/openid-connect`,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  ...overrides,
});

describe('OpenID provider discovery', () => {
  let http: ScriptedOutboundHttp;
  let discovery: OidcDiscovery;
  beforeEach(() => {
    http = new ScriptedOutboundHttp();
    discovery = new OidcDiscovery(http);
  });

  it('reads the registration endpoint from <issuer>/.well-known/openid-configuration', async () => {
    http.answer(200, metadata());
    const found = await discovery.discover(ISSUER);
    expect(http.requests[0]).to.include({ method: 'GET', url: `${ISSUER}/.well-known/openid-configuration` });
    expect(found).to.deep.equal({
      issuer: ISSUER,
      registrationEndpoint: `${ISSUER}/clients-registrations/openid-connect`,
      authorizationEndpoint: `${ISSUER}/protocol/openid-connect/auth`,
      tokenEndpoint: `${ISSUER}/protocol/openid-connect/token`,
    });
  });

  it('puts no second slash before .well-known for an issuer ending in one', async () => {
    http.answer(200, metadata({ issuer: `${ISSUER}/` }));
    await discovery.discover(`${ISSUER}/`);
    expect(http.requests[0].url).to.equal(`${ISSUER}/.well-known/openid-configuration`);
  });

  it('refuses metadata that names another issuer (OpenID Connect Discovery §4.3)', async () => {
    http.answer(200, metadata({ issuer: 'https://evil.example' }));
    const error = await rejectionOf(discovery.discover(ISSUER));
    expect(error).to.be.instanceOf(IdentityProviderProtocolViolation);
    expect((error as Error).message).to.include('another issuer');
  });

  it('says plainly when the provider offers no dynamic registration', async () => {
    http.answer(200, metadata({ registration_endpoint: undefined })).answer(200, metadata({ registration_endpoint: 'javascript:alert(1)' }));
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(discovery.discover(ISSUER));
      expect(error).to.be.instanceOf(IdentityProviderProtocolViolation);
      expect((error as Error).message).to.include('registration_endpoint');
    }
  });

  it('fetches nothing for an issuer with a query or fragment, or that is no URL', async () => {
    for (const issuer of [`${ISSUER}?x=1`, `${ISSUER}#f`, 'not a url']) {
      expect(await rejectionOf(discovery.discover(issuer))).to.be.instanceOf(IdentityProviderProtocolViolation);
    }
    expect(http.requests).to.have.length(0);
  });

  it('maps a missing document to refused and a provider that is down to unreachable', async () => {
    http.answer(404, 'Not Found').respond({ kind: 'failed', reason: 'ENOTFOUND: getaddrinfo ENOTFOUND idp.example' });
    expect(await rejectionOf(discovery.discover(ISSUER))).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 404 });
    expect(await rejectionOf(discovery.discover(ISSUER))).to.be.instanceOf(IdentityProviderUnreachable).and.include({ requestMayHaveArrived: false });
  });
});
