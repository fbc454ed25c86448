import { expect } from 'chai';
import fc from 'fast-check';
import { utf8Length, validateSettings } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { RedirectUrlList } from '../../../src/domain/portal-app/redirect-url-list';
import { optionalText, requiredText } from '../../../src/domain/shared/text-field';
import { hasControlCharacters } from '../../../src/domain/shared/control-characters';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { assertEndpointUrl, assertRedirectUri } from '../../../src/domain/shared/urls';

const settings = (overrides: Record<string, unknown> = {}) => ({
  appIntegrationId: 'GoogleSignIn000001', code: 'C', name: 'N', projectId: 'P', clientId: 'I', clientSecret: 'S',
  redirectURI: 'https://app.example.com/cb', scope: 'openid', ...overrides,
});

function message(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.violations[0]?.message;
  }
}

describe('redirect URI rule (RFC 9700 §2.1/§4.1, RFC 8252 §7.1)', () => {
  const refused: [string, RegExp][] = [
    ['https://user:pw@app.example.com/cb', /user information/],
    ['https://user@app.example.com/cb', /user information/],
    ['https://@app.example.com/cb', /user information/],
    ['com.example.app://u@host/cb', /user information/],
    ['http://app.example.com/cb', /https unless/],
    ['http://127.0.0.1.nip.io/cb', /https unless/],
    ['javascript:alert(1)', /javascript scheme/],
    ['JavaScript:alert(1)', /javascript scheme/],
    ['data:text/html;base64,PHNjcmlwdD4=', /data scheme/],
    ['file:///etc/passwd', /file scheme/],
    ['vbscript:msgbox', /vbscript scheme/],
    ['myapp:/callback', /reverse-domain/],
    ['https://app.example.com/cb#x', /fragment/],
    ['/relative/cb', /absolute/],
    ['https://evil.example.com\\@app.example.com/cb', /backslash/],
    ['https://app.example.com\\.evil.example.com/cb', /backslash/],
    ['https:/\\evil.example.com/cb', /backslash/],
    ['https:@evil.example.com/cb', /scheme:\/\/host/],
    ['https:evil.example.com/cb', /scheme:\/\/host/],
    ['https:///evil.example.com/cb', /host plainly/],
    ['https://evil%2Eexample.com/cb', /host plainly/],
    ['http://2130706433/cb', /host plainly/],
    ['http://127.1/cb', /host plainly/],
    ['https://app.example.com/c b', /white space/],
    ['https://app.example.com/\tcb', /white space/],
  ];
  for (const [uri, reason] of refused) it(`refuses ${uri}`, () => expect(message(() => assertRedirectUri(uri))).to.match(reason));

  for (const uri of ['https://app.example.com/cb?x=1', 'http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://127.42.0.9/cb', 'http://[::1]:8080/cb', 'com.example.app:/oauth2redirect',
    'https://APP.Example.com:443/cb', 'https://bücher.example/cb', 'com.example.app://host/cb']) {
    it(`accepts ${uri}`, () => expect(message(() => assertRedirectUri(uri))).to.equal(undefined));
  }

  it('is the rule of every portal RedirectURLs item', () => {
    expect(message(() => RedirectUrlList.create('https://ok.example.com/cb,https://u:p@evil.example.com/cb'))).to.equal(
      'https://u:p@evil.example.com/cb must not contain user information (user:password@)',
    );
    expect(message(() => RedirectUrlList.create('http://anyhost.example.com/cb'))).to.match(/https unless it points at a loopback host/);
    expect(RedirectUrlList.create('https://a.example.com/cb, http://localhost/cb').value).to.equal('https://a.example.com/cb,http://localhost/cb');
  });
});

describe('authorization and token endpoint rule', () => {
  it('accepts https and http on loopback', () => {
    for (const url of ['https://accounts.google.com/o/oauth2/auth', 'http://localhost:9000/token', 'http://127.0.0.1/token']) {
      expect(message(() => assertEndpointUrl(url)), url).to.equal(undefined);
    }
  });

  it('refuses user information, plain http to a remote host, and other schemes', () => {
    expect(message(() => assertEndpointUrl('https://accounts.google.com@evil.example.com/'))).to.match(/user information/);
    expect(message(() => assertEndpointUrl('http://accounts.example.com/'))).to.match(/https unless/);
    expect(message(() => assertEndpointUrl('ftp://accounts.example.com/'))).to.match(/https unless/);
    expect(message(() => assertEndpointUrl('nope'))).to.match(/absolute https URL/);
  });

  it('refuses what parsers read differently: backslashes, a missing //, a host not written plainly, white space', () => {
    expect(message(() => assertEndpointUrl('https://evil.example.com\\@accounts.google.com/auth'))).to.match(/backslash/);
    expect(message(() => assertEndpointUrl('https:@evil.example.com/auth'))).to.match(/scheme:\/\/host/);
    expect(message(() => assertEndpointUrl('https:evil.example.com/token'))).to.match(/scheme:\/\/host/);
    expect(message(() => assertEndpointUrl('http://0x7f.1/token'))).to.match(/host plainly/);
    expect(message(() => assertEndpointUrl('https://idp.example.com/a\nb'))).to.match(/white space/);
    expect(message(() => assertEndpointUrl('https://IDP.example.com:443/token'))).to.equal(undefined);
  });

  it('is applied to authEndpoint and tokenEndpoint by the domain, not to iconURL', () => {
    expect(() => validateSettings(settings({ authEndpoint: 'http://evil.example.com/auth' }))).to.throw(ValidationError);
    expect(() => validateSettings(settings({ tokenEndpoint: 'https://a:b@idp.example.com/token' }))).to.throw(ValidationError);
    expect(() => validateSettings(settings({ iconURL: 'http://cdn.example.com/icon.png' }))).not.to.throw();
  });
});

