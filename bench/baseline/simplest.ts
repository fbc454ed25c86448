/**
 * Baseline "simplest correct" of `npm run bench`: what a careful engineer
 * would write by hand for the two PUTs, doing all the work the contract asks
 * and nothing else. One Koa middleware and `pg` (pool of 10, like the
 * service); no router, DI, reflective validation, ORM, logger or metrics.
 *
 * Per seed 000 PUT:
 * - correlation id: a sane X-Correlation-ID is echoed, otherwise a random
 *   UUID; in the header and in the envelope;
 * - auth before the body is read: Brand-URL + Auth-Key, the brand's key
 *   hashes looked up once and kept in a Map for 5 s (the service's
 *   AUTH_CACHE_TTL_MS default; unknown brands are not kept), sha256 +
 *   timingSafeEqual against every active key;
 * - the body: JSON only (415), at most 1 MiB (413), valid JSON (400), then
 *   every field checked by hand with the DTO's rules (400, one error per field);
 * - If-Match → expected version (412 when it names no version);
 * - the secret encrypted with AES-256-GCM in the service's stored form;
 * - `isDefault: false`: one plain `UPDATE … RETURNING` joined to the catalog;
 *   `isDefault: true`: a transaction — advisory lock of (brand, integration),
 *   clear the previous default, the same UPDATE — because claiming a default
 *   without the lock fails under concurrency (see sql.ts);
 * - the answer: the JFramework envelope with seed 000's data (the plaintext
 *   secret just written, not decrypted again) and the ETag.
 *
 * And on every request, the contract's rules for hostile input and answers
 * (its "Hostile input and limits"), which the first version of this handler
 * left out: the headers every answer carries (nosniff, no-referrer,
 * no-store); the body's shape (nesting ≤ 32, ≤ 256 keys an object, ≤ 1,000
 * items an array) and no C0 control character but tab, LF and CR in any
 * text or query parameter; no user information in a URL; the database
 * bounded in time (a pool checkout and a statement each answer 503 past
 * DB_TIMEOUT_MS' default, 5 s, through pg's connectionTimeoutMillis and
 * PostgreSQL's statement_timeout); headers within 10 s, the request within 30 s, idle
 * keep-alive 5 s (Node's server timeouts).
 *
 * Per seed 003 PUT the same frame: the admin found by token hash once and
 * kept for 5 s, the body checked by hand (422 in the portal's shape), then
 * the service's two statements (there is no PL/pgSQL function on that path
 * to leave out): the app's `UPDATE … RETURNING` (oauth2 credentials follow
 * the redirect URLs) and the read of its access requests with their
 * credentials, decrypted for the answer.
 *
 * With BASELINE_WRITE=audited (the bench's `simplestAudited` target, entry
 * simplest-audited.ts) it does what the contract has asked of every write
 * since the audit trail and the outbox: the same frame, but each PUT sends
 * the service's audited write instead of the plain one — seed 000 the
 * PL/pgSQL function that also appends the audit entry and the outbox event
 * (and claims the default under its lock), seed 003 the audited CTE — with
 * the secret's keyed digest and the actor (key id, admin id) and
 * correlation id they record, as named statements like the service's.
 * Same work as the service, no framework: the service against it is the
 * framework's cost, and it against the plain handler is what audit +
 * outbox cost a bare handler.
 *
 * Env: DATABASE_URL, SECRET_KEY (base64, 32 bytes), PORT, POOL_SIZE (default 10), BASELINE_WRITE (plain | audited).
 */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { DatabaseError, Pool } from 'pg';
import { hashMatches, presentConfiguration, presentPortalApp, Row, secretBox, secretContext, sha256 } from './common';
import {
  ACCESS_REQUESTS_SQL, ADMIN_SQL, APP_EXISTS_SQL, APP_UPDATE_SQL, AUDITED_APP_UPDATE_SQL, AUTH_SQL, CLEAR_DEFAULT_SQL, EXISTS_SQL, LOCK_DEFAULT_SQL,
  PLAIN_UPDATE_SQL, REPLACE_FUNCTION_SQL,
} from './sql';

