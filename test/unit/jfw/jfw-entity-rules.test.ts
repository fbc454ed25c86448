import { expect } from 'chai';
import { AppIntegration } from '../../../src/domain/app-integration/app-integration';
import { Brand } from '../../../src/domain/brand/brand';
import { BrandUrl } from '../../../src/domain/brand/brand-url';
import { buildAuthorizationUrl } from '../../../src/domain/integration-authentication/authorization-url';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { IntegrationAuthenticationUnusableError } from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { SettingsInput } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { isBase62Id } from '../../../src/domain/shared/base62-id';
import { CONTROL_CHARACTER_MESSAGE } from '../../../src/domain/shared/control-characters';
import { chars, violationsOf } from '../../support/violations';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const LATER = new Date('2026-01-02T00:00:00.000Z');

const settings = (overrides: Record<string, unknown> = {}): SettingsInput =>
  ({
    appIntegrationId: 'GoogleSignIn000001',
    code: 'GOOGLE_OAUTH2',
    name: 'Google OAuth2 Integration',
    projectId: 'my-google-project-123',
    clientId: '1234567890-abc.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-EXAMPLESECRET',
    redirectURI: 'https://subdomain.com/auth/callback',
    scope: 'openid email profile',
    ...overrides,
  }) as SettingsInput;
const create = (overrides: Record<string, unknown> = {}) =>
  IntegrationAuthentication.create({ id: 'Id0000000000000001', brandId: 'Brand0000000000001', settings: settings(overrides), now: NOW });

describe('Brand rules', () => {
  it('is named after its URL unless given a name, trimmed, of 1 to 200 characters', () => {
    expect(Brand.create({ id: 'b1', url: 'Acme.example.com' })).to.include({ id: 'b1', url: 'acme.example.com', name: 'acme.example.com' });
    expect(Brand.create({ id: 'b1', url: 'acme.example.com', name: `  ${chars(200)}  ` }).name).to.equal(chars(200));
    for (const name of [' ', chars(201)]) {
      expect(violationsOf(() => Brand.create({ id: 'b1', url: 'acme.example.com', name }))).to.deep.equal([
        { field: 'name', message: 'must be 1 to 200 characters' },
      ]);
    }
  });

  it('refuses a name holding a C0 control character other than tab, LF and CR, as the catalog does, after the length check', () => {
    for (const name of ['Ac\u0000me', 'Acme\u001b[2J', 'Ac\u0008me', 'Ac\u000bme', 'Ac\u001fme']) {
      expect(violationsOf(() => Brand.create({ id: 'b1', url: 'acme.example.com', name })), JSON.stringify(name)).to.deep.equal([
        { field: 'name', message: CONTROL_CHARACTER_MESSAGE },
      ]);
    }
    expect(violationsOf(() => Brand.create({ id: 'b1', url: 'acme.example.com', name: `\u001b${chars(201)}` }))).to.deep.equal([
      { field: 'name', message: 'must be 1 to 200 characters' },
    ]);
    expect(Brand.create({ id: 'b1', url: 'acme.example.com', name: 'Ac\tme\r\nEU' }).name).to.equal('Ac\tme\r\nEU');
  });

  it('is restored as stored', () => {
    expect(Brand.restore({ id: 'b2', url: 'x.example.com', name: 'X' })).to.include({ id: 'b2', url: 'x.example.com', name: 'X' });
  });
});

describe('BrandUrl rules', () => {
  it('drops a leading http or https scheme, trailing slashes, surrounding blanks and case', () => {
    expect(BrandUrl.normalise('  HTTPS://Acme.Example.com/EU//  ')).to.equal('acme.example.com/eu');
    expect(BrandUrl.normalise('http://acme.example.com/')).to.equal('acme.example.com');
    expect(BrandUrl.normalise('acme.example.com/login/http://evil.example.com')).to.equal('acme.example.com/login/http://evil.example.com');
  });

  it('takes a host name with an optional port and path', () => {
    for (const ok of ['acme.example.com', 'acme', 'eu.x.example.com', 'a-1.example.com:8443', 'acme.example.com/eu/v1.2', 'localhost:3000/x~y']) {
      expect(BrandUrl.create(ok).value, ok).to.equal(ok);
    }
  });

  it('refuses what is not a host name with an optional path, and anything over 255 characters', () => {
    const label = chars(63);
    const at255 = `${label}.${label}.${label}.${chars(63)}`;
    expect(at255).to.have.length(255);
    expect(BrandUrl.create(at255).value).to.equal(at255);
    for (const bad of ['', '/', '-acme.example.com', 'acme-.example.com', 'acme..example.com', 'acme.example.com:123456', 'acme example.com', 'acme.example.com/a b', `${at255}a`, 'ftp://acme.example.com']) {
      expect(violationsOf(() => BrandUrl.create(bad)), bad).to.deep.equal([
        { field: 'url', message: 'must be a host name with an optional path, e.g. acme.example.com/eu' },
      ]);
    }
  });
});

