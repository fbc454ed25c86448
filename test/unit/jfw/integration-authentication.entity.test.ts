import { validateSettings } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { expect } from 'chai';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { assertRedirectUri } from '../../../src/domain/shared/urls';
import { someSettings } from '../../support/integration-authentication.builder';

const now = new Date('2026-01-01T00:00:00Z');

function violationsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
}

describe('IntegrationAuthentication', () => {
  it('names every broken field at once', () => {
    const fields = violationsOf(() =>
      IntegrationAuthentication.create({ id: 'x', brandId: 'b', settings: someSettings('app', { code: ' ', scope: '', tokenEndpoint: 'mailto:a@b' }), now }),
    );
    expect(fields).to.have.members(['code', 'scope', 'tokenEndpoint']);
  });

  it('trims required strings so "CODE " and "CODE" are the same code', () => {
    const entity = IntegrationAuthentication.create({ id: 'x', brandId: 'b', settings: someSettings('app', { code: '  CODE ' }), now });
    expect(entity.settings.code).to.equal('CODE');
  });

  it('a replacement (PUT) takes the defaults for omitted optionals; changeSettings keeps them', () => {
    const entity = IntegrationAuthentication.create({ id: 'x', brandId: 'b', settings: someSettings('app', { tags: '#t', isDefault: true }), now });
    expect(validateSettings(someSettings('app'))).to.include({ tags: null, isDefault: false });
    expect(entity.changeSettings({ name: 'n' }, now).settings).to.include({ tags: '#t', isDefault: true, name: 'n' });
    expect(entity.changeSettings({ name: 'n' }, now).version).to.equal(2);
  });

  describe('redirect URI rule (RFC 6749 §3.1.2, RFC 8252)', () => {
    const accepted = ['https://app.example.com/cb', 'http://localhost:8080/cb', 'http://127.0.0.1/cb', 'com.example.app:/oauth2redirect'];
    const refused = ['https://app.example.com/cb#frag', 'http://app.example.com/cb', 'relative/path', 'javascript:alert(1)', 'myapp:/cb'];
    for (const uri of accepted) it(`accepts ${uri}`, () => expect(() => assertRedirectUri(uri)).not.to.throw());
    for (const uri of refused) it(`refuses ${uri}`, () => expect(() => assertRedirectUri(uri)).to.throw(ValidationError));
  });
});
