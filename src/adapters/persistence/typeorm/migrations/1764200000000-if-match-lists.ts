import { MigrationInterface, QueryRunner } from 'typeorm';

/** Also used by AuditAndOutbox's down(), which restores this function. */
export const REPLACE_BODY = (guard: string) => `
      BEGIN
        IF p_is_default THEN
          PERFORM ih_claim_default(p_brand_id, p_app_integration_id, p_id, p_now);
        END IF;
        RETURN QUERY UPDATE integration_authentications SET
          app_integration_id = p_app_integration_id, code = p_code, name = p_name, project_id = p_project_id,
          client_id = p_client_id, client_secret = p_client_secret, redirect_uri = p_redirect_uri,
          scope = p_scope, auth_endpoint = p_auth_endpoint, token_endpoint = p_token_endpoint,
          icon_url = p_icon_url, tags = p_tags, description = p_description, status = p_status,
          is_default = p_is_default, version = version + 1, updated_at = p_now
        WHERE id = p_id AND brand_id = p_brand_id
          AND ${guard}
        RETURNING *;
        IF NOT FOUND THEN
          -- Raising undoes the default claimed above: nothing of a failed write stays.
          IF EXISTS (SELECT 1 FROM integration_authentications WHERE id = p_id AND brand_id = p_brand_id) THEN
            RAISE EXCEPTION 'version mismatch' USING ERRCODE = 'IH412';
          END IF;
          RAISE EXCEPTION 'not found' USING ERRCODE = 'IH404';
        END IF;
      END`;

export const SIGNATURE = (versionType: string) => `ih_replace_integration_authentication(
        p_id varchar, p_brand_id varchar, p_expected_versions ${versionType}, p_app_integration_id varchar,
        p_code varchar, p_name varchar, p_project_id varchar, p_client_id varchar, p_client_secret text,
        p_redirect_uri varchar, p_scope varchar, p_auth_endpoint varchar, p_token_endpoint varchar,
        p_icon_url varchar, p_tags varchar, p_description varchar, p_status varchar, p_is_default boolean,
        p_now timestamptz)`;

/**
 * If-Match may list several tags (RFC 9110 §13.1.1: the write applies when
 * any of them is current), so the replace function takes the allowed
 * versions as an array; NULL still means an unconditional write.
 */
export class IfMatchLists1764200000000 implements MigrationInterface {
  name = 'IfMatchLists1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_replace_integration_authentication(varchar, varchar, integer, varchar, varchar, varchar,
      varchar, varchar, text, varchar, varchar, varchar, varchar, varchar, varchar, varchar, varchar, boolean, timestamptz)`);
    await q.query(`CREATE FUNCTION ${SIGNATURE('integer[]')}
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$${REPLACE_BODY(
        '(p_expected_versions IS NULL OR version = ANY(p_expected_versions))',
      )} $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_replace_integration_authentication(varchar, varchar, integer[], varchar, varchar, varchar,
      varchar, varchar, text, varchar, varchar, varchar, varchar, varchar, varchar, varchar, varchar, boolean, timestamptz)`);
    await q.query(`CREATE FUNCTION ${SIGNATURE('integer')}
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$${REPLACE_BODY(
        '(p_expected_versions IS NULL OR version = p_expected_versions)',
      )} $$`);
  }
}
