/**
 * What both baselines share with each other (and with the service, by
 * copy): the AES-256-GCM stored form of secrets, the key/token hashing, and
 * the two answer shapes. Nothing of src/ is imported.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SecretBox {
  /** Same stored form as the service: v1.<keyId>.<iv>.<tag>.<ciphertext> (base64url parts), context as AAD. */
  encrypt(plaintext: string, context: string): string;
  decrypt(stored: string, context: string): string;
  /** The keyed digest the audited writes compare secrets by (HMAC-SHA256 under an HKDF of the key), as the service computes it. */
  digest(plaintext: string): Buffer;
}

export function secretBox(base64Key: string | undefined): SecretBox {
  const key = Buffer.from(base64Key ?? '', 'base64');
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, base64');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const digestKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'integration-hub secret digest v1', 32));
  return {
    digest: (plaintext) => createHmac('sha256', digestKey).update(plaintext, 'utf8').digest(),
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', keyId, ...[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
    },
    decrypt(stored, context) {
      const [, , iv, tag, body] = stored.split('.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** sha256(presented) against a stored hex hash, in constant time. */
export function hashMatches(presented: Buffer, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** Associated data of a configuration's client secret, as the service binds it. */
export const secretContext = (brandId: string, id: string) => `integration-authentication:${brandId}:${id}`;

/** Seed 000's `data` from a row of the configuration joined with its catalog entry. */
export function presentConfiguration(r: Row, clientSecret: string) {
  return {
    appIntegration: { type: r.ai_type, name: r.ai_name, domain: r.ai_domain, description: r.ai_description, logoURL: r.ai_logo_url, status: r.ai_status, id: r.app_integration_id },
    isDefault: r.is_default, status: r.status, description: r.description, tags: r.tags, iconURL: r.icon_url,
    tokenEndpoint: r.token_endpoint, id: r.id, authEndpoint: r.auth_endpoint, redirectURI: r.redirect_uri,
    clientSecret, clientId: r.client_id, projectId: r.project_id, name: r.name,
    code: r.code, scope: r.scope, createdDate: r.created_at.toISOString(), updatedDate: r.updated_at.toISOString(),
  };
}

/** "YYYY-MM-DD HH:MM", UTC, as the portal answers times. */
const portalTime = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString().slice(0, 16).replace('T', ' '));

/** Seed 003's answer: the app with its access requests and their (decrypted) credentials. */
export function presentPortalApp(a: Row, requests: Row[], box: SecretBox) {
  const decrypt = (stored: string | null, id: number) => (stored === null ? null : box.decrypt(stored, `portal-credential:${id}`));
  return {
    Name: a.name, Description: a.description, RedirectURLs: a.redirect_urls, UserID: a.user_id, Visibility: a.visibility, ID: a.id,
    CreatedAt: portalTime(a.created_at),
    AccessRequests: requests.length === 0 ? [] : [requests.map((r) => ({
      Catalogue: r.catalogue, Client: r.client, CreatedAt: portalTime(r.created_at), UpdatedAt: portalTime(r.updated_at),
      DeletedAt: portalTime(r.deleted_at), Plan: r.plan, User: `User#${r.user_id}`, AuthType: r.auth_type, DCREnabled: r.dcr_enabled,
      ID: r.id, ProvisionImmediately: r.provision_immediately, Status: r.status, Products: r.product_names,
      Credentials: r.credentials.map((c: Row) => ({
        ID: c.id, AccessRequest: `AccessRequest#${c.access_request_id}`, Credential: decrypt(c.credential, c.id),
        CredentialHash: c.credential_hash, DCRRegistrationAccessToken: c.dcr_registration_access_token,
        DCRRegistrationClientURI: c.dcr_registration_client_uri, DCRResponse: c.dcr_response,
        DCRSyncStatus: c.dcr_sync_status ?? null, DCRSyncError: c.dcr_sync_error ?? null, Expires: portalTime(c.expires),
        OAuthClientID: c.oauth_client_id, OAuthClientSecret: decrypt(c.oauth_client_secret, c.id), RedirectURI: c.redirect_uri,
        ResponseType: c.response_type, Scope: c.scope, TokenEndpoints: c.token_endpoints,
      })),
    }))],
  };
}
