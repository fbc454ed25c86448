/**
 * Baseline "same SQL" of `npm run bench`: seed 000's PUT as a bare Koa + pg
 * handler, no router, no DI, no validation layer, no ORM. It sends the round
 * trips the service sent before it cached auth (auth lookup of key hashes by
 * brand URL on every request, then the one `SELECT … FROM
 * ih_replace_integration_authentication_audited(…) JOIN …`, which also
 * records the audit entry and the outbox event), does the same crypto
 * (sha256 + timingSafeEqual, AES-256-GCM with the same stored format and
 * associated data, the secret's keyed digest, decrypt of the returned row) and answers the same
 * JFramework envelope. So the PL/pgSQL function's database cost sits on both
 * sides, and the service's auth cache is an advantage it has over this one.
 *
 * Seed 003's `PUT /portal-api/apps/{id}` likewise: the admin lookup by token
 * hash (+ timingSafeEqual) on every request, the service's audited `UPDATE …
 * RETURNING` of the app (partial change, oauth2 credentials following the
 * redirect URLs) that also reads the app's access requests with their
 * credentials (json_agg) in the same statement, the decryption of those
 * credentials and seed 003's answer. No validation beyond what building the parameters needs.
 *
 * Env: DATABASE_URL, SECRET_KEY (base64, 32 bytes), PORT, POOL_SIZE (default
 * 10, the service's pool size).
 */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { Pool } from 'pg';
import { hashMatches, presentConfiguration, presentPortalApp, secretBox, secretContext, sha256 } from './common';
import { ADMIN_SQL, APP_UPDATE_FUNCTION_SQL, AUTH_SQL, REPLACE_FUNCTION_SQL } from './sql';

const PATH = /^\/api\/v1\/app-integrations\/authentication\/([A-Za-z0-9]{1,64})$/;
const PORTAL_APP_PATH = /^\/portal-api\/apps\/([0-9]{1,10})$/;

const box = secretBox(process.env.SECRET_KEY);
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

async function portalAppPut(ctx: Koa.Context, appId: number): Promise<void> {
  const token = ctx.get('Authorization').trim();
  const presented = sha256(token);
  const { rows: admins } = await pool.query<{ id: number; token_hash: string }>(ADMIN_SQL, [presented.toString('hex')]);
  if (token === '' || admins.length === 0 || !hashMatches(presented, admins[0].token_hash)) {
    ctx.status = 401;
    ctx.body = { status: 'error', errors: ['Unauthorized'] };
    return;
  }
  const b = await readJson(ctx.req);
  const { rows } = await pool.query(APP_UPDATE_FUNCTION_SQL, [
    appId, null, b.Name ?? null, b.Description ?? null, b.RedirectURLs ?? null, b.UserID ?? null, b.Visibility ?? null, new Date(),
    'portal-admin', String(admins[0].id), ctx.state.correlationId,
  ]);
  const a = rows[0];
  ctx.set('ETag', `"${a.version}"`);
  ctx.body = presentPortalApp(a, a.requests, box);
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
  const { rows: keys } = await pool.query<{ brand_id: string; key_id: string | null; key_hash: string | null }>(AUTH_SQL, [ctx.get('Brand-URL').trim().toLowerCase()]);
  const presented = sha256(authKey);
  const matched = authKey === '' ? undefined : keys.filter((k) => k.key_hash !== null && hashMatches(presented, k.key_hash))[0];
  if (matched === undefined) return envelope(ctx, 401, null, [{ code: 'Unauthorized', message: 'Brand-URL or Auth-Key is not valid' }]);
  const brandId = keys[0].brand_id;

  const b = await readJson(ctx.req);
  const context = secretContext(brandId, id);
  const status = b.status === 0 || b.status === 'Inactive' ? 'Inactive' : 'Active';
  const params = [
    id, brandId, null, b.appIntegrationId, b.code, b.name, b.projectId, b.clientId, box.encrypt(String(b.clientSecret), context),
    b.redirectURI, b.scope, b.authEndpoint ?? null, b.tokenEndpoint ?? null, b.iconURL ?? null, b.tags ?? null,
    b.description ?? null, status, b.isDefault === true, new Date(),
    box.digest(String(b.clientSecret)), 'brand-key', matched.key_id, ctx.state.correlationId,
  ];
  const { rows } = await pool.query(REPLACE_FUNCTION_SQL, params);
  const r = rows[0];
  ctx.set('ETag', `"${r.version}"`);
  envelope(ctx, 200, presentConfiguration(r, box.decrypt(r.client_secret, context)));
});

const server = app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
