import { AccessRequest } from '../../domain/access-request/access-request';
import { Credential } from '../../domain/access-request/credential';
import { ApiProduct } from '../../domain/api-product/api-product';
import { AuditAction } from '../../domain/audit/audit-entry';
import { fieldChanges, RecordedChange } from '../../domain/audit/recorded-change';
import { PortalApp } from '../../domain/portal-app/portal-app';
import { PortalUser } from '../../domain/portal-user/portal-user';

/*
 * What each portal write records (docs/events-and-audit.md): its one audit
 * entry and its events, built once here for every store, so the in-memory
 * and PostgreSQL stores record the same. Field names as the portal spells
 * them; event data is the resource as the portal answers it with every
 * secret field removed (not nulled). Portal entries have no brand.
 */

/** "YYYY-MM-DD HH:MM" UTC, as every portal timestamp (ih_portal_app_json does the same in SQL). */
const portalTime = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

const APP_FIELDS = ['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility'];
const USER_FIELDS = ['Email', 'First', 'Last', 'Role', 'OrganisationID', 'Active'];

/** The app as the portal answers it, without AccessRequests (their own events carry them). */
export function portalAppEventData(app: PortalApp) {
  return {
    Name: app.name, Description: app.description, RedirectURLs: app.redirectUrls, UserID: app.userId,
    Visibility: app.visibility, ID: app.id, CreatedAt: portalTime(app.snapshot().createdAt),
  };
}

/** A credential without its secrets (Credential, CredentialHash, OAuthClientSecret, DCRRegistrationAccessToken). */
export function credentialEventData(c: Credential) {
  return {
    ID: c.id, AccessRequest: `AccessRequest#${c.accessRequestId}`, DCRRegistrationClientURI: c.dcrRegistrationClientUri,
    Expires: c.expires === null ? null : portalTime(c.expires), OAuthClientID: c.oauthClientId, RedirectURI: c.redirectUri,
    ResponseType: c.responseType, Scope: c.scope, TokenEndpoints: c.tokenEndpoints,
  };
}

export function accessRequestEventData(r: AccessRequest, credentials: readonly Credential[]) {
  return {
    Catalogue: r.catalogue, Client: r.client, CreatedAt: portalTime(r.createdAt), UpdatedAt: portalTime(r.updatedAt),
    DeletedAt: r.deletedAt === null ? null : portalTime(r.deletedAt), Plan: r.plan, User: `User#${r.userId}`, AuthType: r.authType,
    DCREnabled: r.dcrEnabled, ID: r.id, ProvisionImmediately: r.provisionImmediately, Status: r.status, Products: [...r.productNames],
    Credentials: credentials.map(credentialEventData),
  };
}

function appFields(app: PortalApp | null) {
  return app === null ? null : { Name: app.name, Description: app.description, RedirectURLs: app.redirectUrls, UserID: app.userId, Visibility: app.visibility };
}

export function portalAppRecord(action: 'created' | 'updated' | 'deleted', before: PortalApp | null, after: PortalApp | null, at: Date): RecordedChange {
  const subject = (after ?? before)!;
  return {
    at, surface: 'portal', brandId: null, action, resource: { type: 'portal-app', id: String(subject.id) },
    changes: fieldChanges(appFields(before), appFields(after), APP_FIELDS),
    events: [{ type: `portal-app.${action}`, data: portalAppEventData(subject) }],
  };
}

function userFields(u: PortalUser | null) {
  return u === null ? null : { Email: u.email, First: u.first, Last: u.last, Role: u.role, OrganisationID: u.organisationId, Active: u.active };
}

/** Users have no event type in the contract: the entry only. */
export function portalUserRecord(action: 'created' | 'updated' | 'deleted', before: PortalUser | null, after: PortalUser | null, at: Date): RecordedChange {
  const subject = (after ?? before)!;
  return {
    at, surface: 'portal', brandId: null, action, resource: { type: 'portal-user', id: String(subject.id) },
    changes: fieldChanges(userFields(before), userFields(after), USER_FIELDS),
  };
}

