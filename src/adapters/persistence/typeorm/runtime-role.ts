import { DataSource } from 'typeorm';

/**
 * What the service's runtime role needs on the schema the migrations built,
 * and no more: read and write the rows of its tables, draw ids from their
 * sequences, run the write functions (EXECUTE is granted to PUBLIC by
 * default), and only read the migrations table (readiness checks it; only
 * the owner applies migrations). The same statements are in
 * docs/database-role.md for a database you run yourself.
 */
export function runtimeRoleGrants(quotedRole: string): string[] {
  return [
    `GRANT USAGE ON SCHEMA public TO ${quotedRole}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quotedRole}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${quotedRole}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quotedRole}`,
  ];
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
