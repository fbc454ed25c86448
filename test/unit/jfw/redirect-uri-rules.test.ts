import { expect } from 'chai';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../../src/domain/integration-authentication/integration-authentication-settings';
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
});
