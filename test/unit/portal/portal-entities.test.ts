import { expect } from 'chai';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { ApiProduct } from '../../../src/domain/api-product/api-product';
import { Credential } from '../../../src/domain/access-request/credential';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { AccessRequestNotPendingError } from '../../../src/domain/access-request/access-request-errors';
import { NoProductsError, ProductsOfDifferentAuthTypesError } from '../../../src/domain/portal-app/portal-app-errors';
import { PortalUser } from '../../../src/domain/portal-user/portal-user';
import { ValidationError } from '../../../src/domain/shared/domain-error';

const T0 = new Date('2023-06-25T13:37:00Z');
const T1 = new Date('2023-06-26T08:00:00Z');

const anApp = (): PortalApp =>
  PortalApp.restore({ ...PortalApp.create({ name: 'Payment App', userId: 1, redirectUrls: 'https://a/cb' }, T0), id: 7 });
const aProduct = (id: number, authType: string, scopes = ''): ApiProduct =>
  ApiProduct.restore({ ...ApiProduct.create({ name: `P${id}`, authType, scopes }, T0), id });
const aPendingRequest = (): AccessRequest =>
  AccessRequest.restore({ ...AccessRequest.request(anApp(), [aProduct(1, 'authToken')], {}, T0), id: 3 });

describe('PortalApp', () => {
  it('defaults visibility to organisation and starts at version 1', () => {
    const app = PortalApp.create({ name: 'Payment App', userId: 1 }, T0);
    expect(app.visibility).to.equal('organisation');
    expect(app.version).to.equal(1);
    expect(app.redirectUrls).to.equal('');
  });

  it('reports every invalid field at once', () => {
    try {
      PortalApp.create({ name: ' ', userId: 0, visibility: 'public' }, T0);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      const fields = (error as ValidationError).violations.map((v) => v.field);
      expect(fields).to.have.members(['name', 'userId', 'visibility']);
    }
  });

  it('changes only the fields given and bumps version and updatedAt', () => {
    const original = anApp();
    const app = original.update({ visibility: 'personal' }, T1);
    expect(original.visibility, 'the original is left as it was').to.not.equal('personal');
    expect(app.visibility).to.equal('personal');
    expect(app.name).to.equal('Payment App');
    expect(app.redirectUrls).to.equal('https://a/cb');
    expect(app.version).to.equal(2);
    expect(app.updatedAt).to.deep.equal(T1);
    expect(app.createdAt).to.deep.equal(T0);
  });

  it('keeps its state when an update is invalid', () => {
    const app = anApp();
    expect(() => app.update({ name: 'New', redirectUrls: 'https://a/cb#x' }, T1)).to.throw(ValidationError);
    expect(app.name).to.equal('Payment App');
    expect(app.version).to.equal(1);
  });
});

describe('PortalUser', () => {
  it('requires email, first, last and role on creation', () => {
    try {
      PortalUser.create({} as never, T0);
      expect.fail('should have thrown');
    } catch (error) {
      const fields = (error as ValidationError).violations.map((v) => v.field);
      expect(fields).to.have.members(['email', 'first', 'last', 'role']);
    }
  });

  it('is active with no organisation unless told otherwise', () => {
    const user = PortalUser.create({ email: 'a@b.io', first: 'A', last: 'B', role: 'provider-admin' }, T0);
    expect(user.active).to.equal(true);
    expect(user.organisationId).to.equal(null);
  });
});

describe('AccessRequest', () => {
  it('starts pending, recording the app, its owner and product names', () => {
    const request = AccessRequest.request(anApp(), [aProduct(1, 'oauth2'), aProduct(2, 'oauth2')], { plan: 'Free plan' }, T0);
    expect(request).to.include({ status: 'pending', appId: 7, userId: 1, client: 'Payment App', authType: 'oauth2', plan: 'Free plan' });
    expect(request.productNames).to.deep.equal(['P1', 'P2']);
    expect(request.dcrEnabled).to.equal(false);
    expect(request.provisionImmediately).to.equal(false);
  });

  it('refuses an empty product list', () => {
    expect(() => AccessRequest.request(anApp(), [], {}, T0)).to.throw(NoProductsError);
  });

  it('refuses products of different auth types', () => {
    expect(() => AccessRequest.request(anApp(), [aProduct(1, 'oauth2'), aProduct(2, 'authToken')], {}, T0)).to.throw(
      ProductsOfDifferentAuthTypesError,
    );
  });

  it('can be approved once, and then neither approved nor rejected again', () => {
    const pending = aPendingRequest();
    const request = pending.approve(T1);
    expect(pending.status, 'the original is left as it was').to.equal('pending');
    expect(request.status).to.equal('approved');
    expect(request.updatedAt).to.deep.equal(T1);
    expect(() => request.approve(T1)).to.throw(AccessRequestNotPendingError);
    expect(() => request.reject(T1)).to.throw(AccessRequestNotPendingError);
  });

  it('cannot be approved after rejection', () => {
    const request = aPendingRequest().reject(T1);
    expect(request.status).to.equal('rejected');
    expect(() => request.approve(T1)).to.throw(AccessRequestNotPendingError);
  });
});

describe('Credential', () => {
  const oauth = { redirectUri: 'https://a/cb', scope: 'payment' };

  it('issues an oauth2 credential with response type code and no token', () => {
    const c = Credential.issue(3, { authType: 'oauth2', clientId: 'cid', clientSecret: 's1' }, oauth, T0);
    expect(c).to.include({ oauthClientId: 'cid', oauthClientSecret: 's1', redirectUri: 'https://a/cb', scope: 'payment', responseType: 'code', credential: null });
  });

  it('issues an authToken credential without oauth fields', () => {
    const c = Credential.issue(3, { authType: 'authToken', token: 't', tokenHash: 'h' }, oauth, T0);
    expect(c).to.include({ credential: 't', credentialHash: 'h', redirectUri: null, oauthClientId: null });
  });

  it('keeps the basicAuth username when rotating its password', () => {
    const c = Credential.restore({ ...Credential.issue(3, { authType: 'basicAuth', username: 'u', password: 'p1' }, oauth, T0), id: 1 });
    expect(c.rotate({ authType: 'basicAuth', username: 'other', password: 'p2' }, T1).credential).to.equal('u:p2');
  });

  it('keeps the oauth2 client id when rotating its secret', () => {
    const c = Credential.restore({ ...Credential.issue(3, { authType: 'oauth2', clientId: 'cid', clientSecret: 's1' }, oauth, T0), id: 1 });
    expect(c.rotate({ authType: 'oauth2', clientId: 'ignored', clientSecret: 's2' }, T1)).to.include({ oauthClientId: 'cid', oauthClientSecret: 's2' });
  });

  it('follows new redirect URLs only when it is an oauth2 credential', () => {
    const token = Credential.restore({ ...Credential.issue(3, { authType: 'authToken', token: 't', tokenHash: 'h' }, oauth, T0), id: 1 });
    expect(token.followRedirectUrls('https://b/cb', T1)).to.equal(token);
    expect(token.redirectUri).to.equal(null);
  });
});
