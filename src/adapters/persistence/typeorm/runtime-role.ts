import { DataSource } from 'typeorm';

/**
 * What the service's runtime role needs on the schema the migrations built,
 * and no more: read and write the rows of its tables, draw ids from their
 * sequences, run the write functions (EXECUTE is granted to PUBLIC by
 * default), and only read the migrations table (readiness checks it; only
 * the owner applies migrations). Audit entries are append-only for it
 * (SELECT, INSERT: it records changes and reads them, never rewrites one),
 * and it only reads audit_policy (retention is the owner's setting; the
 * purge runs as the owner through its SECURITY DEFINER function).
 * graphile-worker's schema: its writes queue jobs (add_job) and its server
 * runs them, so the rows of that schema's tables, but only reading its
 * migrations (the owner installs the queue before our migrations). The same
 * statements are in docs/database-role.md for a database you run yourself.
 */
export function runtimeRoleGrants(quotedRole: string): string[] {
  return [
    `GRANT USAGE ON SCHEMA public TO ${quotedRole}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quotedRole}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${quotedRole}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM ${quotedRole}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_policy FROM ${quotedRole}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quotedRole}`,
    `GRANT USAGE ON SCHEMA graphile_worker TO ${quotedRole}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${quotedRole}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON graphile_worker.migrations FROM ${quotedRole}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${quotedRole}`,
    jobQueueRowPolicies(quotedRole),
  ];
}

/**
 * graphile-worker turns row-level security on for its tables with no
 * policy, so only their owner sees a row: a role that only has grants gets
 * "new row violates row-level security policy" from add_job. One policy per
 * table lets the runtime role see and write every row (what the grants
 * already say); dropped and made again so the statement is idempotent and
 * also covers tables a newer graphile-worker adds.
 */
function jobQueueRowPolicies(quotedRole: string): string {
  const policy = `"ih_rows_${quotedRole.slice(1, -1)}"`.replace(/'/g, "''");
  const role = quotedRole.replace(/'/g, "''");
  return `DO $$
    DECLARE t regclass;
    BEGIN
      FOR t IN SELECT c.oid::regclass FROM pg_class c
                WHERE c.relnamespace = 'graphile_worker'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity LOOP
        EXECUTE format('DROP POLICY IF EXISTS %s ON %s', '${policy}', t);
        EXECUTE format('CREATE POLICY %s ON %s TO %s USING (true) WITH CHECK (true)', '${policy}', t, '${role}');
      END LOOP;
    END $$`;
}

/** Applies runtimeRoleGrants as the schema's owner; idempotent, so it runs after every migration run. */
export async function grantRuntimeRole(owner: DataSource, role: string): Promise<void> {
  const quoted = `"${role.replace(/"/g, '""')}"`;
  await owner.transaction(async (manager) => {
    for (const statement of runtimeRoleGrants(quoted)) await manager.query(statement);
  });
}

/** True when the DataSource's login is a PostgreSQL superuser (it bypasses every grant and row rule). */
export async function connectsAsSuperuser(dataSource: DataSource): Promise<boolean> {
  const rows: { rolsuper: boolean }[] = await dataSource.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  return rows[0]?.rolsuper === true;
}
