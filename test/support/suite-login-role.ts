import { Client } from 'pg';
import { testDatabase } from './test-database';

/**
 * A login role of one suite's own on the test server (roles are per cluster,
 * so each suite names its own): made once, not a superuser and without
 * BYPASSRLS, with a password, which the embedded PostgreSQL asks for (SCRAM)
 * and a trust server ignores. Answers how to reach `databaseUrl` as it.
 */
export async function suiteLoginRole(role: string, password: string): Promise<{ urlFor(databaseUrl: string): string }> {
  const admin = new Client({ connectionString: testDatabase().url });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
      END IF; END $$`);
    await admin.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  return {
    urlFor(databaseUrl: string): string {
      const url = new URL(databaseUrl);
      url.username = role;
      url.password = password;
      return url.toString();
    },
  };
}
