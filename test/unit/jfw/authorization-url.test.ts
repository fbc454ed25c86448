import { expect } from 'chai';
import { buildAuthorizationUrl } from '../../../src/domain/integration-authentication/authorization-url';
import { IntegrationAuthenticationUnusableError } from '../../../src/domain/integration-authentication/integration-authentication-errors';

const settings = {
  authEndpoint: 'https://idp.example.com/authorize',
  clientId: 'abc',
  redirectURI: 'https://app.example.com/cb',
  scope: 'openid email',
};

describe('buildAuthorizationUrl (domain)', () => {
  it('adds the authorization-code parameters in order, form-encoded', () => {
    expect(buildAuthorizationUrl(settings, 's1')).to.equal(
      'https://idp.example.com/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid+email&state=s1',
    );
  });

  it('keeps the endpoint’s own query parameters and replaces ones it sets itself', () => {
    const url = new URL(buildAuthorizationUrl({ ...settings, authEndpoint: 'https://idp.example.com/auth?prompt=consent&response_type=token' }, 's'));
    expect(url.searchParams.get('prompt')).to.equal('consent');
    expect(url.searchParams.getAll('response_type')).to.deep.equal(['code']);
  });

  it('encodes reserved characters so they cannot inject parameters', () => {
    const url = new URL(buildAuthorizationUrl({ ...settings, clientId: 'a&state=evil' }, 'x y#z'));
    expect(url.searchParams.get('client_id')).to.equal('a&state=evil');
    expect(url.searchParams.getAll('state')).to.deep.equal(['x y#z']);
    expect(url.hash).to.equal('');
  });

  it('drops a fragment of the endpoint', () => {
    expect(buildAuthorizationUrl({ ...settings, authEndpoint: 'https://idp.example.com/auth#frag' }, 's')).not.to.include('#');
  });

  it('lets overrides replace clientId, redirectURI and scope', () => {
    const url = new URL(buildAuthorizationUrl(settings, 's', { clientId: 'other', redirectURI: 'com.example.app:/cb', scope: 'profile' }));
    expect(url.searchParams.get('client_id')).to.equal('other');
    expect(url.searchParams.get('redirect_uri')).to.equal('com.example.app:/cb');
    expect(url.searchParams.get('scope')).to.equal('profile');
  });

  it('fails with IntegrationAuthenticationUnusable without an authEndpoint', () => {
    expect(() => buildAuthorizationUrl({ ...settings, authEndpoint: null }, 's'))
      .to.throw(IntegrationAuthenticationUnusableError)
      .with.property('code', 'IntegrationAuthenticationUnusable');
  });
});
