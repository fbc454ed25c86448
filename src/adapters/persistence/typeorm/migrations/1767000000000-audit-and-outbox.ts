import { MigrationInterface, QueryRunner } from 'typeorm';
import { REPLACE_BODY, SIGNATURE as REPLACE_SIGNATURE } from './1764200000000-if-match-lists';

/** The unaudited insert of JfwSchema1764000000000, which up() drops and down() restores. */
const UNAUDITED_INSERT = `
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
      END $$`;

/**
 * Audit trail, transactional outbox and webhook deliveries (docs/events-and-audit.md).
 *
 * Numbered after AuthChangeNotifications1766000000000 (it was drafted as
 * 1765… but never shipped under that name; TypeORM applies by name and
 * order, so it has to sort after every migration already applied).
 *
 * Needs graphile-worker's schema (graphile_worker.add_job) at run time, not
 * at creation: PL/pgSQL bodies are resolved when first called. The start-up
 * step installs graphile-worker before these migrations all the same
 * (bootstrap runMigrations), so no write can ever find the queue missing.
 *
 * Tables and why:
 * - audit_entries: append-only (the service's role gets SELECT and INSERT
 *   only; the trigger below also stops the owner's own UPDATE/DELETE/TRUNCATE
 *   unless ih_purge_audit_entries() is the caller). No foreign keys: an entry
 *   outlives the brand or resource it names.
 *   ix_audit_entries_brand / _portal: the brand's and the portal's lists,
 *   newest first; ix_audit_entries_resource: one resource's history;
 *   BRIN on `at`: the from/to filters and the retention purge, at almost no
 *   write cost (entries arrive in time order).
 * - outbox_events: one row per committed change that has an event type; its
 *   id is the `webhook-id`, its body the exact bytes signed and posted. The
 *   insert trigger queues the dispatch job in the same transaction when a
 *   subscription wants the event, and otherwise marks it dispatched.
 * - webhook_subscriptions: per brand (surface jfw) or for the portal; the
 *   secret is a SecretCipher ciphertext bound to `webhook-subscription:<id>`.
 * - webhook_deliveries: one per (event, matching subscription), made when the
 *   event is dispatched; the unique pair makes a repeated dispatch harmless.
 * - webhook_delivery_attempts: one per attempt; the primary key (delivery,
 *   attempt) records each attempt once even if a job runs twice.
 * - job_worker_pools: the queue runners alive now, so that the jobs of a
 *   killed one are released at once instead of after graphile-worker's 4 h.
 */
