import { AccessRequestWithCredentials } from '../../../application/ports/access-request.repository';
import { PortalAppView } from '../../../application/portal-app/portal-app.view';
import { AuditEntry } from '../../../domain/audit/audit-entry';
import { ApiProduct } from '../../../domain/api-product/api-product';
import { IdentityProvider } from '../../../domain/identity-provider/identity-provider';
import { Credential } from '../../../domain/access-request/credential';
import { PortalUser } from '../../../domain/portal-user/portal-user';
import { portalBigintId } from './portal-bigint-id';

/** Every portal timestamp on the wire: "YYYY-MM-DD HH:MM", UTC. */
export function portalTime(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

function portalTimeOrNull(date: Date | null): string | null {
  return date === null ? null : portalTime(date);
}

/** Seed 003's credential shape, plus its ID; null for what the auth type does not use. */
export function presentCredential(c: Credential) {
  return {
    ID: c.id,
    AccessRequest: `AccessRequest#${c.accessRequestId}`,
    Credential: c.credential,
    CredentialHash: c.credentialHash,
    DCRRegistrationAccessToken: c.dcrRegistrationAccessToken,
    DCRRegistrationClientURI: c.dcrRegistrationClientUri,
    DCRResponse: c.dcrProviderAnswer,
    DCRSyncStatus: c.dcrSyncStatus,
    DCRSyncError: c.dcrSyncError,
    Expires: portalTimeOrNull(c.expires),
    OAuthClientID: c.oauthClientId,
    OAuthClientSecret: c.oauthClientSecret,
    RedirectURI: c.redirectUri,
    ResponseType: c.responseType,
    Scope: c.scope,
    TokenEndpoints: c.tokenEndpoints,
  };
}

/** Seed 003's access request shape, with its credentials. */
export function presentAccessRequest({ accessRequest: r, credentials }: AccessRequestWithCredentials) {
  return {
    Catalogue: r.catalogue,
    Client: r.client,
    CreatedAt: portalTime(r.createdAt),
    UpdatedAt: portalTime(r.updatedAt),
    DeletedAt: portalTimeOrNull(r.deletedAt),
    Plan: r.plan,
    User: `User#${r.userId}`,
    AuthType: r.authType,
    DCREnabled: r.dcrEnabled,
    ID: r.id,
    ProvisionImmediately: r.provisionImmediately,
    Status: r.status,
    Products: [...r.productNames],
    Credentials: credentials.map(presentCredential),
  };
}

/** Seed 003's app shape: AccessRequests is [] or one inner array of all requests, oldest first. */
export function presentApp({ app, accessRequests }: PortalAppView) {
  return {
    Name: app.name,
    Description: app.description,
    RedirectURLs: app.redirectUrls,
    UserID: app.userId,
    Visibility: app.visibility,
    ID: app.id,
    CreatedAt: portalTime(app.createdAt),
    AccessRequests: accessRequests.length === 0 ? [] : [accessRequests.map(presentAccessRequest)],
  };
}

export function presentUser(u: PortalUser) {
  return {
    ID: u.id,
    Email: u.email,
    First: u.first,
    Last: u.last,
    Role: u.role,
    OrganisationID: u.organisationId,
    Active: u.active,
  };
}

export function presentProduct(p: ApiProduct) {
  return {
    ID: p.id, Name: p.name, AuthType: p.authType, Scopes: p.scopes, DCREnabled: p.dcrEnabled, IdentityProviderID: p.identityProviderId,
    GrantTypes: [...p.grantTypes], ResponseTypes: [...p.responseTypes], TokenEndpointAuthMethod: p.tokenEndpointAuthMethod,
  };
}

/** No initial access token: it is a secret, written once by the command line. */
export function presentIdentityProvider(p: IdentityProvider) {
  return { ID: p.id, Name: p.name, Issuer: p.issuer, RegistrationEndpoint: p.registrationEndpoint, CreatedAt: portalTime(p.createdAt) };
}

/** An audit entry as the portal spells things (PascalCase, portal time; its ID a bigint, exact past 2^53). */
export function presentAuditEntry(e: AuditEntry) {
  return {
    ID: portalBigintId(e.id),
    At: portalTime(e.at),
    Actor: { Kind: e.actor.kind, ID: e.actor.id },
    Action: e.action,
    Resource: { Type: e.resource.type, ID: e.resource.id },
    Changes: e.changes,
    CorrelationID: e.correlationId,
  };
}
