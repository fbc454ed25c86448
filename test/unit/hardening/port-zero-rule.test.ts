import { expect } from 'chai';
import { validateSettings } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { RedirectUrlList } from '../../../src/domain/portal-app/redirect-url-list';
import { FieldViolation, ValidationError } from '../../../src/domain/shared/domain-error';
import { assertEndpointUrl, assertRedirectUri, isHttpUrl } from '../../../src/domain/shared/urls';
import { checkWebhookSettings } from '../../../src/domain/webhooks/webhook-subscription';

const ZERO = ['https://a.example:0/cb', 'https://a.example:000/cb', 'http://127.0.0.1:0/cb', 'https://[2001:db8::1]:0/cb'];
const OTHER_PORTS = ['https://a.example:1/cb', 'https://a.example:65535/cb', 'https://a.example:443/cb'];

function violations(check: () => unknown): readonly FieldViolation[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.violations;
  }
}

const settings = (overrides: Record<string, unknown>) => ({
  appIntegrationId: 'GoogleSignIn000001', code: 'C', name: 'N', projectId: 'P', clientId: 'I', clientSecret: 'S',
  redirectURI: 'https://app.example.com/cb', scope: 'openid', ...overrides,
});

describe('port 0: one rule for every address the service stores', () => {
  it('refuses port 0 in a redirect URI and an endpoint, however it is spelt, and takes every other port', () => {
    for (const url of ZERO) {
      expect(violations(() => assertRedirectUri(url)), url).to.deep.equal([{ field: '', message: 'must not name port 0' }]);
      expect(violations(() => assertEndpointUrl(url)), url).to.deep.equal([{ field: '', message: 'must not name port 0' }]);
      expect(isHttpUrl(url), url).to.equal(false);
    }
    for (const url of OTHER_PORTS) {
      expect(violations(() => assertRedirectUri(url)), url).to.deep.equal([]);
      expect(violations(() => assertEndpointUrl(url)), url).to.deep.equal([]);
      expect(isHttpUrl(url), url).to.equal(true);
    }
    expect(violations(() => assertRedirectUri('com.example.app://host:0/cb'))).to.deep.equal([{ field: '', message: 'must not name port 0' }]);
  });

  it('refuses it in each URL field of a JFramework configuration, naming the field', () => {
    for (const field of ['redirectURI', 'authEndpoint', 'tokenEndpoint', 'iconURL']) {
      const found = violations(() => validateSettings(settings({ [field]: 'https://a.example:0/x' })));
      expect(found.map((v) => v.field), field).to.deep.equal([field]);
    }
    expect(violations(() => validateSettings(settings({ redirectURI: 'https://a.example:0/cb' })))).to.deep.equal([{ field: 'redirectURI', message: 'must not name port 0' }]);
    expect(violations(() => validateSettings(settings({ tokenEndpoint: 'https://a.example:0/t' })))).to.deep.equal([{ field: 'tokenEndpoint', message: 'must be an absolute http(s) URL or null' }]);
  });

  it('refuses it in any item of a portal app\'s RedirectURLs', () => {
    expect(violations(() => RedirectUrlList.create('https://ok.example/cb, https://a.example:0/cb', 'RedirectURLs'))).to.deep.equal([
      { field: 'RedirectURLs', message: 'https://a.example:0/cb must not name port 0' },
    ]);
  });

  it('refuses it in an identity provider\'s issuer before any discovery', () => {
    expect(violations(() => IdentityProvider.validate({ name: 'K', issuer: 'https://idp.example:0/realms/a' }))).to.deep.equal([
      { field: 'issuer', message: 'must not name port 0' },
    ]);
    expect(violations(() => IdentityProvider.validate({ name: 'K', issuer: 'https://idp.example:8443/realms/a' }))).to.deep.equal([]);
  });

  it('is the same rule a webhook URL follows', () => {
    expect(violations(() => checkWebhookSettings('portal', { url: 'https://a.example:0/in' }))).to.deep.equal([{ field: 'url', message: 'must not name port 0' }]);
  });
});
