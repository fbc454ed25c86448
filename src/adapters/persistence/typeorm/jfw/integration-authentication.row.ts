import { AppIntegrationSnapshot } from '../../../../domain/app-integration/app-integration';
import { IntegrationAuthentication, StoredSettings } from '../../../../domain/integration-authentication/integration-authentication';
import { IntegrationAuthenticationView } from '../../../../application/ports/integration-authentication.repository';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { SecretReader } from '../readable-secret';
import { ChangeContext } from '../../../../domain/audit/change-context';

/** Columns of integration_authentications joined with its catalog entry (prefixed `ai_`). */
export interface IntegrationAuthenticationRow {
  id: string;
  brand_id: string;
  app_integration_id: string;
  code: string;
  name: string;
  project_id: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
  scope: string;
  auth_endpoint: string | null;
  token_endpoint: string | null;
  icon_url: string | null;
  tags: string | null;
  description: string | null;
  status: 'Active' | 'Inactive';
  is_default: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  ai_type: AppIntegrationSnapshot['type'];
  ai_name: string;
  ai_domain: string;
  ai_description: string | null;
  ai_logo_url: string | null;
  ai_status: AppIntegrationSnapshot['status'];
  total_items?: string;
}

/** The configuration's columns the service reads, named: see VIEW_COLUMNS. */
const CONFIGURATION_COLUMNS = [
  'id', 'brand_id', 'app_integration_id', 'code', 'name', 'project_id', 'client_id', 'client_secret', 'redirect_uri', 'scope',
  'auth_endpoint', 'token_endpoint', 'icon_url', 'tags', 'description', 'status', 'is_default', 'version', 'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof IntegrationAuthenticationRow>;

/**
 * Named, not `r.*`: the writes are named prepared statements, and PostgreSQL
 * refuses to run one whose result columns changed ("cached plan must not
 * change result type"), so with `r.*` a column added by a newer build's
 * migration would fail every running older instance until its connections
 * were replaced (test/http/schema-change-under-running-service.test.ts).
 */
export const VIEW_COLUMNS = `${CONFIGURATION_COLUMNS.map((c) => `r.${c}`).join(', ')},
  ai.type AS ai_type, ai.name AS ai_name, ai.domain AS ai_domain,
  ai.description AS ai_description, ai.logo_url AS ai_logo_url, ai.status AS ai_status`;

/** Associated data of a stored client secret: it belongs to this brand and row only. */
export function secretContext(brandId: string, id: string): string {
  return `integration-authentication:${brandId}:${id}`;
}

/**
 * `writtenSecret`: the plaintext a write just encrypted into this row. The
 * row's ciphertext is exactly that value, so decrypting it again (an AES-GCM
 * decipher per PUT) would only hand it back. A secret the keys cannot
 * decrypt reads as null (and is reported), so one bad row fails no list.
 */
export function toView(row: IntegrationAuthenticationRow, read: SecretReader, writtenSecret?: string | null): IntegrationAuthenticationView {
  return {
    authentication: IntegrationAuthentication.restore({
      id: row.id,
      brandId: row.brand_id,
      appIntegrationId: row.app_integration_id,
      code: row.code,
      name: row.name,
      projectId: row.project_id,
      clientId: row.client_id,
      clientSecret:
        writtenSecret ?? read(row.client_secret, secretContext(row.brand_id, row.id), { resource: 'integration-authentication', id: row.id }),
      redirectURI: row.redirect_uri,
      scope: row.scope,
      authEndpoint: row.auth_endpoint,
      tokenEndpoint: row.token_endpoint,
      iconURL: row.icon_url,
      tags: row.tags,
      description: row.description,
      status: row.status,
      isDefault: row.is_default,
      version: row.version,
      createdDate: row.created_at,
      updatedDate: row.updated_at,
    }),
    appIntegration: {
      id: row.app_integration_id,
      type: row.ai_type,
      name: row.ai_name,
      domain: row.ai_domain,
      description: row.ai_description,
      logoURL: row.ai_logo_url,
      status: row.ai_status,
    },
  };
}

/** Positional parameters of the write functions, after p_id/p_brand_id(/p_expected_version). */
export function settingsParams(key: { brandId: string; id: string }, s: StoredSettings, cipher: SecretCipher, now: Date): unknown[] {
  // Only validated settings are written, and validation requires a secret; an unreadable one is never written back.
  if (s.clientSecret === null) throw new Error('a configuration whose client secret could not be read must be given a new one');
  return [
    s.appIntegrationId, s.code, s.name, s.projectId, s.clientId,
    cipher.encrypt(s.clientSecret, secretContext(key.brandId, key.id)),
    s.redirectURI, s.scope, s.authEndpoint, s.tokenEndpoint, s.iconURL, s.tags, s.description,
    s.status, s.isDefault, now,
  ];
}

/**
 * The audited write functions' last parameters: the secret's keyed digest
 * (so the function can tell a changed secret without decrypting), then who
 * made the change and the request's correlation id.
 */
export function auditParams(s: StoredSettings, cipher: SecretCipher, change: ChangeContext): unknown[] {
  return [
    s.clientSecret === null ? null : Buffer.from(cipher.digest(s.clientSecret)),
    change.actor.kind, change.actor.id, change.correlationId,
  ];
}