const JFW_PATH = /^\/api\/v1\/app-integrations\/authentication\/([A-Za-z0-9]{1,64})$/;
const PORTAL_APP_PATH = /^\/portal-api\/apps\/([0-9]{1,10})$/;
const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;
const IF_MATCH = /^"(\d{1,9})"$/;
const MAX_BODY_BYTES = 1024 * 1024;
const AUTH_TTL_MS = 5_000;
const MAX_LENGTH = 2048;
const MAX_SECRET_LENGTH = 8192;
const MAX_PORTAL_TEXT = 4096;
const INT4_MAX = 2_147_483_647;
const MESSAGES: Record<number, string> = {
  200: 'The request was successful.', 400: 'The request is invalid.', 401: 'The request is not authenticated.',
  404: 'The resource was not found.', 409: 'The request conflicts with the current settings.', 412: 'The resource was changed since it was read.',
  413: 'The request body is too large.', 415: 'The request body must be JSON.', 500: 'The server failed to handle the request.',
  503: 'The service is temporarily unavailable.',
};

const AUDITED = process.env.BASELINE_WRITE === 'audited';
/** If-Match as the audited writes take it: a list of versions any of which will do. */
const versionList = (version: number | null) => (version === null ? null : [version]);
const box = secretBox(process.env.SECRET_KEY);
const DB_TIMEOUT_MS = 5_000;
const pool = new Pool({
  // PostgreSQL's statement_timeout, not pg's query_timeout: the latter's timer per query holds each
  // query's objects for its 5 s and they outlive the young generation (docs/performance.md, "A callback
  // that aged every request"), as the service found; the service bounds its statements the same way.
  connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), connectionTimeoutMillis: DB_TIMEOUT_MS, statement_timeout: DB_TIMEOUT_MS,
});
const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
const MAX_DEPTH = 32;
const MAX_KEYS = 256;
const MAX_ITEMS = 1000;
// C0 controls but tab, LF and CR.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

/** A failure with its answer: status, error code, message, field. */
class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly errors: { field: string; message: string }[] = []) {
    super(message);
  }
}

// ---- auth caches: looked up once, kept AUTH_TTL_MS ----

const brands = new Map<string, { brandId: string; keys: { id: string; hash: string }[]; until: number }>();
const admins = new Map<string, { id: string; until: number }>(); // token hash (hex) → the admin, kept until

/** The brand and the id of the key that matched (the audited writes record it as the actor). */
async function brandOf(brandUrlHeader: string, authKey: string): Promise<{ brandId: string; keyId: string }> {
  const url = brandUrlHeader.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (url === '') throw new Refusal(400, 'ValidationFailed', 'the Brand-URL header is required', [{ field: 'Brand-URL', message: 'the Brand-URL header is required' }]);
  let entry = brands.get(url);
  if (entry === undefined || entry.until < Date.now()) {
    const { rows } = await pool.query<{ brand_id: string; key_id: string | null; key_hash: string | null }>(AUTH_SQL, [url]);
    const keys = rows.flatMap((r) => (r.key_id === null || r.key_hash === null ? [] : [{ id: r.key_id, hash: r.key_hash }]));
    entry = rows.length === 0 ? undefined : { brandId: rows[0].brand_id, keys, until: Date.now() + AUTH_TTL_MS };
    if (entry === undefined) brands.delete(url);
    else brands.set(url, entry);
  }
  if (authKey === '' || authKey.length > 512 || entry === undefined) throw new Refusal(401, 'Unauthorized', 'The Brand-URL and Auth-Key do not match an active key');
  const presented = sha256(authKey);
  // Every key is compared, so the time taken does not tell which one matched.
  const matched = entry.keys.reduce<string | null>((hit, key) => (hashMatches(presented, key.hash) ? key.id : hit), null);
  if (matched === null) throw new Refusal(401, 'Unauthorized', 'The Brand-URL and Auth-Key do not match an active key');
  return { brandId: entry.brandId, keyId: matched };
}

