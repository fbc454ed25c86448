/**
 * The statements the two baselines send (and pgbench replays). The bench
 * imports nothing of src/: the service's statements are copied here, so a
 * change in src/ shows as a difference in statements per request, not as a
 * silent change of the baselines.
 */

/** Columns of a configuration joined with its catalog entry (prefixed `ai_`), as the service reads them. */
export const VIEW_COLUMNS = `r.*, ai.type AS ai_type, ai.name AS ai_name, ai.domain AS ai_domain,
  ai.description AS ai_description, ai.logo_url AS ai_logo_url, ai.status AS ai_status`;

/** The auth lookup: the brand's active keys (id and hash) by normalised Brand-URL. */
export const AUTH_SQL = `SELECT b.id AS brand_id, k.id AS key_id, k.key_hash FROM brands b
         LEFT JOIN brand_api_keys k ON k.brand_id = b.id AND k.revoked_at IS NULL
        WHERE b.url = $1`;

/**
 * The service's write of seed 000's PUT: one statement calling the audited
 * PL/pgSQL function (advisory lock + clearing the previous default when
 * isDefault, the row read for the audit's "from" values, the UPDATE, the
 * audit entry and the outbox event), joined to the catalog. Parameters: id,
 * brand id, expected versions, the 15 settings (secret encrypted), now, the
 * secret's keyed digest, actor kind, actor id, correlation id.
 */
export const REPLACE_FUNCTION_SQL = `SELECT ${VIEW_COLUMNS} FROM ih_replace_integration_authentication_audited(
  $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) r JOIN app_integrations ai ON ai.id = r.app_integration_id`;

/**
 * The simplest correct write of seed 000's PUT: a plain UPDATE … RETURNING
 * joined to the catalog, same parameters as the function. The join sits
 * outside the UPDATE (a CTE), so an unknown appIntegrationId is still the
 * foreign-key error (→ 404) and not an UPDATE that matched nothing.
 */
export const PLAIN_UPDATE_SQL = `WITH r AS (
  UPDATE integration_authentications SET
    app_integration_id = $4, code = $5, name = $6, project_id = $7, client_id = $8, client_secret = $9,
    redirect_uri = $10, scope = $11, auth_endpoint = $12, token_endpoint = $13, icon_url = $14, tags = $15,
    description = $16, status = $17, is_default = $18, version = version + 1, updated_at = $19
  WHERE id = $1 AND brand_id = $2 AND ($3::integer IS NULL OR version = $3)
  RETURNING *)
SELECT ${VIEW_COLUMNS} FROM r JOIN app_integrations ai ON ai.id = r.app_integration_id`;

/**
 * Claiming the default needs the per-(brand, integration) lock before the
 * clearing UPDATE takes its snapshot: without it two concurrent claims both
 * miss each other's new default and the second fails on the partial unique
 * index. Same key as the service's ih_claim_default, so both interoperate.
 */
export const LOCK_DEFAULT_SQL = `SELECT pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 0))`;
export const CLEAR_DEFAULT_SQL = `UPDATE integration_authentications SET is_default = false, version = version + 1, updated_at = $4
  WHERE brand_id = $1 AND app_integration_id = $2 AND is_default AND id <> $3`;

/** Whether the configuration exists at all (only after a write matched nothing: 412 or 404). */
export const EXISTS_SQL = `SELECT 1 FROM integration_authentications WHERE id = $1 AND brand_id = $2`;

// Seed 003's PUT, the service's statements copied.
export const ADMIN_SQL = `SELECT * FROM portal_admins WHERE token_hash = $1`;
export const APP_UPDATE_SQL = `
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
export const ACCESS_REQUESTS_SQL = `
    SELECT ar.*, coalesce(
             (SELECT json_agg(c ORDER BY c.id) FROM portal_credentials c WHERE c.access_request_id = ar.id),
             '[]') AS credentials
      FROM access_requests ar WHERE ar.app_id = ANY($1::integer[]) ORDER BY ar.id`;
export const APP_EXISTS_SQL = `SELECT 1 FROM portal_apps WHERE id = $1`;

/** Seed 003's PUT as the service sends it now: the app row locked and read for the audit, the update, the credentials following, the audit entry and the event (parameters as APP_UPDATE_SQL, then actor kind, actor id, correlation id). */
export const AUDITED_APP_UPDATE_SQL = `
  WITH old AS (SELECT * FROM portal_apps WHERE id = $1 FOR UPDATE),
  updated AS (
    UPDATE portal_apps p SET name = coalesce($3, p.name), description = coalesce($4, p.description),
           redirect_urls = coalesce($5, p.redirect_urls), user_id = coalesce($6, p.user_id),
           visibility = coalesce($7, p.visibility), version = p.version + 1, updated_at = $8
      FROM old WHERE p.id = old.id AND ($2::integer[] IS NULL OR p.version = ANY($2)) RETURNING p.*),
  followed AS (
    UPDATE portal_credentials c SET redirect_uri = u.redirect_urls, updated_at = u.updated_at, version = c.version + 1
      FROM updated u JOIN access_requests ar ON ar.app_id = u.id
     WHERE c.access_request_id = ar.id AND c.auth_type = 'oauth2' AND c.redirect_uri IS DISTINCT FROM u.redirect_urls
    RETURNING c.access_request_id),
  moved AS (
    UPDATE access_requests SET version = version + 1
     WHERE id IN (SELECT access_request_id FROM followed)
    RETURNING id),
  recorded AS (
    SELECT ih_record_change($8, 'portal', NULL, $9, $10, 'updated', 'portal-app', u.id::text,
             ih_changes(ih_portal_app_json(o::portal_apps), ih_portal_app_json(u::portal_apps),
               ARRAY['Name', 'Description', 'RedirectURLs', 'UserID', 'Visibility']),
             $11, 'portal-app.updated', ih_portal_app_json(u::portal_apps)) AS audit_id
      FROM updated u CROSS JOIN old o)
  SELECT updated.* FROM updated CROSS JOIN recorded`;

/**
 * Seed 003's PUT as the service sends it now: one call of the audited
 * PL/pgSQL function (migration 1773000000000; parameters as
 * AUDITED_APP_UPDATE_SQL): the app locked and read for the audit, the
 * update, the credentials following, the audit entry and the event, then the
 * app's access requests with their credentials as they stand after the write
 * (`requests`, a JSON array) — the PUT in one statement.
 */
export const APP_UPDATE_FUNCTION_SQL = `SELECT (r.app).id, (r.app).name, (r.app).description, (r.app).redirect_urls, (r.app).user_id,
  (r.app).visibility, (r.app).version, (r.app).created_at, (r.app).updated_at, r.requests
  FROM ih_update_portal_app_audited($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) r`;
