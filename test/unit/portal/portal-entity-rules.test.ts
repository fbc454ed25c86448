import { expect } from 'chai';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { ApiProduct, combinedScopes } from '../../../src/domain/api-product/api-product';
import { Credential } from '../../../src/domain/access-request/credential';
import { PortalAdmin } from '../../../src/domain/portal-admin/portal-admin';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { PortalEmail } from '../../../src/domain/portal-user/portal-email';
import { PortalUser } from '../../../src/domain/portal-user/portal-user';
import { RedirectUrlList } from '../../../src/domain/portal-app/redirect-url-list';
import { chars, violationsOf } from '../../support/violations';

const T0 = new Date('2023-06-25T13:37:00Z');
const T1 = new Date('2023-06-26T08:00:00Z');

const aUser = (overrides: Partial<Parameters<typeof PortalUser.create>[0]> = {}): PortalUser =>
  PortalUser.restore({ ...PortalUser.create({ email: 'ada@example.com', first: 'Ada', last: 'Lovelace', role: 'consumer-admin', ...overrides }, T0), id: 4 });
const anApp = (): PortalApp => PortalApp.restore({ ...PortalApp.create({ name: 'Payment App', userId: 4 }, T0), id: 7 });
const aProduct = (id: number, scopes = ''): ApiProduct => ApiProduct.restore({ ...ApiProduct.create({ name: `P${id}`, authType: 'oauth2', scopes }, T0), id });

describe('PortalUser rules', () => {
  it('reads back the role it was created with and the role an update gives it', () => {
    const user = aUser({ role: 'provider-admin' });
    expect(user.role).to.equal('provider-admin');
    const updated = user.update({ role: 'consumer-team-member' }, T1);
    expect(updated.role).to.equal('consumer-team-member');
    expect(updated.snapshot()).to.include({ role: 'consumer-team-member', version: 2 });
    expect(user.snapshot(), 'the original is left as it was').to.include({ role: 'provider-admin', version: 1 });
  });

  it('can be deactivated and activated again; an update that leaves `active` out keeps it', () => {
    const inactive = aUser().update({ active: false }, T1);
    expect(inactive.active).to.equal(false);
    const renamed = inactive.update({ first: 'Augusta' }, T1);
    expect(renamed.active).to.equal(false);
    expect(renamed.update({ active: true }, T1).active).to.equal(true);
  });

  it('is created inactive when asked', () => {
    expect(PortalUser.create({ email: 'a@b.io', first: 'A', last: 'B', role: 'provider-admin', active: false }, T0).active).to.equal(false);
  });

  it('joins an organisation and leaves it again (null), refusing an id that is not positive', () => {
    const user = aUser({ organisationId: 12 });
    expect(user.organisationId).to.equal(12);
    expect(user.update({ organisationId: null }, T1).organisationId).to.equal(null);
    expect(violationsOf(() => user.update({ organisationId: 0 }, T1))).to.deep.equal([{ field: 'organisationId', message: 'must be a positive integer' }]);
    expect(violationsOf(() => user.update({ organisationId: 1.5 }, T1))).to.deep.equal([{ field: 'organisationId', message: 'must be a positive integer' }]);
  });

  it('keeps created/updated times and counts versions', () => {
    const user = aUser();
    expect(user).to.include({ id: 4, createdAt: T0, updatedAt: T0, version: 1 });
    expect(user.update({ last: 'Byron' }, T1)).to.include({ createdAt: T0, updatedAt: T1, version: 2, last: 'Byron' });
  });

  it('names each bad field with its rule, and what is missing on creation', () => {
    expect(violationsOf(() => PortalUser.create({ email: 'ada@', first: ' ', last: chars(256), role: 'root' }, T0))).to.deep.equal([
      { field: 'email', message: 'must be an email address' },
      { field: 'first', message: 'must not be blank' },
      { field: 'last', message: 'must be at most 255 characters' },
      { field: 'role', message: 'must be one of consumer-admin, consumer-team-member, provider-admin' },
    ]);
    expect(violationsOf(() => PortalUser.create({ email: 'a@b.io' } as never, T0))).to.deep.equal([
      { field: 'first', message: 'is required' },
      { field: 'last', message: 'is required' },
      { field: 'role', message: 'is required' },
    ]);
  });

  it('trims names and accepts them up to 255 characters', () => {
    const user = aUser({ first: `  ${chars(255)}  `, last: ' Lovelace ' });
    expect(user.first).to.equal(chars(255));
    expect(user.last).to.equal('Lovelace');
  });
});