/** The admin's id, or null for an unknown token. */
async function adminOf(header: string): Promise<string | null> {
  const token = header.trim();
  if (token === '') return null;
  const hash = sha256(token).toString('hex');
  const known = admins.get(hash);
  if (known !== undefined && known.until >= Date.now()) return known.id;
  const { rows } = await pool.query<{ id: number; token_hash: string }>(ADMIN_SQL, [hash]);
  if (rows.length === 0 || !hashMatches(sha256(token), rows[0].token_hash)) {
    admins.delete(hash);
    return null;
  }
  admins.set(hash, { id: String(rows[0].id), until: Date.now() + AUTH_TTL_MS });
  return String(rows[0].id);
}

// ---- the body ----

async function readJsonObject(ctx: Koa.Context, invalidStatus: number): Promise<Record<string, unknown>> {
  const type = ctx.get('Content-Type').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
    throw new Refusal(415, 'UnsupportedMediaType', 'Content-Type must be application/json');
  }
  if (Number(ctx.get('Content-Length') || 0) > MAX_BODY_BYTES) throw new Refusal(413, 'PayloadTooLarge', 'The body must not exceed 1 MiB');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'PayloadTooLarge', 'The body must not exceed 1 MiB');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal(invalidStatus, 'ValidationFailed', 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal(invalidStatus, 'ValidationFailed', 'The body must be a JSON object');
  const problem = shapeProblem(body, 'body', 1);
  if (problem !== null) throw new Refusal(invalidStatus, 'ValidationFailed', problem.message, [problem]);
  return body as Record<string, unknown>;
}

/** The contract's limits on a body's shape and text, checked before any field is read. */
function shapeProblem(value: unknown, field: string, depth: number): { field: string; message: string } | null {
  if (typeof value === 'string') return CONTROL.test(value) ? { field, message: 'must not contain control characters' } : null;
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return { field, message: `must not nest deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) return { field, message: `must have at most ${MAX_ITEMS} items` };
    for (const item of value) {
      const problem = shapeProblem(item, field, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_KEYS) return { field, message: `must have at most ${MAX_KEYS} keys` };
  for (const key of keys) {
    if (CONTROL.test(key)) return { field: key, message: 'must not contain control characters' };
    const problem = shapeProblem((value as Record<string, unknown>)[key], key, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}

function queryProblem(querystring: string): { field: string; message: string } | null {
  if (querystring === '') return null;
  for (const [name, value] of new URLSearchParams(querystring)) {
    if (CONTROL.test(name) || CONTROL.test(value)) return { field: name, message: 'must not contain control characters' };
  }
  return null;
}

function expectedVersion(ctx: Koa.Context): number | null {
  const header = ctx.get('If-Match').trim();
  if (header === '' || header === '*') return null;
  const match = IF_MATCH.exec(header);
  if (match === null) throw new Refusal(412, 'PreconditionFailed', 'If-Match does not match the current version');
  return Number(match[1]);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const isLoopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** OAuth2 redirection endpoint: absolute, no fragment, https (http only to loopback) or a reverse-domain private scheme. */
function redirectProblem(value: string): string | null {
  const url = parseUrl(value);
  if (url === null) return 'must be an absolute URL';
  if (value.includes('#')) return 'must not contain a fragment';
  if (url.username !== '' || url.password !== '') return 'must not contain user information';
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'https') return url.hostname === '' ? 'must name a host' : null;
  if (scheme === 'http') return isLoopback(url.hostname) ? null : 'must use https unless it points at a loopback host';
  return scheme.includes('.') ? null : 'must use https, http on loopback, or a reverse-domain private-use scheme';
}

const REQUIRED = ['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'clientSecret', 'redirectURI', 'scope'] as const;
const URLS = ['authEndpoint', 'tokenEndpoint', 'iconURL'] as const;
const TEXTS = ['tags', 'description'] as const;
const KNOWN = new Set<string>([...REQUIRED, ...URLS, ...TEXTS, 'status', 'isDefault']);

interface Settings {
  required: Record<(typeof REQUIRED)[number], string>;
  optional: Record<(typeof URLS)[number] | (typeof TEXTS)[number], string | null>;
  status: 'Active' | 'Inactive';
  isDefault: boolean;
}

/** Seed 000's body, every rule of the service's DTO and domain, every broken field named. */
function settingsOf(body: Record<string, unknown>): Settings {
  const errors: { field: string; message: string }[] = [];
  for (const key of Object.keys(body)) if (!KNOWN.has(key)) errors.push({ field: key, message: 'is not a known field' });
  const required = {} as Settings['required'];
  for (const field of REQUIRED) {
    const value = body[field];
    const limit = field === 'clientSecret' ? MAX_SECRET_LENGTH : MAX_LENGTH;
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: 'must not be blank' });
    else if (value.length > limit) errors.push({ field, message: `must be at most ${limit} characters` });
    else required[field] = value.trim();
  }
  if (required.redirectURI !== undefined) {
    const problem = redirectProblem(required.redirectURI);
    if (problem !== null) errors.push({ field: 'redirectURI', message: problem });
  }
  const optional = {} as Settings['optional'];
  for (const field of [...URLS, ...TEXTS]) {
    const value = body[field] ?? null;
    if (value !== null && typeof value !== 'string') errors.push({ field, message: 'must be a string or null' });
    else if (value !== null && value.length > MAX_LENGTH) errors.push({ field, message: `must be at most ${MAX_LENGTH} characters` });
    else if (value !== null && (URLS as readonly string[]).includes(field)) {
      const url = parseUrl(value);
      if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') {
        errors.push({ field, message: 'must be an absolute http(s) URL or null' });
      }
    }
    optional[field] = typeof value === 'string' ? value : null;
  }
  const wireStatus = body.status ?? 'Active';
  const status = wireStatus === 'Active' || wireStatus === 1 ? 'Active' : wireStatus === 'Inactive' || wireStatus === 0 ? 'Inactive' : undefined;
  if (status === undefined) errors.push({ field: 'status', message: 'must be "Active" or "Inactive" (or 1 / 0)' });
  const isDefault = body.isDefault ?? false;
  if (typeof isDefault !== 'boolean') errors.push({ field: 'isDefault', message: 'isDefault must be a boolean value' });
  if (errors.length > 0) throw new Refusal(400, 'ValidationFailed', 'The request is invalid.', errors);
  return { required, optional, status: status!, isDefault: isDefault as boolean };
}

const VISIBILITIES = ['personal', 'team', 'organisation'];
const APP_FIELDS = new Set(['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility']);

function redirectListProblem(raw: string): string | null {
  if (raw.trim() === '') return null;
  const seen = new Set<string>();
  for (const url of raw.split(',').map((item) => item.trim())) {
    if (url === '') return 'must not contain blank items';
    const parsed = parseUrl(url);
    if (parsed === null) return `${url} is not an absolute URL`;
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${url} must use http or https`;
    if (url.includes('#')) return `${url} must not contain a fragment`;
    if (parsed.username !== '' || parsed.password !== '') return `${url} must not contain user information`;
    if (seen.has(url)) return `lists ${url} twice`;
    seen.add(url);
  }
  return null;
}