describe('tab, LF and CR in an address (the URL parser drops them silently, so what is stored would not be what is used)', () => {
  const withBreaks = (good: string): string[] => ['\t', '\n', '\r'].flatMap((c) => [
    good.replace('://', `:${c}//`), good.replace('.example', `.${c}example`), good.replace(/\/([^/]*)$/, `/${c}$1`), good.replace(/\/([^/]*)$/, `/$1${c}x`),
  ]);

  it('are refused in a redirect URI, wherever they stand inside it', () => {
    for (const uri of withBreaks('https://app.example.com/cb')) {
      expect(URL.parse(uri), `${JSON.stringify(uri)} parses`).not.to.equal(null);
      expect(message(() => assertRedirectUri(uri)), JSON.stringify(uri)).to.equal('must not contain white space');
      expect(message(() => validateSettings(settings({ redirectURI: uri }))), JSON.stringify(uri)).to.equal('must not contain white space');
      expect(message(() => RedirectUrlList.create(`https://ok.example.com/cb,${uri}`)), JSON.stringify(uri)).to.equal(`${uri} must not contain white space`);
    }
  });

  it('are refused in an authorization or token endpoint, wherever they stand', () => {
    for (const url of [...withBreaks('https://idp.example.com/token'), 'https://idp.example.com/token\n', '\thttps://idp.example.com/token']) {
      expect(message(() => assertEndpointUrl(url)), JSON.stringify(url)).to.equal('must not contain white space');
      expect(message(() => validateSettings(settings({ tokenEndpoint: url }))), JSON.stringify(url)).to.equal('must not contain white space');
    }
  });
});

describe('control characters in text', () => {
  it('are C0 controls but tab, LF and CR', () => {
    for (let code = 0; code < 0x20; code++) {
      expect(hasControlCharacters(`a${String.fromCharCode(code)}b`), `U+${code.toString(16)}`).to.equal(![0x09, 0x0a, 0x0d].includes(code));
    }
    expect(hasControlCharacters('\u007f\u0080 ü')).to.equal(false);
  });

  it('are refused by the domain in every text field, whoever calls it', () => {
    const error = (() => {
      try {
        validateSettings(settings({ name: 'a\u0000', tags: '#x\u0001', clientSecret: 's\u0002' }));
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error?.violations.map((v) => v.field)).to.have.members(['name', 'tags', 'clientSecret']);
    expect(() => requiredText('a\u0000', 'Name')).to.throw(ValidationError);
    expect(() => optionalText('a\u001f', 'Description')).to.throw(ValidationError);
    expect(requiredText(' line\none ', 'Name')).to.equal('line\none');
  });
});

describe('code bounded in UTF-8 bytes (a B-tree index key)', () => {
  const settings = (code: string) => ({
    appIntegrationId: 'x', code, name: 'n', projectId: 'p', clientId: 'c', clientSecret: 's', redirectURI: 'https://a.example.com/cb', scope: 'openid',
  });
  const codeViolation = (code: string) => {
    try {
      validateSettings(settings(code));
      return undefined;
    } catch (error) {
      return (error as ValidationError).violations.find((v) => v.field === 'code')?.message;
    }
  };

  it('accepts 2,048 bytes and refuses 2,049, counting bytes, not characters', () => {
    expect(codeViolation('a'.repeat(2048))).to.equal(undefined);
    expect(codeViolation('é'.repeat(1024))).to.equal(undefined);
    expect(codeViolation(`${'é'.repeat(1024)}a`)).to.equal('must be at most 2048 bytes in UTF-8');
    expect(codeViolation('中'.repeat(683))).to.equal('must be at most 2048 bytes in UTF-8');
    expect(codeViolation(`  ${'é'.repeat(1024)}  `), 'measured after trimming').to.equal(undefined);
    expect(codeViolation('a'.repeat(2049))).to.equal('must be at most 2048 characters');
  });

  it('measures UTF-8 length as Buffer.byteLength does, surrogates and lone halves included', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '中', '😀', '\ud800', '\udc00'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 40 }),
      (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')), { numRuns: 3000, seed: 5 });
    expect(utf8Length('\ud83d\ude00\ud83d')).to.equal(7);
  });
});
