import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { DcrClientSettings } from '../../../../domain/api-product/api-product';
import { Credential, CredentialSnapshot } from '../../../../domain/access-request/credential';
import { SecretReader } from '../readable-secret';
import { Timestamp, toDate, toNullableDate } from './timestamps';

/*
 * A credential's row, its mapper and the encryption of its secrets (bound to
 * the credential's id, so a ciphertext moved to another row does not decrypt).
 */

export interface CredentialRow {
  id: number;
  access_request_id: number;
  auth_type: CredentialSnapshot['authType'];
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
  dcr_identity_provider_id: number | null;
  dcr_client_metadata: DcrClientSettings | null;
  dcr_sync_status: CredentialSnapshot['dcrSyncStatus'];
  dcr_sync_error: string | null;
  dcr_rotate_requested: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Associated data of a credential's secrets: they belong to this row only. */
export function credentialContext(id: number): string {
  return `portal-credential:${id}`;
}

/** The registration access token (a newer column) binds its field name too, not only the row. */
export function registrationTokenContext(id: number): string {
  return `portal-credential:${id}:dcr_registration_access_token`;
}

function encryptNullable(cipher: SecretCipher, plaintext: string | null, id: number, context = credentialContext(id)): string | null {
  return plaintext === null ? null : cipher.encrypt(plaintext, context);
}

/** A secret the keys cannot decrypt reads as null (and is reported): one bad row fails no list. */
function decryptNullable(read: SecretReader, stored: string | null, id: number, context = credentialContext(id)): string | null {
  return stored === null ? null : read(stored, context, { resource: 'portal-credential', id: String(id) });
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
    dcrRegistrationAccessToken: decryptNullable(read, row.dcr_registration_access_token, row.id, registrationTokenContext(row.id)),
    dcrRegistrationClientUri: row.dcr_registration_client_uri,
    dcrResponse: row.dcr_response,
    dcrIdentityProviderId: row.dcr_identity_provider_id ?? null,
    dcrClientSettings: row.dcr_client_metadata ?? null,
    dcrSyncStatus: row.dcr_sync_status ?? null,
    dcrSyncError: row.dcr_sync_error ?? null,
    dcrRotateRequested: row.dcr_rotate_requested ?? false,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });
}

/** Every column of portal_credentials but id, in this order, for INSERT and UPDATE. */
export const CREDENTIAL_COLUMNS = [
  'access_request_id', 'auth_type', 'credential', 'credential_hash', 'oauth_client_id', 'oauth_client_secret',
  'redirect_uri', 'response_type', 'scope', 'token_endpoints', 'grant_type', 'expires',
  'dcr_registration_access_token', 'dcr_registration_client_uri', 'dcr_response', 'dcr_identity_provider_id',
  'dcr_client_metadata', 'dcr_sync_status', 'dcr_sync_error', 'dcr_rotate_requested', 'created_at', 'updated_at',
] as const;

/** Values for CREDENTIAL_COLUMNS, secrets encrypted under the row's id. */
export function credentialValues(id: number, c: Omit<CredentialSnapshot, 'id'>, cipher: SecretCipher): unknown[] {
  return [
    c.accessRequestId, c.authType, encryptNullable(cipher, c.credential, id), c.credentialHash, c.oauthClientId,
    encryptNullable(cipher, c.oauthClientSecret, id), c.redirectUri, c.responseType, c.scope, c.tokenEndpoints,
    c.grantType, c.expires, encryptNullable(cipher, c.dcrRegistrationAccessToken, id, registrationTokenContext(id)),
    c.dcrRegistrationClientUri, c.dcrResponse, c.dcrIdentityProviderId,
    c.dcrClientSettings === null ? null : JSON.stringify(c.dcrClientSettings), c.dcrSyncStatus, c.dcrSyncError, c.dcrRotateRequested,
    c.createdAt, c.updatedAt,
  ];
}
