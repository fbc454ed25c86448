import { expect } from 'chai';
import {
  accessRequestDeletedRecord, apiProductRecord, decisionRecord, portalAdminRecord, portalAppRecord, portalUserRecord, provisionRecord, rotationRecord,
} from '../../../src/application/shared/portal-audit';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { Credential } from '../../../src/domain/access-request/credential';
import { ApiProduct } from '../../../src/domain/api-product/api-product';
import { PortalApp } from '../../../src/domain/portal-app/portal-app';
import { PortalUser } from '../../../src/domain/portal-user/portal-user';

const T0 = new Date('2026-11-01T08:30:00Z');
const T1 = new Date('2026-11-02T09:45:00Z');
const app = PortalApp.restore({ ...PortalApp.create({ name: 'Orders', description: 'd', redirectUrls: 'https://a.example.com/cb', userId: 4 }, T0), id: 3 });
const user = PortalUser.restore({ ...PortalUser.create({ email: 'ada@example.com', first: 'Ada', last: 'L', role: 'consumer-admin' }, T0), id: 4 });
const product = ApiProduct.restore({ ...ApiProduct.create({ name: 'Payments', authType: 'oauth2', scopes: 'pay' }, T0), id: 9 });
const pending = AccessRequest.restore({ ...AccessRequest.request(app, [product], { plan: 'Free' }, T0), id: 11 });
const oauth = Credential.restore({ ...Credential.issue(11, { authType: 'oauth2', clientId: 'cid', clientSecret: 'sec-1' }, { redirectUri: 'https://a.example.com/cb', scope: 'pay' }, T1), id: 21 });

const appEventData = (a: PortalApp) => ({ Name: a.name, Description: a.description, RedirectURLs: a.redirectUrls, UserID: 4, Visibility: a.visibility, ID: 3, CreatedAt: '2026-11-01 08:30' });
const credentialData = {
  ID: 21, AccessRequest: 'AccessRequest#11', DCRRegistrationClientURI: null, Expires: null, OAuthClientID: 'cid',
  RedirectURI: 'https://a.example.com/cb', ResponseType: 'code', Scope: 'pay', TokenEndpoints: null,
};
const requestData = (r: AccessRequest, credentials: unknown[]) => ({
  Catalogue: r.catalogue, Client: 'Orders', CreatedAt: '2026-11-01 08:30', UpdatedAt: r === pending ? '2026-11-01 08:30' : '2026-11-02 09:45',
  DeletedAt: null, Plan: 'Free', User: 'User#4', AuthType: 'oauth2', DCREnabled: false, ID: 11, ProvisionImmediately: false,
  Status: r.status, Products: ['Payments'], Credentials: credentials,
});
const portal = { at: T1, surface: 'portal', brandId: null };

