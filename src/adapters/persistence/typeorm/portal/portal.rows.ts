import { PageSlice } from '../../../../application/ports/page';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { SecretReader } from '../readable-secret';
import { AccessRequest, AccessRequestProps } from '../../../../domain/portal/access-request';
import { Credential, CredentialProps } from '../../../../domain/portal/credential';
import { PortalApp, PortalAppProps } from '../../../../domain/portal/portal-app';
import { PortalUser, PortalUserProps } from '../../../../domain/portal/portal-user';

/*
 * Rows as PostgreSQL returns them and the mappers to and from the domain.
 * Rows read through json_agg carry timestamps as strings, hence `toDate`.
 */

type Timestamp = Date | string;

function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

function toNullableDate(value: Timestamp | null): Date | null {
  return value === null ? null : toDate(value);
}

/** LIMIT/OFFSET parameters of a page; pages count from 1. */
export function limitOffset(page: PageSlice): [number, number] {
  return [page.limit, page.offset];
}

export interface PortalUserRow {
  id: number;
  email: string;
  first: string;
  last: string;
  role: PortalUserProps['role'];
  organisation_id: number | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  total_items?: string;
}

export function toPortalUser(row: PortalUserRow): PortalUser {
  return PortalUser.restore({
    id: row.id,
    email: row.email,
    first: row.first,
    last: row.last,
    role: row.role,
    organisationId: row.organisation_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export interface PortalAppRow {
  id: number;
  name: string;
  description: string;
  redirect_urls: string;
  user_id: number;
  visibility: PortalAppProps['visibility'];
  version: number;
  created_at: Date;
  updated_at: Date;
  total_items?: string;
}

export function toPortalApp(row: PortalAppRow): PortalApp {
  return PortalApp.restore({
    id: row.id,
    name: row.name,
    description: row.description,
    redirectUrls: row.redirect_urls,
    userId: row.user_id,
    visibility: row.visibility,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export interface AccessRequestRow {
  id: number;
  app_id: number;
  user_id: number;
  catalogue: string;
  plan: string;
  client: string;
  status: AccessRequestProps['status'];
  auth_type: AccessRequestProps['authType'];
  product_ids: number[];
  product_names: string[];
  dcr_enabled: boolean;
  provision_immediately: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** json_agg of the request's credential rows, oldest first. */
  credentials?: CredentialRow[];
  total_items?: string;
}

export function toAccessRequest(row: AccessRequestRow): AccessRequest {
  return AccessRequest.restore({
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    catalogue: row.catalogue,
    plan: row.plan,
    client: row.client,
    status: row.status,
    authType: row.auth_type,
    productIds: row.product_ids,
    productNames: row.product_names,
    dcrEnabled: row.dcr_enabled,
    provisionImmediately: row.provision_immediately,
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    deletedAt: toNullableDate(row.deleted_at),
  });
}

export interface CredentialRow {
  id: number;
  access_request_id: number;
  auth_type: CredentialProps['authType'];
  credential: string | null;
  credential_hash: string | null;
  oauth_client_id: string | null;
  oauth_client_secret: string | null;
  redirect_uri: string | null;
  response_type: string | null;
  scope: string | null;
  token_endpoints: string | null;
  grant_type: string | null;
  expires: Timestamp | null;
  dcr_registration_access_token: string | null;
  dcr_registration_client_uri: string | null;
  dcr_response: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Associated data of a credential's secrets: they belong to this row only. */
export function credentialContext(id: number): string {
  return `portal-credential:${id}`;
}

function encryptNullable(cipher: SecretCipher, plaintext: string | null, id: number): string | null {
  return plaintext === null ? null : cipher.encrypt(plaintext, credentialContext(id));
}

/** A secret the keys cannot decrypt reads as null (and is reported): one bad row fails no list. */
function decryptNullable(read: SecretReader, stored: string | null, id: number): string | null {
  return stored === null ? null : read(stored, credentialContext(id), { resource: 'portal-credential', id: String(id) });
}

export function toCredential(row: CredentialRow, read: SecretReader): Credential {
  return Credential.restore({
    id: row.id,
    accessRequestId: row.access_request_id,
    authType: row.auth_type,
    credential: decryptNullable(read, row.credential, row.id),
    credentialHash: row.credential_hash,
    oauthClientId: row.oauth_client_id,
    oauthClientSecret: decryptNullable(read, row.oauth_client_secret, row.id),
    redirectUri: row.redirect_uri,
    responseType: row.response_type,
    scope: row.scope,
    tokenEndpoints: row.token_endpoints,
    grantType: row.grant_type,
    expires: toNullableDate(row.expires),
    dcrRegistrationAccessToken: row.dcr_registration_access_token,
    dcrRegistrationClientUri: row.dcr_registration_client_uri,
    dcrResponse: row.dcr_response,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });
}

/** Every column of portal_credentials but id, in this order, for INSERT and UPDATE. */
export const CREDENTIAL_COLUMNS = [
  'access_request_id', 'auth_type', 'credential', 'credential_hash', 'oauth_client_id', 'oauth_client_secret',
  'redirect_uri', 'response_type', 'scope', 'token_endpoints', 'grant_type', 'expires',
  'dcr_registration_access_token', 'dcr_registration_client_uri', 'dcr_response', 'created_at', 'updated_at',
] as const;

/** Values for CREDENTIAL_COLUMNS, secrets encrypted under the row's id. */
export function credentialValues(id: number, c: Omit<CredentialProps, 'id'>, cipher: SecretCipher): unknown[] {
  return [
    c.accessRequestId, c.authType, encryptNullable(cipher, c.credential, id), c.credentialHash, c.oauthClientId,
    encryptNullable(cipher, c.oauthClientSecret, id), c.redirectUri, c.responseType, c.scope, c.tokenEndpoints,
    c.grantType, c.expires, c.dcrRegistrationAccessToken, c.dcrRegistrationClientUri, c.dcrResponse, c.createdAt,
    c.updatedAt,
  ];
}