/** Seed 003's partial body: each field optional, but never null; the DTO's and the domain's rules, in the DTO's field order. */
function appChangesOf(body: Record<string, unknown>): unknown[] {
  const errors: string[] = [];
  for (const key of Object.keys(body)) if (!APP_FIELDS.has(key)) errors.push(`${key}: is not a known field`);
  const text = (field: string) => {
    const value = body[field];
    if (value !== undefined && typeof value !== 'string') errors.push(`${field}: must be a string`);
    else if (typeof value === 'string' && value.length > MAX_PORTAL_TEXT) errors.push(`${field}: must be shorter than or equal to ${MAX_PORTAL_TEXT} characters`);
    return typeof value === 'string';
  };
  if (text('Name') && !/\S/.test(body.Name as string)) errors.push('Name: must not be blank');
  text('Description');
  let redirectUrls: string | null = null;
  if (text('RedirectURLs')) {
    const raw = body.RedirectURLs as string;
    const problem = raw.length > MAX_LENGTH ? `must be at most ${MAX_LENGTH} characters` : redirectListProblem(raw);
    if (problem !== null) errors.push(`RedirectURLs: ${problem}`);
    else redirectUrls = raw.trim() === '' ? '' : raw.split(',').map((u) => u.trim()).join(',');
  }
  const id = body.UserID;
  if (id !== undefined && !(typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= INT4_MAX)) errors.push('UserID: must be a positive integer');
  if (text('Visibility') && !VISIBILITIES.includes(body.Visibility as string)) errors.push(`Visibility: must be one of ${VISIBILITIES.join(', ')}`);
  if (errors.length > 0) throw new Refusal(422, 'ValidationFailed', errors.join('; '), errors.map((message) => ({ field: '', message })));
  return [body.Name ?? null, body.Description ?? null, redirectUrls, id ?? null, body.Visibility ?? null];
}