describe('BrandUrl input bound', () => {
  it('reads up to 2048 characters of input and refuses more before normalising', () => {
    expect(violationsOf(() => BrandUrl.create(`https://${chars(2040)}`))).to.deep.equal([
      { field: 'url', message: 'must be a host name with an optional path, e.g. acme.example.com/eu' },
    ]);
    expect(violationsOf(() => BrandUrl.create(`https://${chars(2041)}`))).to.deep.equal([{ field: 'url', message: 'must be at most 2048 characters' }]);
  });
});

describe('AppIntegration rules', () => {
  const entry = { id: 'Catalog00000000001', type: 'SMS', name: ' Twilio ', domain: 'https://twilio.example.com' };

  it('trims the name, defaults to Active with no description or logo', () => {
    expect(AppIntegration.create(entry).snapshot()).to.deep.equal({
      id: 'Catalog00000000001',
      type: 'SMS',
      name: 'Twilio',
      domain: 'https://twilio.example.com',
      description: null,
      logoURL: null,
      status: 'Active',
    });
    expect(AppIntegration.create({ ...entry, description: 'Texts', logoURL: 'https://cdn.example.com/t.png', status: 'Inactive' }).snapshot()).to.include({
      description: 'Texts',
      logoURL: 'https://cdn.example.com/t.png',
      status: 'Inactive',
    });
  });

  it('names every invalid field of a catalog entry', () => {
    expect(violationsOf(() => AppIntegration.create({ id: 'x', type: 'Fax', name: '  ', domain: 'twilio.example.com', logoURL: 'ftp://cdn/x.png', status: 'Paused' }))).to.deep.equal([
      { field: 'type', message: 'must be one of Analytics, Authenticate, CDN, PaymentGateway, PushNotification, ReCaptcha, SMS, SMTP' },
      { field: 'name', message: 'must not be blank' },
      { field: 'domain', message: 'must be an absolute http(s) URL' },
      { field: 'logoURL', message: 'must be an absolute http(s) URL' },
      { field: 'status', message: 'must be Active or Inactive' },
    ]);
  });

  it('keeps each text within its column (name 200 after trimming, domain, logo URL and description 2,048) and printable', () => {
    const url = (length: number) => `https://twilio.example.com/${'a'.repeat(length - 'https://twilio.example.com/'.length)}`;
    const longest = { ...entry, name: ` ${'n'.repeat(200)} `, domain: url(2048), logoURL: url(2048), description: 'd'.repeat(2048) };
    expect(AppIntegration.create(longest).snapshot()).to.include({ name: 'n'.repeat(200), description: 'd'.repeat(2048) });
    expect(violationsOf(() => AppIntegration.create({ ...entry, name: 'n'.repeat(201), domain: url(2049), logoURL: url(2049), description: 'd'.repeat(2049) }))).to.deep.equal([
      { field: 'name', message: 'must be at most 200 characters' },
      { field: 'domain', message: 'must be at most 2048 characters' },
      { field: 'logoURL', message: 'must be at most 2048 characters' },
      { field: 'description', message: 'must be at most 2048 characters' },
    ]);
    expect(violationsOf(() => AppIntegration.create({ ...entry, name: 'Twi\u0001lio', description: 'line\u0007' }))).to.deep.equal([
      { field: 'name', message: CONTROL_CHARACTER_MESSAGE },
      { field: 'description', message: CONTROL_CHARACTER_MESSAGE },
    ]);
    expect(AppIntegration.create({ ...entry, description: null }).snapshot().description).to.equal(null);
  });

  it('accepts every catalog type and refuses one in another case', () => {
    for (const type of ['Analytics', 'Authenticate', 'CDN', 'PaymentGateway', 'PushNotification', 'ReCaptcha', 'SMS', 'SMTP']) {
      expect(AppIntegration.create({ ...entry, type }).snapshot().type).to.equal(type);
    }
    expect(violationsOf(() => AppIntegration.create({ ...entry, type: 'sms' })).map((v) => v.field)).to.deep.equal(['type']);
  });

  it('is restored as stored', () => {
    const props = AppIntegration.create(entry).snapshot();
    expect(AppIntegration.restore(props).id).to.equal('Catalog00000000001');
  });
});

