/**
 * The BASELINE of `npm run bench`: seed 000's PUT as a bare Koa + pg handler,
 * no router, no DI, no validation layer, no ORM. It sends exactly the round
 * trips the service sends (auth lookup of key hashes by brand URL, then the
 * one `SELECT … FROM ih_replace_integration_authentication(…) JOIN …`), does
 * the same crypto (sha256 + timingSafeEqual, AES-256-GCM with the same stored
 * format and associated data, decrypt of the returned row) and answers the
 * same JFramework envelope. It is what "no framework cost" looks like.
 *
 * Seed 003's `PUT /portal-api/apps/{id}` likewise: the admin lookup by token
 * hash (+ timingSafeEqual), the service's `UPDATE … RETURNING` of the app
 * (partial change, oauth2 credentials following the redirect URLs) and its
 * read of the app's access requests with their credentials (json_agg), the
 * decryption of those credentials and seed 003's answer. No validation
 * beyond what building the parameters needs.
 *
 * Env: DATABASE_URL, SECRET_KEY (base64, 32 bytes), PORT, POOL_SIZE (default
 * 10, the service's pool size).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import Koa from 'koa';
import { Pool } from 'pg';

const AUTH_SQL = `SELECT b.id AS brand_id, k.key_hash FROM brands b
         LEFT JOIN brand_api_keys k ON k.brand_id = b.id AND k.revoked_at IS NULL
        WHERE b.url = $1`;
const VIEW_COLUMNS = `r.*, ai.type AS ai_type, ai.name AS ai_name, ai.domain AS ai_domain,
  ai.description AS ai_description, ai.logo_url AS ai_logo_url, ai.status AS ai_status`;
const REPLACE_SQL = `SELECT ${VIEW_COLUMNS} FROM ih_replace_integration_authentication(
  $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) r JOIN app_integrations ai ON ai.id = r.app_integration_id`;
const PATH = /^\/api\/v1\/app-integrations\/authentication\/([A-Za-z0-9]{1,64})$/;
const PORTAL_APP_PATH = /^\/portal-api\/apps\/([0-9]{1,10})$/;

// The service's statements for seed 003's PUT, copied (the baseline imports nothing of src/).
const ADMIN_SQL = `SELECT * FROM portal_admins WHERE token_hash = $1`;
const APP_UPDATE_SQL = `
  WITH updated AS (
    UPDATE portal_apps SET name = coalesce($3, name), description = coalesce($4, description),
           redirect_urls = coalesce($5, redirect_urls), user_id = coalesce($6, user_id),
           visibility = coalesce($7, visibility), version = version + 1, updated_at = $8
     WHERE id = $1 AND ($2::integer IS NULL OR version = $2) RETURNING *),
  followed AS (
    UPDATE portal_credentials c SET redirect_uri = u.redirect_urls, updated_at = u.updated_at, version = c.version + 1
      FROM updated u JOIN access_requests ar ON ar.app_id = u.id
     WHERE c.access_request_id = ar.id AND c.auth_type = 'oauth2' AND c.redirect_uri IS DISTINCT FROM u.redirect_urls
    RETURNING c.id)
  SELECT * FROM updated`;
const ACCESS_REQUESTS_SQL = `
    SELECT ar.*, coalesce(
             (SELECT json_agg(c ORDER BY c.id) FROM portal_credentials c WHERE c.access_request_id = ar.id),
             '[]') AS credentials
      FROM access_requests ar WHERE ar.app_id = ANY($1::integer[]) ORDER BY ar.id`;

const key = Buffer.from(process.env.SECRET_KEY ?? '', 'base64');
if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, base64');
const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Same stored form as the service: v1.<keyId>.<iv>.<tag>.<ciphertext>, context as AAD. */
function encrypt(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', keyId, ...[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
}