// ---- the writes ----

/** The time bounds (pg's connectionTimeoutMillis, PostgreSQL's statement_timeout: 57014): the database did not answer in time. */
function timedOut(error: unknown): Refusal | null {
  const message = error instanceof Error ? error.message : '';
  return (error instanceof DatabaseError && error.code === '57014') || message.startsWith('timeout exceeded when trying to connect')
    ? new Refusal(503, 'ServiceUnavailable', 'The database is unavailable; retry later')
    : null;
}

function pgRefusal(error: unknown, userId: unknown): Refusal | null {
  if (!(error instanceof DatabaseError)) return null;
  if (error.code === '23503' && error.constraint === 'fk_integration_authentications_app_integration') {
    return new Refusal(404, 'AppIntegrationNotFound', 'The app integration does not exist');
  }
  if (error.code === '23505' && error.constraint === 'uq_integration_authentications_brand_code') {
    return new Refusal(409, 'AppIntegrationConflictSetting', 'Another authentication of this brand already uses this code');
  }
  if (error.code === '23503' && error.constraint === 'fk_portal_apps_user') return new Refusal(422, 'PortalUserNotFound', `User ${String(userId)} not found`);
  // The audited function's own refusals (the plain UPDATE matches no row instead).
  if (error.code === 'IH404') return new Refusal(404, 'AppIntegrationAuthenticationNotFound', 'The app integration authentication does not exist');
  if (error.code === 'IH412') return new Refusal(412, 'PreconditionFailed', 'The resource was changed since it was read');
  return null;
}