describe('PortalEmail rules', () => {
  it('accepts an address of 254 characters and refuses one of 255', () => {
    const local = chars(64);
    const at254 = `${local}@${chars(254 - 64 - 1 - 4)}.com`;
    expect(at254).to.have.length(254);
    expect(PortalEmail.create(at254).value).to.equal(at254);
    expect(violationsOf(() => PortalEmail.create(`a${at254}`))).to.deep.equal([{ field: 'email', message: 'must be at most 254 characters' }]);
  });

  it('refuses blanks, spaces inside, a second @ and a missing dot, under the field it is given', () => {
    expect(violationsOf(() => PortalEmail.create(' ', 'Email'))).to.deep.equal([{ field: 'Email', message: 'must not be blank' }]);
    for (const bad of ['ada lovelace@example.com', 'ada@example.com x', 'ada@exa mple.com', 'a@b@example.com', 'ada@example', '@example.com', 'ada@.com', 'ada@example.']) {
      expect(violationsOf(() => PortalEmail.create(bad)), bad).to.deep.equal([{ field: 'email', message: 'must be an email address' }]);
    }
  });

  it('refuses control characters in an address', () => {
    expect(violationsOf(() => PortalEmail.create('ada\u0001@example.com'))).to.deep.equal([{ field: 'email', message: 'must not contain control characters' }]);
  });

  it('accepts a plain address with several labels', () => {
    expect(PortalEmail.create('first.last@mail.example.co.uk').value).to.equal('first.last@mail.example.co.uk');
  });
});

describe('PortalApp rules', () => {
  it('starts with an empty description and no redirect URLs unless given', () => {
    expect(PortalApp.create({ name: 'Payment App', userId: 1 }, T0)).to.include({ description: '', redirectUrls: '' });
  });

  it('names every missing and bad field on creation', () => {
    expect(violationsOf(() => PortalApp.create({} as never, T0))).to.deep.equal([
      { field: 'name', message: 'is required' },
      { field: 'userId', message: 'is required' },
    ]);
    expect(violationsOf(() => PortalApp.create({ name: ' ', userId: -1, visibility: 'public', redirectUrls: 'ftp://x', description: chars(2049) }, T0))).to.deep.equal([
      { field: 'name', message: 'must not be blank' },
      { field: 'description', message: 'must be at most 2048 characters' },
      { field: 'redirectUrls', message: 'ftp://x must use https, http on loopback, or a reverse-domain private-use scheme' },
      { field: 'userId', message: 'must be a positive integer' },
      { field: 'visibility', message: 'must be one of personal, team, organisation' },
    ]);
  });

  it('takes a name of 255 characters and a description of 2048, trimmed, and not one more', () => {
    const app = PortalApp.create({ name: ` ${chars(255)} `, description: ` ${chars(2048)} `, userId: 1 }, T0);
    expect(app.name).to.equal(chars(255));
    expect(app.description).to.equal(chars(2048));
    expect(violationsOf(() => PortalApp.create({ name: chars(256), userId: 1 }, T0))).to.deep.equal([{ field: 'name', message: 'must be at most 255 characters' }]);
  });

  it('checks a partial update without requiring what it leaves out', () => {
    expect(PortalApp.checkChanges({ visibility: 'team' })).to.deep.equal({ visibility: 'team' });
    expect(violationsOf(() => PortalApp.checkChanges({ userId: 0 }))).to.deep.equal([{ field: 'userId', message: 'must be a positive integer' }]);
  });
});

describe('RedirectUrlList rules', () => {
  it('takes a list of exactly 2048 characters and refuses 2049', () => {
    const url = `https://app.example.com/${chars(2048 - 'https://app.example.com/'.length)}`;
    expect(url).to.have.length(2048);
    expect(RedirectUrlList.create(url).value).to.equal(url);
    expect(violationsOf(() => RedirectUrlList.create(`${url}x`))).to.deep.equal([{ field: 'redirectUrls', message: 'must be at most 2048 characters' }]);
  });
});

