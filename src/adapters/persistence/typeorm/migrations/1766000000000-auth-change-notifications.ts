import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUTH_CHANGE_CHANNEL } from '../auth-change-channel';

/**
 * Every change to what authenticates a request — a brand, its keys, a portal
 * admin — sends a NOTIFY from a trigger, so every running instance drops its
 * cached copy (ADR 4, amended by the several-instances ADR). A trigger
 * rather than a NOTIFY next to each write: it is in the same transaction as
 * the change by construction (PostgreSQL delivers it exactly when that
 * commits, and never if it rolls back), and no writer can forget it — the
 * server, the command line, an embedding host, an operator's own SQL.
 * Identical payloads in one transaction are delivered once (revoking five
 * keys of a brand sends one notification). Runs with the writer's rights;
 * pg_notify needs no grant.
 */
export class AuthChangeNotifications1766000000000 implements MigrationInterface {
  name = 'AuthChangeNotifications1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ih_notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'brands' THEN
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('brand', OLD.url)::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('brand', NEW.url)::text); END IF;
        ELSIF TG_TABLE_NAME = 'brand_api_keys' THEN
          IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('brand', b.url)::text) FROM brands b WHERE b.id = OLD.brand_id;
          END IF;
          IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('brand', b.url)::text) FROM brands b WHERE b.id = NEW.brand_id;
          END IF;
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('portalAdmin', OLD.id)::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${AUTH_CHANGE_CHANNEL}', json_build_object('portalAdmin', NEW.id)::text); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['brands', 'brand_api_keys', 'portal_admins']) {
      await q.query(`CREATE TRIGGER ${table}_auth_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
                     FOR EACH ROW EXECUTE FUNCTION ih_notify_auth_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['brands', 'brand_api_keys', 'portal_admins']) await q.query(`DROP TRIGGER ${table}_auth_change ON ${table}`);
    await q.query(`DROP FUNCTION ih_notify_auth_change()`);
  }
}
