import { expect } from 'chai';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';
import { ValidationError } from '../../../src/domain/shared/domain-error';

const NOW = new Date('2026-11-30T07:00:00Z');
const violations = (input: Parameters<typeof IdentityProvider.validate>[0]) => {
  try {
    IdentityProvider.validate(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.violations;
    throw error;
  }
  return [];
};

describe('IdentityProvider rules', () => {
  it('keeps the name and issuer as given (trimmed), the endpoint from discovery, and the time', () => {
    const created = IdentityProvider.create({ name: ' Keycloak ', issuer: ' https://idp.example.com/realms/a ', initialAccessToken: 'iat-1' }, 'https://idp.example.com/reg', NOW);
    expect(created).to.deep.equal({
      name: 'Keycloak', issuer: 'https://idp.example.com/realms/a', registrationEndpoint: 'https://idp.example.com/reg', initialAccessToken: 'iat-1', createdAt: NOW,
    });
    const restored = IdentityProvider.restore({ ...created, id: 2 });
    expect(restored).to.include({ id: 2, name: 'Keycloak', issuer: 'https://idp.example.com/realms/a', registrationEndpoint: 'https://idp.example.com/reg', initialAccessToken: 'iat-1', createdAt: NOW });
    expect(restored.snapshot()).to.deep.equal({ ...created, id: 2 });
  });

  it('reads an absent, null or blank initial access token as none (open registration)', () => {
    for (const initialAccessToken of [undefined, null, '', '   ']) {
      expect(IdentityProvider.validate({ name: 'K', issuer: 'http://127.0.0.1:4000', initialAccessToken }).initialAccessToken).to.equal(null);
    }
  });

  it('refuses a missing name and an issuer that is not an http(s) URL, naming each field', () => {
    const both = violations({ name: ' ', issuer: 'ftp://idp.example.com' });
    expect(both.map((v) => v.field)).to.deep.equal(['name', 'issuer']);
    expect(both[1]).to.deep.equal({ field: 'issuer', message: 'must be an http(s) URL' });
    expect(violations({ name: 'K', issuer: 'not a url' })).to.deep.equal([{ field: 'issuer', message: 'must be an http(s) URL' }]);
    expect(violations({ name: 'K', issuer: '' })).to.deep.equal([{ field: 'issuer', message: 'must be an http(s) URL' }]);
    expect(violations({ issuer: 'https://idp.example.com' } as never).map((v) => v.field)).to.deep.equal(['name']);
  });

  it('refuses an issuer with a query, a fragment or user information', () => {
    for (const issuer of ['https://idp.example.com/?a=1', 'https://idp.example.com/#x', 'https://u:p@idp.example.com', 'https://u@idp.example.com']) {
      expect(violations({ name: 'K', issuer }), issuer).to.deep.equal([{ field: 'issuer', message: 'must have no query, fragment or user information' }]);
    }
  });

  it('refuses a name or an issuer holding a control character, though the URL parser would percent-encode one in the path', () => {
    expect(violations({ name: 'Key\u001bcloak', issuer: 'https://idp.example.com/realms/a\u001b[2J' })).to.deep.equal([
      { field: 'name', message: 'must not contain control characters' },
      { field: 'issuer', message: 'must not contain control characters' },
    ]);
    for (const issuer of ['https://idp.example.com/\u0000', 'https://idp.example.com/a\u0007b', 'https://idp.example.com/\u001f']) {
      expect(violations({ name: 'K', issuer }), JSON.stringify(issuer)).to.deep.equal([{ field: 'issuer', message: 'must not contain control characters' }]);
    }
  });

  it('refuses an issuer holding a tab, LF or CR, which the URL parser would drop silently, as it refuses other control characters', () => {
    for (const issuer of [
      'https://idp.example.com/\trealm', 'https://idp.example.com/realms/a\nb', 'https://idp.example.com/\r\nrealm',
      'https://idp.\texample.com/realm', 'https:\t//idp.example.com', 'https://idp.example.com\t:8443/realm',
    ]) {
      expect(URL.parse(issuer), `${JSON.stringify(issuer)} parses`).not.to.equal(null);
      expect(violations({ name: 'K', issuer }), JSON.stringify(issuer)).to.deep.equal([{ field: 'issuer', message: 'must not contain control characters' }]);
    }
  });

  it('still trims white space around the issuer, line breaks included: nothing of it is stored or fetched', () => {
    expect(IdentityProvider.validate({ name: 'K', issuer: '\thttps://idp.example.com/realms/a\r\n' }).issuer).to.equal('https://idp.example.com/realms/a');
  });

  it('takes an issuer of 2,048 characters, not one more', () => {
    const base = 'https://idp.example.com/';
    const at = (n: number) => base + 'a'.repeat(n - base.length);
    expect(violations({ name: 'K', issuer: at(2048) })).to.deep.equal([]);
    expect(violations({ name: 'K', issuer: at(2049) })).to.deep.equal([{ field: 'issuer', message: 'must be at most 2048 characters' }]);
  });

  it('takes an initial access token of 8,192 characters, not one more', () => {
    expect(violations({ name: 'K', issuer: 'https://idp.example.com', initialAccessToken: 't'.repeat(8192) })).to.deep.equal([]);
    expect(violations({ name: 'K', issuer: 'https://idp.example.com', initialAccessToken: 't'.repeat(8193) }).map((v) => v.field)).to.deep.equal(['initialAccessToken']);
  });
});