describe('portal audit records: the entry and the events of each portal write, as every store records them', () => {
  it('app created, updated, deleted: the changed fields with from and to, the app without its requests as the event', () => {
    const renamed = app.update({ name: 'Orders 2', visibility: 'team' }, T1);
    expect(portalAppRecord('created', null, app, T1)).to.deep.equal({
      ...portal, action: 'created', resource: { type: 'portal-app', id: '3' },
      changes: [
        { field: 'Name', from: null, to: 'Orders' }, { field: 'Description', from: null, to: 'd' },
        { field: 'RedirectURLs', from: null, to: 'https://a.example.com/cb' }, { field: 'UserID', from: null, to: 4 },
        { field: 'Visibility', from: null, to: app.visibility },
      ],
      events: [{ type: 'portal-app.created', data: appEventData(app) }],
    });
    expect(portalAppRecord('updated', app, renamed, T1)).to.deep.equal({
      ...portal, action: 'updated', resource: { type: 'portal-app', id: '3' },
      changes: [{ field: 'Name', from: 'Orders', to: 'Orders 2' }, { field: 'Visibility', from: app.visibility, to: 'team' }],
      events: [{ type: 'portal-app.updated', data: appEventData(renamed) }],
    });
    const deleted = portalAppRecord('deleted', app, null, T1);
    expect(deleted.resource).to.deep.equal({ type: 'portal-app', id: '3' });
    expect(deleted.changes.map((c) => c.field)).to.deep.equal(['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility']);
    expect(deleted.events).to.deep.equal([{ type: 'portal-app.deleted', data: appEventData(app) }]);
  });

  it('user created and updated: an entry without events (the contract lists no user event)', () => {
    expect(portalUserRecord('created', null, user, T1)).to.deep.equal({
      ...portal, action: 'created', resource: { type: 'portal-user', id: '4' },
      changes: [
        { field: 'Email', from: null, to: 'ada@example.com' }, { field: 'First', from: null, to: 'Ada' }, { field: 'Last', from: null, to: 'L' },
        { field: 'Role', from: null, to: 'consumer-admin' }, { field: 'Active', from: null, to: true },
      ],
    });
    const off = user.update({ active: false, organisationId: 7 }, T1);
    expect(portalUserRecord('updated', user, off, T1).changes).to.deep.equal([
      { field: 'OrganisationID', from: null, to: 7 }, { field: 'Active', from: true, to: false },
    ]);
    expect(portalUserRecord('deleted', user, null, T1).resource).to.deep.equal({ type: 'portal-user', id: '4' });
  });

  it('product created: its fields, and the DCR settings only when DCR is on', () => {
    expect(apiProductRecord(product, T1)).to.deep.equal({
      ...portal, action: 'created', resource: { type: 'api-product', id: '9' },
      changes: [{ field: 'Name', from: null, to: 'Payments' }, { field: 'AuthType', from: null, to: 'oauth2' }, { field: 'Scopes', from: null, to: 'pay' }],
    });
    const dcr = ApiProduct.restore({
      ...ApiProduct.create({ name: 'Reg', authType: 'oauth2', dcrEnabled: true, identityProviderId: 2, grantTypes: ['authorization_code'], responseTypes: ['code'], tokenEndpointAuthMethod: 'client_secret_basic' }, T0), id: 10,
    });
    expect(apiProductRecord(dcr, T1).changes.slice(3)).to.deep.equal([
      { field: 'DCREnabled', from: null, to: true }, { field: 'IdentityProviderID', from: null, to: 2 },
      { field: 'GrantTypes', from: null, to: ['authorization_code'] }, { field: 'ResponseTypes', from: null, to: ['code'] },
      { field: 'TokenEndpointAuthMethod', from: null, to: 'client_secret_basic' },
    ]);
  });

  it('admin created and revoked: the token only as changed', () => {
    expect(portalAdminRecord('created', { id: 5, email: 'root@example.com' }, T1)).to.deep.equal({
      ...portal, action: 'created', resource: { type: 'portal-admin', id: '5' },
      changes: [{ field: 'Email', from: null, to: 'root@example.com' }, { field: 'Token', changed: true }],
    });
    expect(portalAdminRecord('revoked', { id: 5, email: 'root@example.com' }, T1)).to.deep.equal({
      ...portal, action: 'revoked', resource: { type: 'portal-admin', id: '5' }, changes: [{ field: 'Token', changed: true }],
    });
  });

  it('provisioned, approved (with credential.issued), rejected: the status change and the request as the event', () => {
    expect(provisionRecord(pending, T1)).to.deep.equal({
      ...portal, action: 'provisioned', resource: { type: 'access-request', id: '11' },
      changes: [
        { field: 'App', from: null, to: 3 }, { field: 'Products', from: null, to: ['Payments'] }, { field: 'Plan', from: null, to: 'Free' },
        { field: 'Catalogue', from: null, to: pending.catalogue }, { field: 'AuthType', from: null, to: 'oauth2' }, { field: 'Status', from: null, to: 'pending' },
      ],
      events: [{ type: 'access-request.created', data: requestData(pending, []) }],
    });
    const approved = pending.approve(T1);
    expect(decisionRecord(pending, approved, [oauth], T1)).to.deep.equal({
      ...portal, action: 'approved', resource: { type: 'access-request', id: '11' },
      changes: [{ field: 'Status', from: 'pending', to: 'approved' }, { field: 'Credential#21', changed: true }],
      events: [
        { type: 'access-request.approved', data: requestData(approved, [credentialData]) },
        { type: 'credential.issued', data: credentialData, resource: { type: 'credential', id: '21' } },
      ],
    });
    const rejected = pending.reject(T1);
    expect(decisionRecord(pending, rejected, [], T1)).to.deep.equal({
      ...portal, action: 'rejected', resource: { type: 'access-request', id: '11' },
      changes: [{ field: 'Status', from: 'pending', to: 'rejected' }],
      events: [{ type: 'access-request.rejected', data: requestData(rejected, []) }],
    });
  });

  it('request deleted: the revoked credentials by id, one credential.revoked each; none when it had none', () => {
    const approved = pending.approve(T1);
    expect(accessRequestDeletedRecord(approved, [oauth], T1)).to.deep.equal({
      ...portal, action: 'deleted', resource: { type: 'access-request', id: '11' },
      changes: [{ field: 'Credentials', from: [21], to: [] }],
      events: [
        { type: 'access-request.deleted', data: requestData(approved, []) },
        { type: 'credential.revoked', data: credentialData, resource: { type: 'credential', id: '21' } },
      ],
    });
    expect(accessRequestDeletedRecord(pending, [], T1).changes).to.deep.equal([]);
  });

  it('credential rotated: the secret only as changed, the credential without secrets as the event', () => {
    const rotated = oauth.rotate({ authType: 'oauth2', clientId: 'ignored', clientSecret: 'sec-2' }, T1);
    const record = rotationRecord(oauth, rotated, T1);
    expect(record).to.deep.equal({
      ...portal, action: 'rotated', resource: { type: 'credential', id: '21' },
      changes: [{ field: 'OAuthClientSecret', changed: true }],
      events: [{ type: 'credential.rotated', data: credentialData }],
    });
    expect(JSON.stringify(record)).to.not.match(/sec-1|sec-2/);
  });
});