function decrypt(stored: string, context: string): string {
  const [, , iv, tag, body] = stored.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const app = new Koa();

function envelope(ctx: Koa.Context, status: number, data: unknown, errors: unknown[] = []): void {
  ctx.status = status;
  ctx.body = { success: status < 400, statusCode: status, message: status < 400 ? 'The request was successful.' : 'The request failed.', data, errors, correlationId: ctx.state.correlationId };
}

async function readJson(req: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/** "YYYY-MM-DD HH:MM", UTC, as the portal answers times. */
const portalTime = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString().slice(0, 16).replace('T', ' '));
const decryptNullable = (stored: string | null, id: number) => (stored === null ? null : decrypt(stored, `portal-credential:${id}`));

async function portalAppPut(ctx: Koa.Context, appId: number): Promise<void> {
  const token = ctx.get('Authorization').trim();
  const presented = sha256(token);
  const { rows: admins } = await pool.query<{ token_hash: string }>(ADMIN_SQL, [presented.toString('hex')]);
  if (token === '' || admins.length === 0 || !timingSafeEqual(presented, Buffer.from(admins[0].token_hash, 'hex'))) {
    ctx.status = 401;
    ctx.body = { status: 'error', errors: ['Unauthorized'] };
    return;
  }
  const b = await readJson(ctx.req);
  const { rows } = await pool.query(APP_UPDATE_SQL, [
    appId, null, b.Name ?? null, b.Description ?? null, b.RedirectURLs ?? null, b.UserID ?? null, b.Visibility ?? null, new Date(),
  ]);
  const a = rows[0];
  const { rows: requests } = await pool.query(ACCESS_REQUESTS_SQL, [[appId]]);
  ctx.set('ETag', `"${a.version}"`);
  ctx.body = {
    Name: a.name, Description: a.description, RedirectURLs: a.redirect_urls, UserID: a.user_id, Visibility: a.visibility, ID: a.id,
    CreatedAt: portalTime(a.created_at),
    AccessRequests: requests.length === 0 ? [] : [requests.map((r) => ({
      Catalogue: r.catalogue, Client: r.client, CreatedAt: portalTime(r.created_at), UpdatedAt: portalTime(r.updated_at),
      DeletedAt: portalTime(r.deleted_at), Plan: r.plan, User: `User#${r.user_id}`, AuthType: r.auth_type, DCREnabled: r.dcr_enabled,
      ID: r.id, ProvisionImmediately: r.provision_immediately, Status: r.status, Products: r.product_names,
      Credentials: r.credentials.map((c: Record<string, any>) => ({
        ID: c.id, AccessRequest: `AccessRequest#${c.access_request_id}`, Credential: decryptNullable(c.credential, c.id),
        CredentialHash: c.credential_hash, DCRRegistrationAccessToken: c.dcr_registration_access_token,
        DCRRegistrationClientURI: c.dcr_registration_client_uri, DCRResponse: c.dcr_response, Expires: portalTime(c.expires),
        OAuthClientID: c.oauth_client_id, OAuthClientSecret: decryptNullable(c.oauth_client_secret, c.id), RedirectURI: c.redirect_uri,
        ResponseType: c.response_type, Scope: c.scope, TokenEndpoints: c.token_endpoints,
      })),
    }))],
  };
}

app.use(async (ctx) => {
  ctx.state.correlationId = randomUUID();
  if (ctx.path === '/healthz') {
    ctx.body = { status: 'ok' };
    return;
  }
  const portal = PORTAL_APP_PATH.exec(ctx.path);
  if (ctx.method === 'PUT' && portal !== null) return portalAppPut(ctx, Number(portal[1]));
  const match = PATH.exec(ctx.path);
  if (ctx.method !== 'PUT' || match === null) return envelope(ctx, 404, null, [{ code: 'NotFound', message: 'No resource at this path' }]);
  const id = match[1];

  const authKey = ctx.get('Auth-Key');
  const { rows: keys } = await pool.query<{ brand_id: string; key_hash: string | null }>(AUTH_SQL, [ctx.get('Brand-URL').trim().toLowerCase()]);
  const presented = sha256(authKey);
  const matched = authKey !== '' && keys.reduce((hit, k) => (k.key_hash !== null && timingSafeEqual(presented, Buffer.from(k.key_hash, 'hex'))) || hit, false);
  if (!matched) return envelope(ctx, 401, null, [{ code: 'Unauthorized', message: 'Brand-URL or Auth-Key is not valid' }]);
  const brandId = keys[0].brand_id;

  const b = await readJson(ctx.req);
  const context = `integration-authentication:${brandId}:${id}`;
  const status = b.status === 0 || b.status === 'Inactive' ? 'Inactive' : 'Active';
  const params = [
    id, brandId, null, b.appIntegrationId, b.code, b.name, b.projectId, b.clientId, encrypt(String(b.clientSecret), context),
    b.redirectURI, b.scope, b.authEndpoint ?? null, b.tokenEndpoint ?? null, b.iconURL ?? null, b.tags ?? null,
    b.description ?? null, status, b.isDefault === true, new Date(),
  ];
  const { rows } = await pool.query(REPLACE_SQL, params);
  const r = rows[0];
  ctx.set('ETag', `"${r.version}"`);
  envelope(ctx, 200, {
    appIntegration: { type: r.ai_type, name: r.ai_name, domain: r.ai_domain, description: r.ai_description, logoURL: r.ai_logo_url, status: r.ai_status, id: r.app_integration_id },
    isDefault: r.is_default, status: r.status, description: r.description, tags: r.tags, iconURL: r.icon_url,
    tokenEndpoint: r.token_endpoint, id: r.id, authEndpoint: r.auth_endpoint, redirectURI: r.redirect_uri,
    clientSecret: decrypt(r.client_secret, context), clientId: r.client_id, projectId: r.project_id, name: r.name,
    code: r.code, scope: r.scope, createdDate: r.created_at.toISOString(), updatedDate: r.updated_at.toISOString(),
  });
});

const server = app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