export class AuditAndOutbox1767000000000 implements MigrationInterface {
  name = 'AuditAndOutbox1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        surface varchar(8) NOT NULL CHECK (surface IN ('jfw', 'portal')),
        brand_id varchar(18),
        actor_kind varchar(16) NOT NULL CHECK (actor_kind IN ('brand-key', 'portal-admin', 'cli')),
        actor_id varchar(64),
        action varchar(16) NOT NULL CHECK (action IN
          ('created', 'updated', 'deleted', 'provisioned', 'approved', 'rejected', 'rotated', 'revoked', 'reencrypted')),
        resource_type varchar(48) NOT NULL,
        resource_id varchar(64) NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        correlation_id varchar(128)
      )`);
    await q.query(`CREATE INDEX ix_audit_entries_brand ON audit_entries (brand_id, id DESC) WHERE brand_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_audit_entries_portal ON audit_entries (id DESC) WHERE surface = 'portal'`);
    await q.query(`CREATE INDEX ix_audit_entries_resource ON audit_entries (resource_type, resource_id, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_entries_at ON audit_entries USING brin (at)`);

    // Retention is the owner's setting: the service's role can run the purge but not shorten what it keeps.
    await q.query(`
      CREATE TABLE audit_policy (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 36500)
      )`);
    await q.query(`INSERT INTO audit_policy (retention_days) VALUES (365)`);
    await q.query(`
      CREATE FUNCTION ih_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('ih.audit_purge', true) = 'on' AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'IH403';
      END $$`);
    await q.query(`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION ih_refuse_audit_change()`);
    await q.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ih_refuse_audit_change()`);
    await q.query(`
      CREATE FUNCTION ih_purge_audit_entries() RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE purged bigint;
      BEGIN
        PERFORM set_config('ih.audit_purge', 'on', true);
        DELETE FROM audit_entries
         WHERE at < now() - (SELECT retention_days FROM audit_policy) * interval '1 day';
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('ih.audit_purge', 'off', true);
        RETURN purged;
      END $$`);

    await q.query(`
      CREATE TABLE outbox_events (
        id varchar(36) PRIMARY KEY DEFAULT 'evt_' || replace(gen_random_uuid()::text, '-', ''),
        occurred_at timestamptz NOT NULL,
        surface varchar(8) NOT NULL CHECK (surface IN ('jfw', 'portal')),
        brand_id varchar(18),
        type varchar(64) NOT NULL,
        resource_type varchar(48) NOT NULL,
        resource_id varchar(64) NOT NULL,
        audit_entry_id bigint,
        body text NOT NULL,
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_outbox_events_undispatched ON outbox_events (occurred_at) WHERE dispatched_at IS NULL`);
    // A job costs the write an insert into the queue and a NOTIFY (measured: a clear share of a PUT's time),
    // so an event that no subscription wants is marked dispatched on the spot and queues nothing.
    // BEFORE INSERT: same transaction as the event, so the job exists exactly when the event does.
    await q.query(`
      CREATE FUNCTION ih_enqueue_event_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM webhook_subscriptions s
                    WHERE s.surface = NEW.surface AND s.brand_id IS NOT DISTINCT FROM NEW.brand_id
                      AND NEW.type = ANY (s.event_types) AND s.disabled_at IS NULL) THEN
          PERFORM graphile_worker.add_job('ih_dispatch_event', json_build_object('eventId', NEW.id), max_attempts := 25);
        ELSE
          NEW.dispatched_at := NEW.occurred_at;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_events_enqueue_dispatch BEFORE INSERT ON outbox_events
      FOR EACH ROW EXECUTE FUNCTION ih_enqueue_event_dispatch()`);

    // Field-level changes of one write, from the old and new resource as the surface names its fields.
    // Secret fields carry digests, compared here and never copied out: only { field, changed: true } leaves.
    await q.query(`
      CREATE FUNCTION ih_changes(p_old jsonb, p_new jsonb, p_fields text[], p_secret_fields text[] DEFAULT '{}')
      RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE
        result jsonb := '[]';
        field text;
        was jsonb;
        now_is jsonb;
      BEGIN
        FOREACH field IN ARRAY p_fields LOOP
          -- A missing field and a JSON null are the same "no value" (a creation has no old row at all).
          was := coalesce(p_old -> field, 'null');
          now_is := coalesce(p_new -> field, 'null');
          IF was <> now_is THEN
            result := result || jsonb_build_array(jsonb_build_object('field', field, 'from', was, 'to', now_is));
          END IF;
        END LOOP;
        FOREACH field IN ARRAY p_secret_fields LOOP
          was := coalesce(p_old -> field, 'null');
          now_is := coalesce(p_new -> field, 'null');
          -- An unknown digest on an update (a row older than digests) counts as changed.
          IF was <> now_is OR (p_old IS NOT NULL AND p_new IS NOT NULL AND now_is = 'null') THEN
            result := result || jsonb_build_array(jsonb_build_object('field', field, 'changed', true));
          END IF;
        END LOOP;
        RETURN result;
      END $$`);
    // The one call every write makes, inside its own statement: the audit entry, and the event when the change has a type.
    await q.query(`
      CREATE FUNCTION ih_record_change(
        p_at timestamptz, p_surface varchar, p_brand_id varchar, p_actor_kind varchar, p_actor_id varchar,
        p_action varchar, p_resource_type varchar, p_resource_id varchar, p_changes jsonb, p_correlation_id varchar,
        p_event_type varchar, p_event_data jsonb)
      RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE audit_id bigint;
      BEGIN
        INSERT INTO audit_entries (at, surface, brand_id, actor_kind, actor_id, action, resource_type, resource_id, changes, correlation_id)
        VALUES (p_at, p_surface, p_brand_id, p_actor_kind, p_actor_id, p_action, p_resource_type, p_resource_id, p_changes, p_correlation_id)
        RETURNING id INTO audit_id;
        IF p_event_type IS NOT NULL THEN
          INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, audit_entry_id, body)
          VALUES (p_at, p_surface, p_brand_id, p_event_type, p_resource_type, p_resource_id, audit_id,
            jsonb_build_object('type', p_event_type,
              'timestamp', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'data', p_event_data)::text);
        END IF;
        RETURN audit_id;
      END $$`);

    // A further event of the same write (approval: credential.issued; deleting a request: credential.revoked), sharing its entry.
    await q.query(`
      CREATE FUNCTION ih_record_event(
        p_at timestamptz, p_surface varchar, p_brand_id varchar, p_event_type varchar, p_resource_type varchar,
        p_resource_id varchar, p_audit_entry_id bigint, p_event_data jsonb)
      RETURNS varchar LANGUAGE sql AS $$
        INSERT INTO outbox_events (occurred_at, surface, brand_id, type, resource_type, resource_id, audit_entry_id, body)
        VALUES (p_at, p_surface, p_brand_id, p_event_type, p_resource_type, p_resource_id, p_audit_entry_id,
          jsonb_build_object('type', p_event_type,
            'timestamp', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'data', p_event_data)::text)
        RETURNING id
      $$`);

    // Seed 000's PUT, audited: the same single statement now also records the audit entry and the event.
    // The repository switches to it in the wiring phase (then the unaudited function goes).
    await q.query(`ALTER TABLE integration_authentications ADD COLUMN client_secret_digest bytea`);
    await q.query(`
      CREATE FUNCTION ih_integration_authentication_json(r integration_authentications) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      BEGIN
        -- The resource as the JFramework surface answers it, without clientSecret: an event's data.
        RETURN (SELECT jsonb_build_object(
          'appIntegration', jsonb_build_object('type', ai.type, 'name', ai.name, 'domain', ai.domain,
            'description', ai.description, 'logoURL', ai.logo_url, 'status', ai.status, 'id', ai.id),
          'isDefault', r.is_default, 'status', r.status, 'description', r.description, 'tags', r.tags,
          'iconURL', r.icon_url, 'tokenEndpoint', r.token_endpoint, 'id', r.id, 'authEndpoint', r.auth_endpoint,
          'redirectURI', r.redirect_uri, 'clientId', r.client_id, 'projectId', r.project_id, 'name', r.name,
          'code', r.code, 'scope', r.scope,
          'createdDate', to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'updatedDate', to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          FROM app_integrations ai WHERE ai.id = r.app_integration_id);
      END $$`);
    await q.query(`
      CREATE FUNCTION ih_integration_authentication_audited_fields(r integration_authentications)
      RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        -- Field names as the surface spells them; the secret only by its digest, which ih_changes never copies out.
        IF r.id IS NULL THEN
          RETURN NULL;
        END IF;
        RETURN jsonb_build_object(
          'appIntegrationId', r.app_integration_id, 'code', r.code, 'name', r.name, 'projectId', r.project_id,
          'clientId', r.client_id, 'redirectURI', r.redirect_uri, 'scope', r.scope, 'authEndpoint', r.auth_endpoint,
          'tokenEndpoint', r.token_endpoint, 'iconURL', r.icon_url, 'tags', r.tags, 'description', r.description,
          'status', r.status, 'isDefault', r.is_default, 'clientSecret', encode(r.client_secret_digest, 'base64'));
      END $$`);
    await q.query(`
      CREATE FUNCTION ih_integration_authentication_changes(o integration_authentications, n integration_authentications)
      RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN ih_changes(ih_integration_authentication_audited_fields(o), ih_integration_authentication_audited_fields(n),
          ARRAY['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'redirectURI', 'scope', 'authEndpoint',
                'tokenEndpoint', 'iconURL', 'tags', 'description', 'status', 'isDefault'],
          ARRAY['clientSecret']);
      END $$`);
    await q.query(`
      CREATE FUNCTION ih_replace_integration_authentication_audited(
        p_id varchar, p_brand_id varchar, p_expected_versions integer[], p_app_integration_id varchar,
        p_code varchar, p_name varchar, p_project_id varchar, p_client_id varchar, p_client_secret text,
        p_redirect_uri varchar, p_scope varchar, p_auth_endpoint varchar, p_token_endpoint varchar,
        p_icon_url varchar, p_tags varchar, p_description varchar, p_status varchar, p_is_default boolean,
        p_now timestamptz, p_client_secret_digest bytea, p_actor_kind varchar, p_actor_id varchar, p_correlation_id varchar)
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$
      DECLARE
        old_row integration_authentications;
        new_row integration_authentications;
      BEGIN
        IF p_is_default THEN
          PERFORM ih_claim_default(p_brand_id, p_app_integration_id, p_id, p_now);
        END IF;
        -- The old row, for the audit's "from" values; the lock is the one the UPDATE would take anyway.
        SELECT * INTO old_row FROM integration_authentications WHERE id = p_id AND brand_id = p_brand_id FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'not found' USING ERRCODE = 'IH404';
        END IF;
        -- If-Match may list several tags (RFC 9110 §13.1.1); raising undoes the default claimed above.
        IF p_expected_versions IS NOT NULL AND NOT old_row.version = ANY (p_expected_versions) THEN
          RAISE EXCEPTION 'version mismatch' USING ERRCODE = 'IH412';
        END IF;
        UPDATE integration_authentications SET
          app_integration_id = p_app_integration_id, code = p_code, name = p_name, project_id = p_project_id,
          client_id = p_client_id, client_secret = p_client_secret, client_secret_digest = p_client_secret_digest,
          redirect_uri = p_redirect_uri, scope = p_scope, auth_endpoint = p_auth_endpoint, token_endpoint = p_token_endpoint,
          icon_url = p_icon_url, tags = p_tags, description = p_description, status = p_status,
          is_default = p_is_default, version = version + 1, updated_at = p_now
        WHERE id = p_id AND brand_id = p_brand_id
        RETURNING * INTO new_row;
        PERFORM ih_record_change(p_now, 'jfw', p_brand_id, p_actor_kind, p_actor_id, 'updated', 'integration-authentication', p_id,
          ih_integration_authentication_changes(old_row, new_row), p_correlation_id,
          CASE WHEN new_row.is_default AND NOT old_row.is_default
               THEN 'integration-authentication.default-changed' ELSE 'integration-authentication.updated' END,
          ih_integration_authentication_json(new_row));
        RETURN NEXT new_row;
      END $$`);
    // POST, audited: the insert and its entry ("created", every field from null) and event in one statement.
    await q.query(`
      CREATE FUNCTION ih_insert_integration_authentication_audited(
        p_id varchar, p_brand_id varchar, p_app_integration_id varchar, p_code varchar, p_name varchar,
        p_project_id varchar, p_client_id varchar, p_client_secret text, p_redirect_uri varchar, p_scope varchar,
        p_auth_endpoint varchar, p_token_endpoint varchar, p_icon_url varchar, p_tags varchar,
        p_description varchar, p_status varchar, p_is_default boolean, p_now timestamptz,
        p_client_secret_digest bytea, p_actor_kind varchar, p_actor_id varchar, p_correlation_id varchar)
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$
      DECLARE new_row integration_authentications;
      BEGIN
        IF p_is_default THEN
          PERFORM ih_claim_default(p_brand_id, p_app_integration_id, p_id, p_now);
        END IF;
        INSERT INTO integration_authentications (
          id, brand_id, app_integration_id, code, name, project_id, client_id, client_secret, client_secret_digest,
          redirect_uri, scope, auth_endpoint, token_endpoint, icon_url, tags, description, status, is_default, version,
          created_at, updated_at)
        VALUES (p_id, p_brand_id, p_app_integration_id, p_code, p_name, p_project_id, p_client_id,
          p_client_secret, p_client_secret_digest, p_redirect_uri, p_scope, p_auth_endpoint, p_token_endpoint, p_icon_url, p_tags,
          p_description, p_status, p_is_default, 1, p_now, p_now)
        RETURNING * INTO new_row;
        PERFORM ih_record_change(p_now, 'jfw', p_brand_id, p_actor_kind, p_actor_id, 'created', 'integration-authentication', p_id,
          ih_integration_authentication_changes(NULL, new_row), p_correlation_id,
          'integration-authentication.created', ih_integration_authentication_json(new_row));
        RETURN NEXT new_row;
      END $$`);
    // Every write is audited now: the unaudited functions go, so no path can write without its entry.
    await q.query(`DROP FUNCTION ih_insert_integration_authentication`);
    await q.query(`DROP FUNCTION ih_replace_integration_authentication`);

    // Seed 003's PUT keeps its single write statement: the repository's CTE gains a step calling
    // ih_record_change with the app before and after (see docs/events-and-audit.md).
    await q.query(`
      CREATE FUNCTION ih_portal_app_json(a portal_apps) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      BEGIN
        -- The app as the portal answers it, without AccessRequests (their own events carry them, secrets removed).
        IF a.id IS NULL THEN
          RETURN NULL;
        END IF;
        RETURN jsonb_build_object(
          'Name', a.name, 'Description', a.description, 'RedirectURLs', a.redirect_urls, 'UserID', a.user_id,
          'Visibility', a.visibility, 'ID', a.id, 'CreatedAt', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'));
      END $$`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id varchar(18) PRIMARY KEY,
        surface varchar(8) NOT NULL CHECK (surface IN ('jfw', 'portal')),
        brand_id varchar(18) REFERENCES brands (id) ON DELETE CASCADE,
        url varchar(2048) NOT NULL,
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        description varchar(2048),
        secret text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        disabled_at timestamptz,
        CONSTRAINT ck_webhook_subscriptions_scope CHECK ((surface = 'jfw') = (brand_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_webhook_subscriptions_scope ON webhook_subscriptions (surface, brand_id)`);
    await q.query(`CREATE SEQUENCE webhook_subscriptions_portal_ids`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id varchar(36) NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
        subscription_id varchar(18) NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        status varchar(12) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts smallint NOT NULL DEFAULT 0,
        schedule_started_at timestamptz NOT NULL,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT uq_webhook_deliveries_event_subscription UNIQUE (event_id, subscription_id)
      )`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id DESC)`);
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt smallint NOT NULL CHECK (attempt > 0),
        at timestamptz NOT NULL,
        status_code smallint,
        error varchar(512),
        duration_ms integer NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);

    // Worker pools alive now, each holding a session advisory lock on lock_key (WorkerPoolLiveness).
    await q.query(`
      CREATE TABLE job_worker_pools (
        pool_id text PRIMARY KEY,
        lock_key bigint NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A pool whose lock can be taken has lost its session: it is dead. The try-locks are transaction-level,
    // so two sweepers never both release one pool, and they end with the call.
    await q.query(`
      CREATE FUNCTION ih_release_dead_worker_pools(p_self text) RETURNS text[] LANGUAGE plpgsql AS $$
      DECLARE dead text[];
      BEGIN
        SELECT coalesce(array_agg(pool_id), '{}') INTO dead FROM job_worker_pools
         WHERE pool_id IS DISTINCT FROM p_self AND pg_try_advisory_xact_lock(lock_key);
        IF cardinality(dead) > 0 THEN
          PERFORM graphile_worker.force_unlock_workers(dead);
          DELETE FROM job_worker_pools WHERE pool_id = ANY (dead);
        END IF;
        RETURN dead;
      END $$`);

    // One job per attempt, keyed by delivery: a manual retry replaces a waiting attempt instead of adding one.
    await q.query(`
      CREATE FUNCTION ih_schedule_webhook_attempt(p_delivery_id bigint, p_attempt integer, p_run_at timestamptz)
      RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM graphile_worker.add_job('ih_deliver_webhook',
          json_build_object('deliveryId', p_delivery_id, 'attempt', p_attempt),
          run_at := p_run_at, max_attempts := 5, job_key := 'webhook-delivery:' || p_delivery_id);
        RETURN true;
      END $$`);
    // Fan-out at dispatch time: one delivery per subscription that matches the event then, each with its first attempt queued.
    await q.query(`
      CREATE FUNCTION ih_dispatch_event(p_event_id varchar, p_now timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE queued integer;
      BEGIN
        WITH event AS (
          UPDATE outbox_events SET dispatched_at = p_now WHERE id = p_event_id AND dispatched_at IS NULL RETURNING *),
        made AS (
          INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, schedule_started_at, next_attempt_at, created_at, updated_at)
          SELECT e.id, s.id, 'pending', 0, p_now, p_now, p_now, p_now
            FROM event e JOIN webhook_subscriptions s
              ON s.surface = e.surface AND s.brand_id IS NOT DISTINCT FROM e.brand_id
             AND e.type = ANY (s.event_types) AND s.disabled_at IS NULL
          ON CONFLICT (event_id, subscription_id) DO NOTHING
          RETURNING id)
        SELECT count(*) FILTER (WHERE ih_schedule_webhook_attempt(made.id, 1, p_now)) INTO queued FROM made;
        RETURN queued;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ih_dispatch_event`);
    await q.query(`DROP FUNCTION ih_schedule_webhook_attempt`);
    await q.query(`DROP FUNCTION ih_release_dead_worker_pools`);
    await q.query(`DROP TABLE job_worker_pools`);
    await q.query(`DROP TABLE webhook_delivery_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP SEQUENCE webhook_subscriptions_portal_ids`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP FUNCTION ih_portal_app_json`);
    await q.query(UNAUDITED_INSERT);
    await q.query(`CREATE FUNCTION ${REPLACE_SIGNATURE('integer[]')}
      RETURNS SETOF integration_authentications LANGUAGE plpgsql AS $$${REPLACE_BODY('(p_expected_versions IS NULL OR version = ANY(p_expected_versions))')} $$`);
    await q.query(`DROP FUNCTION ih_insert_integration_authentication_audited`);
    await q.query(`DROP FUNCTION ih_replace_integration_authentication_audited`);
    await q.query(`DROP FUNCTION ih_integration_authentication_changes`);
    await q.query(`DROP FUNCTION ih_integration_authentication_audited_fields`);
    await q.query(`DROP FUNCTION ih_integration_authentication_json`);
    await q.query(`ALTER TABLE integration_authentications DROP COLUMN client_secret_digest`);
    await q.query(`DROP FUNCTION ih_record_event`);
    await q.query(`DROP FUNCTION ih_record_change`);
    await q.query(`DROP FUNCTION ih_changes`);
    await q.query(`DROP TABLE outbox_events`);
    await q.query(`DROP FUNCTION ih_enqueue_event_dispatch`);
    await q.query(`DROP FUNCTION ih_purge_audit_entries`);
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP FUNCTION ih_refuse_audit_change`);
    await q.query(`DROP TABLE audit_policy`);
  }
}
