import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The JFramework surface: catalog, brands with key hashes, and brand
 * configurations.
 *
 * Indexes and why:
 * - uq_integration_authentications_brand_code: `code` is unique per brand (409).
 * - uq_integration_authentications_default: partial unique index, at most one
 *   default per (brand, integration), the guarantee under concurrency.
 * - ix_integration_authentications_brand_list (brand_id, created_at, id): the
 *   list's scan order, so a page never sorts the brand's whole set.
 * - ix_integration_authentications_brand_app: filter by integration, and the
 *   lookup of the default for the test-URL route.
 * - ix_app_integrations_list (name, id) and ix_app_integrations_type: catalog pages.
 * - trigram GIN indexes: case-insensitive `keywords` (ILIKE '%…%') without a scan.
 * - brand_api_keys (brand_id) WHERE revoked_at IS NULL: the auth lookup.
 *
 * Writes that must clear a previous default go through SQL functions, so one
 * round trip takes the per-(brand, integration) advisory lock, clears the old
 * default and writes the row, inside the statement's own transaction.
 */
export class JfwSchema1764000000000 implements MigrationInterface {
  name = 'JfwSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE app_integrations (
        id varchar(18) PRIMARY KEY,
        type varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        domain varchar(2048) NOT NULL,
        description text,
        logo_url varchar(2048),
        status varchar(16) NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_app_integrations_list ON app_integrations (name, id)`);
    await q.query(`CREATE INDEX ix_app_integrations_type ON app_integrations (type, name, id)`);
    await q.query(`CREATE INDEX ix_app_integrations_keywords ON app_integrations
      USING gin ((lower(name || ' ' || coalesce(description, '') || ' ' || domain)) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE brands (
        id varchar(18) PRIMARY KEY,
        url varchar(255) NOT NULL,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_brands_url UNIQUE (url)
      )`);
    await q.query(`
      CREATE TABLE brand_api_keys (
        id varchar(18) PRIMARY KEY,
        brand_id varchar(18) NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        key_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT uq_brand_api_keys_hash UNIQUE (key_hash)
      )`);
    await q.query(`CREATE INDEX ix_brand_api_keys_active ON brand_api_keys (brand_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE integration_authentications (
        id varchar(18) PRIMARY KEY,
        brand_id varchar(18) NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
        app_integration_id varchar(18) NOT NULL
          CONSTRAINT fk_integration_authentications_app_integration REFERENCES app_integrations (id),
        code varchar(2048) NOT NULL,
        name varchar(2048) NOT NULL,
        project_id varchar(2048) NOT NULL,
        client_id varchar(2048) NOT NULL,
        client_secret text NOT NULL,
        redirect_uri varchar(2048) NOT NULL,
        scope varchar(2048) NOT NULL,
        auth_endpoint varchar(2048),
        token_endpoint varchar(2048),
        icon_url varchar(2048),
        tags varchar(2048),
        description varchar(2048),
        status varchar(16) NOT NULL CHECK (status IN ('Active', 'Inactive')),
        is_default boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT uq_integration_authentications_brand_code UNIQUE (brand_id, code)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_integration_authentications_default
      ON integration_authentications (brand_id, app_integration_id) WHERE is_default`);
    await q.query(`CREATE INDEX ix_integration_authentications_brand_list
      ON integration_authentications (brand_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_integration_authentications_brand_app
      ON integration_authentications (brand_id, app_integration_id, is_default)`);
    await q.query(`CREATE INDEX ix_integration_authentications_keywords ON integration_authentications
      USING gin ((lower(code || ' ' || name || ' ' || coalesce(description, '') || ' ' || coalesce(tags, ''))) gin_trgm_ops)`);

    await q.query(`
      CREATE FUNCTION ih_claim_default(p_brand_id varchar, p_app_integration_id varchar, p_id varchar, p_now timestamptz)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Serialises default changes of one (brand, integration); each later
        -- statement of the caller takes a fresh snapshot and sees the winner.
        PERFORM pg_advisory_xact_lock(hashtextextended(p_brand_id || '/' || p_app_integration_id, 0));
        UPDATE integration_authentications
           SET is_default = false, version = version + 1, updated_at = p_now
         WHERE brand_id = p_brand_id AND app_integration_id = p_app_integration_id
           AND is_default AND id <> p_id;
      END $$`);
    await q.query(`
      CREATE FUNCTION ih_insert_integration_authentication(
        p_id varchar, p_brand_id varchar, p_app_integration_id varchar, p_code varchar, p_name varchar,
        p_project_id varchar, p_client_id varchar, p_client_secret text, p_redirect_uri varchar, p_scope varchar,
        p_auth_endpoint varchar, p_token_endpoint varchar, p_icon_url varchar, p_tags varchar,
        p_description varchar, p_status varchar, p_is_default boolean, p_now timestamptz)
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$
      BEGIN
        IF p_is_default THEN
          PERFORM ih_claim_default(p_brand_id, p_app_integration_id, p_id, p_now);
        END IF;
        RETURN QUERY INSERT INTO integration_authentications (
          id, brand_id, app_integration_id, code, name, project_id, client_id, client_secret, redirect_uri,
          scope, auth_endpoint, token_endpoint, icon_url, tags, description, status, is_default, version,
          created_at, updated_at)
        VALUES (p_id, p_brand_id, p_app_integration_id, p_code, p_name, p_project_id, p_client_id,
          p_client_secret, p_redirect_uri, p_scope, p_auth_endpoint, p_token_endpoint, p_icon_url, p_tags,
          p_description, p_status, p_is_default, 1, p_now, p_now)
        RETURNING *;
      END $$`);
    await q.query(`
      CREATE FUNCTION ih_replace_integration_authentication(
        p_id varchar, p_brand_id varchar, p_expected_version integer, p_app_integration_id varchar,
        p_code varchar, p_name varchar, p_project_id varchar, p_client_id varchar, p_client_secret text,
        p_redirect_uri varchar, p_scope varchar, p_auth_endpoint varchar, p_token_endpoint varchar,
        p_icon_url varchar, p_tags varchar, p_description varchar, p_status varchar, p_is_default boolean,
        p_now timestamptz)
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$
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
          AND (p_expected_version IS NULL OR version = p_expected_version)
        RETURNING *;
        IF NOT FOUND THEN
          -- Raising undoes the default claimed above: nothing of a failed write stays.
          IF EXISTS (SELECT 1 FROM integration_authentications WHERE id = p_id AND brand_id = p_brand_id) THEN
            RAISE EXCEPTION 'version mismatch' USING ERRCODE = 'IH412';
          END IF;
          RAISE EXCEPTION 'not found' USING ERRCODE = 'IH404';
        END IF;
      END $$`);

    await q.query(`
      INSERT INTO app_integrations (id, type, name, domain, description, logo_url, status) VALUES
        ('GoogleSignIn000001', 'Authenticate', 'Google', 'https://accounts.google.com', 'Sign in with Google (OAuth 2.0 / OpenID Connect)', NULL, 'Active'),
        ('MicrosoftSignIn001', 'Authenticate', 'Microsoft', 'https://login.microsoftonline.com', 'Sign in with a Microsoft account (Entra ID)', NULL, 'Active'),
        ('GitHubSignIn000001', 'Authenticate', 'GitHub', 'https://github.com', 'Sign in with GitHub (OAuth apps)', NULL, 'Active'),
        ('FacebookSignIn0001', 'Authenticate', 'Facebook', 'https://www.facebook.com', 'Facebook Login', NULL, 'Active'),
        ('AppleSignIn0000001', 'Authenticate', 'Apple', 'https://appleid.apple.com', 'Sign in with Apple', NULL, 'Active')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_replace_integration_authentication`);
    await q.query(`DROP FUNCTION ih_insert_integration_authentication`);
    await q.query(`DROP FUNCTION ih_claim_default`);
    await q.query(`DROP TABLE integration_authentications`);
    await q.query(`DROP TABLE brand_api_keys`);
    await q.query(`DROP TABLE brands`);
    await q.query(`DROP TABLE app_integrations`);
  }
}
