import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Seed 003's PUT as one PL/pgSQL function, as seed 000's has been since the
 * first schema (docs/performance.md, "Seed 003 in one function").
 *
 * Before, one statement of data-modifying CTEs did the same work. Every part
 * of a statement reads the snapshot taken at its start, so that statement had
 * to lock with NOWAIT, compare the locked version with its snapshot's, and be
 * sent again in a transaction when another writer of the app came first; its
 * answer merged the credentials it changed (from RETURNING) with the rest read
 * from the tables. In a function each statement takes a fresh snapshot under
 * READ COMMITTED: after `FOR UPDATE` waits for another writer, the following
 * statements see what it committed, so the lock orders writers and the answer
 * is simply read from the tables after the writes — one round trip whatever
 * the contention, and PL/pgSQL keeps the plans of its statements for the
 * connection. The results are the same: the partial change (a NULL keeps the
 * column), every oauth2 credential of the app following the RedirectURLs and
 * its access request's version moving, the audit entry listing the changed
 * fields and the portal-app.updated event, then the app's access requests with
 * their credentials.
 *
 * Raises IH404 for a missing app and IH412 when If-Match lists none of its
 * versions (nothing written in either case); a UserID without a user stays
 * the foreign-key error fk_portal_apps_user.
 */
// The request columns are listed, not ar.*, as every reader of access requests lists them (portal.rows.ts).
const AUDITED_FIELDS: ReadonlyArray<[string, string]> = [
  ['Name', 'name'], ['Description', 'description'], ['RedirectURLs', 'redirect_urls'], ['UserID', 'user_id'], ['Visibility', 'visibility'],
];

const UPDATE_FUNCTION = `
  CREATE FUNCTION ih_update_portal_app_audited(
    p_id integer, p_expected_versions integer[], p_name varchar, p_description varchar, p_redirect_urls varchar,
    p_user_id integer, p_visibility varchar, p_now timestamptz, p_actor_kind varchar, p_actor_id varchar, p_correlation_id varchar)
  RETURNS TABLE (app portal_apps, requests json) LANGUAGE plpgsql ROWS 1 AS $$
  DECLARE old_row portal_apps;
  BEGIN
    SELECT * INTO old_row FROM portal_apps a WHERE a.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'not found' USING ERRCODE = 'IH404';
    END IF;
    IF p_expected_versions IS NOT NULL AND NOT old_row.version = ANY (p_expected_versions) THEN
      RAISE EXCEPTION 'version mismatch' USING ERRCODE = 'IH412';
    END IF;
    UPDATE portal_apps a SET name = coalesce(p_name, a.name), description = coalesce(p_description, a.description),
           redirect_urls = coalesce(p_redirect_urls, a.redirect_urls), user_id = coalesce(p_user_id, a.user_id),
           visibility = coalesce(p_visibility, a.visibility), version = a.version + 1, updated_at = p_now
     WHERE a.id = p_id RETURNING a.* INTO app;
    -- Every oauth2 credential of the app points at its RedirectURLs; the request whose credential changed moves its version.
    WITH followed AS (
      UPDATE portal_credentials c SET redirect_uri = app.redirect_urls, updated_at = p_now, version = c.version + 1
        FROM access_requests ar
       WHERE ar.app_id = p_id AND c.access_request_id = ar.id AND c.auth_type = 'oauth2'
         AND c.redirect_uri IS DISTINCT FROM app.redirect_urls
      RETURNING c.access_request_id)
    UPDATE access_requests ar SET version = ar.version + 1 WHERE ar.id IN (SELECT f.access_request_id FROM followed f);
    -- The changed fields compared column by column, in the order the surface lists them (as ih_changes did over JSON).
    PERFORM ih_record_change(p_now, 'portal', NULL, p_actor_kind, p_actor_id, 'updated', 'portal-app', p_id::text,
      (SELECT coalesce(jsonb_agg(c ORDER BY i), '[]') FROM unnest(ARRAY[
${AUDITED_FIELDS.map(([field, column]) => `        CASE WHEN old_row.${column} IS DISTINCT FROM app.${column}
             THEN jsonb_build_object('field', '${field}', 'from', old_row.${column}, 'to', app.${column}) END`).join(',\n')}
      ]) WITH ORDINALITY AS t(c, i) WHERE c IS NOT NULL),
      p_correlation_id, 'portal-app.updated', ih_portal_app_json(app));
    SELECT coalesce(json_agg(r ORDER BY r.id), '[]') INTO requests FROM (
      SELECT ar.id, ar.app_id, ar.user_id, ar.catalogue, ar.plan, ar.client, ar.status, ar.auth_type, ar.product_ids,
             ar.product_names, ar.dcr_enabled, ar.provision_immediately, ar.version, ar.created_at, ar.updated_at, ar.deleted_at, coalesce(
               (SELECT json_agg(c ORDER BY c.id) FROM portal_credentials c WHERE c.access_request_id = ar.id), '[]') AS credentials
        FROM access_requests ar WHERE ar.app_id = p_id) r;
    RETURN NEXT;
  END $$`;

export class PortalAppUpdateFunction1773000000000 implements MigrationInterface {
  name = 'PortalAppUpdateFunction1773000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(UPDATE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_update_portal_app_audited`);
  }
}