describe('ApiProduct rules', () => {
  it('requires a name and an auth type, naming each', () => {
    expect(violationsOf(() => ApiProduct.create({} as never, T0))).to.deep.equal([
      { field: 'name', message: 'is required' },
      { field: 'authType', message: 'is required' },
    ]);
    expect(violationsOf(() => ApiProduct.create({ name: ' ', authType: 'jwt', scopes: chars(2049) }, T0))).to.deep.equal([
      { field: 'name', message: 'must not be blank' },
      { field: 'authType', message: 'must be one of authToken, oauth2, basicAuth' },
      { field: 'scopes', message: 'must be at most 2048 characters' },
    ]);
  });

  it('has no scopes unless given, and keeps given scopes single-spaced', () => {
    expect(ApiProduct.create({ name: 'P', authType: 'authToken' }, T0).scopes).to.equal('');
    expect(ApiProduct.create({ name: ' P ', authType: 'oauth2', scopes: '  payment \t client\n' }, T0)).to.include({ name: 'P', scopes: 'payment client' });
  });

  it('answers its state', () => {
    const product = aProduct(3, 'payment');
    const props = product.snapshot();
    expect(props).to.deep.equal({
      id: 3, name: 'P3', authType: 'oauth2', scopes: 'payment', dcrEnabled: false, identityProviderId: null,
      grantTypes: ['authorization_code'], responseTypes: ['code'], tokenEndpointAuthMethod: 'client_secret_basic', createdAt: T0,
    });
    expect(product.createdAt).to.equal(T0);
  });

  it('combines the scopes of several products, each once, ignoring products without scopes', () => {
    expect(combinedScopes([aProduct(1, ''), aProduct(2, 'payment client'), aProduct(3, 'client admin')])).to.equal('payment client admin');
  });

  it('refuses scopes that together pass 2,048 characters (a credential holds that many), naming the products', () => {
    const half = (c: string, n: number) => `${c.repeat(n)}`;
    // 1,023 + 1 + 1,024 = 2,048 characters: the longest that fits.
    expect(combinedScopes([aProduct(1, half('a', 1023)), aProduct(2, half('b', 1024))])).to.have.length(2048);
    expect(violationsOf(() => combinedScopes([aProduct(1, half('a', 1024)), aProduct(2, half('b', 1024))]))).to.deep.equal([
      { field: 'productIds', message: "the products' Scopes together must be at most 2048 characters" },
    ]);
    // The same scope twice counts once.
    expect(combinedScopes([aProduct(1, half('a', 2000)), aProduct(2, half('a', 2000))])).to.have.length(2000);
  });
});

describe('AccessRequest rules', () => {
  it('refuses oauth2 products whose scopes together do not fit a credential, and lets other auth types through', () => {
    const wide = [aProduct(1, 'a'.repeat(1500)), aProduct(2, 'b'.repeat(1500))];
    expect(violationsOf(() => AccessRequest.request(anApp(), wide, {}, T0))).to.deep.equal([
      { field: 'productIds', message: "the products' Scopes together must be at most 2048 characters" },
    ]);
    const tokens = wide.map((p) => ApiProduct.restore({ ...p.snapshot(), authType: 'authToken' }));
    expect(AccessRequest.request(anApp(), tokens, {}, T0)).to.include({ authType: 'authToken' });
  });

  it('records an empty plan and catalogue unless given, and refuses a plan over 255 characters', () => {
    const request = AccessRequest.request(anApp(), [aProduct(1)], {}, T0);
    expect(request).to.include({ plan: '', catalogue: '', deletedAt: null, createdAt: T0, updatedAt: T0 });
    expect(AccessRequest.request(anApp(), [aProduct(1)], { plan: ` ${chars(255)} `, catalogue: 'Main' }, T0)).to.include({ plan: chars(255), catalogue: 'Main' });
    expect(violationsOf(() => AccessRequest.request(anApp(), [aProduct(1)], { plan: chars(256) }, T0))).to.deep.equal([
      { field: 'plan', message: 'must be at most 255 characters' },
    ]);
    expect(violationsOf(() => AccessRequest.request(anApp(), [aProduct(1)], { catalogue: chars(256) }, T0))).to.deep.equal([
      { field: 'catalogue', message: 'must be at most 255 characters' },
    ]);
  });

  it('reads back everything it was stored with, and answers its state read-only', () => {
    const request = AccessRequest.restore({ ...AccessRequest.request(anApp(), [aProduct(1), aProduct(2)], { plan: 'Free' }, T0), id: 5 });
    expect(request).to.include({ id: 5, appId: 7, userId: 4, client: 'Payment App', dcrEnabled: false, provisionImmediately: false, createdAt: T0, deletedAt: null });
    expect(request.productIds).to.deep.equal([1, 2]);
    const props = request.snapshot();
    expect(props).to.include({ id: 5, plan: 'Free', status: 'pending' });
    expect(() => (props.productIds as number[]).push(99)).to.throw(TypeError);
    expect(request.productIds).to.deep.equal([1, 2]);
  });
});