export function apiProductRecord(product: ApiProduct, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'created', resource: { type: 'api-product', id: String(product.id) },
    changes: fieldChanges(null, {
      Name: product.name, AuthType: product.authType, Scopes: product.scopes,
      // Dynamic client registration (docs/dcr.md): recorded only when on, so other products' entries stay as they were.
      ...(product.dcrEnabled ? {
        DCREnabled: true, IdentityProviderID: product.identityProviderId, GrantTypes: [...product.grantTypes],
        ResponseTypes: [...product.responseTypes], TokenEndpointAuthMethod: product.tokenEndpointAuthMethod,
      } : {}),
    }, ['Name', 'AuthType', 'Scopes', 'DCREnabled', 'IdentityProviderID', 'GrantTypes', 'ResponseTypes', 'TokenEndpointAuthMethod']),
  };
}

/** The admin's token is a secret: its entry says only that one was made. */
export function portalAdminRecord(action: 'created' | 'revoked', admin: { id: number; email: string }, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action, resource: { type: 'portal-admin', id: String(admin.id) },
    changes: action === 'created'
      ? [{ field: 'Email', from: null, to: admin.email }, { field: 'Token', changed: true }]
      : [{ field: 'Token', changed: true }],
  };
}

export function provisionRecord(request: AccessRequest, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'provisioned', resource: { type: 'access-request', id: String(request.id) },
    changes: fieldChanges(null, { App: request.appId, Products: [...request.productNames], Plan: request.plan, Catalogue: request.catalogue,
      AuthType: request.authType, Status: request.status }, ['App', 'Products', 'Plan', 'Catalogue', 'AuthType', 'Status']),
    events: [{ type: 'access-request.created', data: accessRequestEventData(request, []) }],
  };
}

/** Approval: the status change and the issued secret (as changed only); access-request.approved + credential.issued per credential. */
export function decisionRecord(before: AccessRequest, after: AccessRequest, issued: readonly Credential[], at: Date): RecordedChange {
  const action: AuditAction = after.status === 'approved' ? 'approved' : 'rejected';
  return {
    at, surface: 'portal', brandId: null, action, resource: { type: 'access-request', id: String(after.id) },
    changes: [
      ...fieldChanges({ Status: before.status }, { Status: after.status }, ['Status']),
      ...issued.map((c) => ({ field: `Credential#${c.id}`, changed: true as const })),
    ],
    events: [
      { type: `access-request.${action}`, data: accessRequestEventData(after, issued) },
      ...issued.map((c) => ({ type: 'credential.issued', data: credentialEventData(c), resource: { type: 'credential', id: String(c.id) } })),
    ],
  };
}

/** Deleting a request revokes its credentials: their ids in the changes, one credential.revoked each. */
export function accessRequestDeletedRecord(request: AccessRequest, credentials: readonly Credential[], at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'deleted', resource: { type: 'access-request', id: String(request.id) },
    changes: credentials.length === 0 ? [] : [{ field: 'Credentials', from: credentials.map((c) => c.id), to: [] }],
    events: [
      { type: 'access-request.deleted', data: accessRequestEventData(request, []) },
      ...credentials.map((c) => ({ type: 'credential.revoked', data: credentialEventData(c), resource: { type: 'credential', id: String(c.id) } })),
    ],
  };
}

export function rotationRecord(before: Credential, after: Credential, at: Date): RecordedChange {
  return {
    at, surface: 'portal', brandId: null, action: 'rotated', resource: { type: 'credential', id: String(after.id) },
    changes: fieldChanges(
      { Credential: before.credential, OAuthClientSecret: before.oauthClientSecret },
      { Credential: after.credential, OAuthClientSecret: after.oauthClientSecret }, [], ['Credential', 'OAuthClientSecret']),
    events: [{ type: 'credential.rotated', data: credentialEventData(after) }],
  };
}