async function replace(params: unknown[], claimDefault: boolean): Promise<Row[]> {
  // The audited writes as named statements, as the service sends them: planned once per connection, so
  // against the service only the framework differs (unnamed, the portal's audited CTE is planned every time).
  if (AUDITED) return (await pool.query({ name: 'audited-replace', text: REPLACE_FUNCTION_SQL, values: params })).rows;
  if (!claimDefault) return (await pool.query(PLAIN_UPDATE_SQL, params)).rows;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(LOCK_DEFAULT_SQL, [params[1], params[3]]);
    await client.query(CLEAR_DEFAULT_SQL, [params[1], params[3], params[0], params[18]]);
    const { rows } = await client.query(PLAIN_UPDATE_SQL, params);
    await client.query(rows.length === 0 ? 'ROLLBACK' : 'COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function jfwPut(ctx: Koa.Context, id: string): Promise<void> {
  const { brandId, keyId } = await brandOf(ctx.get('Brand-URL'), ctx.get('Auth-Key'));
  const version = expectedVersion(ctx);
  const s = settingsOf(await readJsonObject(ctx, 400));
  const r = s.required;
  const o = s.optional;
  const params: unknown[] = [
    id, brandId, AUDITED ? versionList(version) : version, r.appIntegrationId, r.code, r.name, r.projectId, r.clientId, box.encrypt(r.clientSecret, secretContext(brandId, id)),
    r.redirectURI, r.scope, o.authEndpoint, o.tokenEndpoint, o.iconURL, o.tags, o.description, s.status, s.isDefault, new Date(),
  ];
  // The audited function takes If-Match as a list of versions, then the secret's digest and who changed what.
  if (AUDITED) params.push(box.digest(r.clientSecret), 'brand-key', keyId, ctx.state.correlationId);
  const rows = await replace(params, s.isDefault);
  if (rows.length === 0) {
    const exists = version !== null && (await pool.query(EXISTS_SQL, [id, brandId])).rows.length > 0;
    if (exists) throw new Refusal(412, 'PreconditionFailed', 'The resource was changed since it was read');
    throw new Refusal(404, 'AppIntegrationAuthenticationNotFound', 'The app integration authentication does not exist');
  }
  ctx.set('ETag', `"${rows[0].version}"`);
  envelope(ctx, 200, presentConfiguration(rows[0], r.clientSecret));
}

async function portalPut(ctx: Koa.Context, appId: number): Promise<void> {
  const adminId = await adminOf(ctx.get('Authorization'));
  if (adminId === null) throw new Refusal(401, 'Unauthorized', 'Unauthorized');
  const version = expectedVersion(ctx);
  const changes = appChangesOf(await readJsonObject(ctx, 422));
  ctx.state.userId = changes[3];
  const { rows } = AUDITED
    ? await pool.query({ name: 'audited-app-update', text: AUDITED_APP_UPDATE_SQL, values: [appId, versionList(version), ...changes, new Date(), 'portal-admin', adminId, ctx.state.correlationId] })
    : await pool.query(APP_UPDATE_SQL, [appId, version, ...changes, new Date()]);
  if (rows.length === 0) {
    const exists = version !== null && (await pool.query(APP_EXISTS_SQL, [appId])).rows.length > 0;
    if (exists) throw new Refusal(412, 'PreconditionFailed', 'If-Match does not match the current version');
    throw new Refusal(422, 'PortalAppNotFound', `App ${appId} not found`);
  }
  const { rows: requests } = await pool.query(ACCESS_REQUESTS_SQL, [[appId]]);
  ctx.set('ETag', `"${rows[0].version}"`);
  ctx.body = presentPortalApp(rows[0], requests, box);
}

// ---- the answers ----

function envelope(ctx: Koa.Context, status: number, data: unknown, errors: unknown[] = []): void {
  ctx.status = status;
  ctx.body = { success: status < 400, statusCode: status, message: MESSAGES[status] ?? MESSAGES[500], data, errors, correlationId: ctx.state.correlationId };
}

function refuse(ctx: Koa.Context, portal: boolean, refusal: Refusal): void {
  if (!portal) {
    const errors = refusal.errors.length > 0 ? refusal.errors.map((e) => ({ code: refusal.code, message: e.message, field: e.field })) : [{ code: refusal.code, message: refusal.message }];
    return envelope(ctx, refusal.status, null, errors);
  }
  ctx.status = refusal.status;
  const messages = refusal.errors.length > 0 ? refusal.errors.map((e) => e.message) : [refusal.message];
  ctx.body = refusal.status === 422 ? { errors: messages } : { status: 'error', errors: messages };
}

const app = new Koa();
app.silent = true;
app.use(async (ctx) => {
  const given = ctx.get('X-Correlation-ID');
  ctx.state.correlationId = CORRELATION_ID.test(given) ? given : randomUUID();
  ctx.set('X-Correlation-ID', ctx.state.correlationId);
  ctx.set(SECURITY_HEADERS);
  if (ctx.path === '/healthz') {
    ctx.body = { status: 'ok' };
    return;
  }
  const jfw = ctx.method === 'PUT' ? JFW_PATH.exec(ctx.path) : null;
  const portal = ctx.method === 'PUT' && jfw === null ? PORTAL_APP_PATH.exec(ctx.path) : null;
  try {
    const query = queryProblem(ctx.querystring);
    if (query !== null) throw new Refusal(portal !== null ? 422 : 400, 'ValidationFailed', query.message, [query]);
    if (jfw !== null) return await jfwPut(ctx, jfw[1]);
    if (portal !== null) return await portalPut(ctx, Number(portal[1]));
    throw new Refusal(404, 'NotFound', 'No resource at this path');
  } catch (error) {
    const refusal = error instanceof Refusal ? error : (pgRefusal(error, ctx.state.userId) ?? timedOut(error));
    if (refusal !== null) return refuse(ctx, portal !== null, refusal);
    process.stderr.write(`unhandled error: ${(error as Error).name} ${(error as { code?: string }).code ?? ''}\n`);
    return refuse(ctx, portal !== null, new Refusal(500, 'InternalError', 'The server failed to handle the request'));
  }
});

const server = app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;
server.keepAliveTimeout = 5_000;
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