describe('IntegrationAuthentication settings rules', () => {
  it('takes required fields up to 2048 characters (the client secret up to 8192), trimmed, and not one more', () => {
    const long = create({ name: chars(2048), clientSecret: chars(8192), tags: chars(2048) });
    expect(long.settings.name).to.equal(chars(2048));
    expect(long.settings.clientSecret).to.equal(chars(8192));
    expect(create({ clientSecret: chars(3000) }).settings.clientSecret).to.have.length(3000);
    expect(violationsOf(() => create({ name: chars(2049), clientSecret: chars(8193), scope: chars(2049) }))).to.deep.equal([
      { field: 'name', message: 'must be at most 2048 characters' },
      { field: 'clientSecret', message: 'must be at most 8192 characters' },
      { field: 'scope', message: 'must be at most 2048 characters' },
    ]);
  });

  it('trims required fields', () => {
    expect(create({ code: ' GOOGLE ', name: ' Google ' }).settings).to.include({ code: 'GOOGLE', name: 'Google' });
  });

  it('refuses blank or missing required fields, and only says so', () => {
    expect(violationsOf(() => create({ code: '  ', projectId: undefined, redirectURI: '' }))).to.deep.equal([
      { field: 'code', message: 'must not be blank' },
      { field: 'projectId', message: 'must not be blank' },
      { field: 'redirectURI', message: 'must not be blank' },
    ]);
    expect(violationsOf(() => create({ clientId: 42 }))).to.deep.equal([{ field: 'clientId', message: 'must not be blank' }]);
  });

  it('bounds optional text at 2048 characters, and names only the first problem of a field', () => {
    expect(violationsOf(() => create({ tags: chars(2049), description: chars(2049) }))).to.deep.equal([
      { field: 'tags', message: 'must be at most 2048 characters' },
      { field: 'description', message: 'must be at most 2048 characters' },
    ]);
    expect(violationsOf(() => create({ iconURL: chars(2049) }))).to.deep.equal([{ field: 'iconURL', message: 'must be at most 2048 characters' }]);
  });

  it('wants the endpoints and icon as absolute http(s) URLs or null, and a known status', () => {
    expect(violationsOf(() => create({ authEndpoint: 'accounts.google.com/auth', tokenEndpoint: 'ftp://x/token', iconURL: 'https://', status: 'Paused' }))).to.deep.equal([
      { field: 'authEndpoint', message: 'must be an absolute http(s) URL or null' },
      { field: 'tokenEndpoint', message: 'must be an absolute http(s) URL or null' },
      { field: 'iconURL', message: 'must be an absolute http(s) URL or null' },
      { field: 'status', message: 'must be Active or Inactive' },
    ]);
    expect(create({ status: 'Inactive', iconURL: 'http://cdn.example.com/i.png' }).settings).to.include({ status: 'Inactive', iconURL: 'http://cdn.example.com/i.png' });
  });

  it('lets a merge patch leave a field out by giving undefined, and refuses null on a required field', () => {
    const patched = create().changeSettings({ name: undefined, scope: 'openid' }, LATER);
    expect(patched.settings).to.include({ name: 'Google OAuth2 Integration', scope: 'openid' });
    expect(violationsOf(() => create().changeSettings({ code: null }, LATER))).to.deep.equal([{ field: 'code', message: 'must not be null' }]);
  });

  it('cannot build an authorization URL without an authEndpoint, and says why', () => {
    expect(() => buildAuthorizationUrl(create().settings, 'state-1')).to.throw(
      IntegrationAuthenticationUnusableError,
      'The configuration has no authEndpoint to build an authorization URL from',
    );
  });
});

describe('JFramework ids', () => {
  it('are exactly 18 base62 characters', () => {
    expect(isBase62Id('GoogleSignIn000001')).to.equal(true);
    for (const bad of ['GoogleSignIn00000', 'GoogleSignIn0000011', 'xGoogleSignIn000001', 'GoogleSignIn000001x', 'Google-SignIn00001', '', 123456789012345678, null, undefined]) {
      expect(isBase62Id(bad), String(bad)).to.equal(false);
    }
  });
});
