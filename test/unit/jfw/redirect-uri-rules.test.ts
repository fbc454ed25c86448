import { expect } from 'chai';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { assertEndpointUrl, isEndpointUrl } from '../../../src/domain/shared/urls';
import { violationsOf } from '../../support/violations';

/*
 * The redirect URI rules (RFC 6749 §3.1.2, RFC 8252 §7), seen through the
 * settings of a configuration: what is accepted, and what is refused with
 * which message.
 */
const create = (redirectURI: string) =>
  IntegrationAuthentication.create({
    id: 'Id0000000000000001',
    brandId: 'Brand0000000000001',
    now: new Date('2026-01-01T00:00:00.000Z'),
    settings: {
      appIntegrationId: 'GoogleSignIn000001',
      code: 'GOOGLE_OAUTH2',
      name: 'Google OAuth2 Integration',
      projectId: 'my-google-project-123',
      clientId: '1234567890-abc.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-EXAMPLESECRET',
      redirectURI,
      scope: 'openid email profile',
    } as SettingsInput,
  });

describe('redirect URI rules of a configuration', () => {
  it('accepts redirect URIs to loopback hosts over http, to any host over https, and reverse-domain app schemes', () => {
    for (const ok of [
      'http://localhost:3000/cb',
      'http://127.0.0.1:8080/cb',
      'http://127.10.20.30/cb',
      'http://127.0.0.100/cb',
      'http://[::1]:9000/cb',
      'https://app.example.com/cb?x=1',
      'com.example.app:/oauth2redirect',
    ]) {
      expect(create(ok).settings.redirectURI, ok).to.equal(ok);
    }
  });

  it('refuses redirect URIs that are relative, carry a fragment, use http off loopback, or a bare custom scheme', () => {
    const cases: [string, string][] = [
      ['/auth/callback', 'must be an absolute URL'],
      ['https://app.example.com/cb#frag', 'must not contain a fragment'],
      ['http://app.example.com/cb', 'must use https unless it points at a loopback host'],
      ['http://127.0.0.1.evil.example.com/cb', 'must use https unless it points at a loopback host'],
      ['http://localhost.evil.example.com/cb', 'must use https unless it points at a loopback host'],
      ['myapp:/cb', 'must use https, http on loopback, or a reverse-domain private-use scheme'],
    ];
    for (const [uri, message] of cases) {
      expect(violationsOf(() => create(uri)), uri).to.deep.equal([{ field: 'redirectURI', message }]);
    }
  });

  it('reads user information only in the authority: an @ in the path, query or a native app path is fine', () => {
    for (const ok of [
      'https://app.example.com/cb/a@b',
      'https://app.example.com?next=a@b',
      'com.example.app:/cb@home',
    ]) {
      expect(() => create(ok), ok).not.to.throw();
    }
  });

  it('refuses user information the URL parser drops, and says which rule', () => {
    for (const uri of ['https://:@app.example.com/cb', 'https://u:p@app.example.com/cb']) {
      expect(violationsOf(() => create(uri)), uri).to.deep.equal([{ field: 'redirectURI', message: 'must not contain user information (user:password@)' }]);
    }
    expect(violationsOf(() => create('javascript:alert(1)'))).to.deep.equal([{ field: 'redirectURI', message: 'must not use the javascript scheme' }]);
  });

  it('refuses a backslash anywhere: http(s) parsers disagree on it (https://a.example.com\\cb@x is a.example.com to one, x to another)', () => {
    expect(violationsOf(() => create('https://app.example.com\\cb@x'))).to.deep.equal([{ field: 'redirectURI', message: 'must not contain a backslash' }]);
  });
});

describe('authorization and token endpoint rules', () => {
  const problem = (url: string) => violationsOf(() => assertEndpointUrl(url))[0]?.message;

  it('names what is wrong with an endpoint', () => {
    expect(problem('file:///etc/passwd')).to.equal('must be an absolute https URL');
    expect(problem('ftp://localhost/token')).to.equal('must use https unless it points at a loopback host');
    expect(problem('https://:@idp.example.com/token')).to.equal('must not contain user information (user:password@)');
  });

  it('reads an @ after a fragment mark as no user information', () => {
    expect(() => assertEndpointUrl('https://idp.example.com#a@b')).not.to.throw();
  });

  it('is reported under the endpoint field of a configuration', () => {
    expect(violationsOf(() => IntegrationAuthentication.create({
      id: 'Id0000000000000001',
      brandId: 'Brand0000000000001',
      now: new Date('2026-01-01T00:00:00.000Z'),
      settings: { ...create('https://app.example.com/cb').settings, tokenEndpoint: 'https://:@idp.example.com/token' } as SettingsInput,
    }))).to.deep.equal([{ field: 'tokenEndpoint', message: 'must not contain user information (user:password@)' }]);
  });

  it('answers the same as a predicate', () => {
    expect(isEndpointUrl('https://idp.example.com/auth')).to.equal(true);
    expect(isEndpointUrl('http://localhost:8080/token')).to.equal(true);
    expect(isEndpointUrl('http://idp.example.com/auth')).to.equal(false);
  });
});