describe('Credential rules', () => {
  const oauth = { redirectUri: 'https://a/cb', scope: 'payment' };
  const stored = (secret: Parameters<typeof Credential.issue>[1]) => Credential.restore({ ...Credential.issue(3, secret, oauth, T0), id: 1 });

  it('refuses to rotate with a secret of another auth type, naming both', () => {
    const credential = stored({ authType: 'authToken', token: 't', tokenHash: 'h' });
    expect(() => credential.rotate({ authType: 'oauth2', clientId: 'c', clientSecret: 's' }, T1)).to.throw(
      'Cannot rotate a authToken credential with a oauth2 secret',
    );
    expect(credential).to.include({ credential: 't', updatedAt: T0 });
  });

  it('rotates an authToken credential to the new token and hash', () => {
    const credential = stored({ authType: 'authToken', token: 't1', tokenHash: 'h1' });
    expect(credential.rotate({ authType: 'authToken', token: 't2', tokenHash: 'h2' }, T1)).to.include({ credential: 't2', credentialHash: 'h2', updatedAt: T1, createdAt: T0 });
    expect(credential, 'the original is left as it was').to.include({ credential: 't1', credentialHash: 'h1', updatedAt: T0 });
  });

  it('keeps the whole stored basicAuth username when rotating the password', () => {
    const credential = stored({ authType: 'basicAuth', username: 'payments-app', password: 'p1' });
    expect(credential.rotate({ authType: 'basicAuth', username: 'ignored', password: 'p2' }, T1).credential).to.equal('payments-app:p2');
  });

  it('takes the new username when a basicAuth credential had none', () => {
    const credential = Credential.restore({ ...Credential.issue(3, { authType: 'basicAuth', username: 'u', password: 'p' }, oauth, T0), id: 1, credential: null });
    expect(credential.rotate({ authType: 'basicAuth', username: 'fresh', password: 'p2' }, T1).credential).to.equal('fresh:p2');
  });

  it('follows new redirect URLs when it is an oauth2 credential, and stays untouched when they did not change', () => {
    const credential = stored({ authType: 'oauth2', clientId: 'cid', clientSecret: 's1' });
    expect(credential.followRedirectUrls('https://a/cb', T1)).to.equal(credential);
    expect(credential.updatedAt).to.equal(T0);
    const followed = credential.followRedirectUrls('https://b/cb,https://c/cb', T1);
    expect(followed).to.include({ redirectUri: 'https://b/cb,https://c/cb', updatedAt: T1 });
    expect(credential, 'the original is left as it was').to.include({ redirectUri: 'https://a/cb', updatedAt: T0 });
  });

  it('issues nothing it has no use for: no token endpoints, grant, expiry or DCR data', () => {
    const credential = stored({ authType: 'oauth2', clientId: 'cid', clientSecret: 's1' });
    expect(credential).to.include({
      id: 1,
      accessRequestId: 3,
      authType: 'oauth2',
      tokenEndpoints: null,
      grantType: null,
      expires: null,
      dcrRegistrationAccessToken: null,
      dcrRegistrationClientUri: null,
      dcrResponse: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(credential.snapshot()).to.include({ oauthClientId: 'cid', responseType: 'code', scope: 'payment' });
  });
});

describe('PortalAdmin rules', () => {
  it('keeps a normalised email and the token hash, never the token', () => {
    const admin = PortalAdmin.restore({ ...PortalAdmin.create(' Admin@Example.com ', 'hash-1', T0), id: 2 });
    expect(admin).to.include({ id: 2, email: 'admin@example.com', tokenHash: 'hash-1', createdAt: T0 });
    expect(admin.snapshot()).to.deep.equal({ id: 2, email: 'admin@example.com', tokenHash: 'hash-1', createdAt: T0 });
  });
});
