import { DataSource } from 'typeorm';

/**
 * Writes how long audit entries are kept (AUDIT_RETENTION_DAYS) into
 * audit_policy, as the schema's owner during the migration step: the
 * runtime role may only read it, so a compromised service cannot shorten
 * the trail; ih_purge_audit_entries() deletes only what is older.
 */
export async function writeAuditRetention(owner: DataSource, retentionDays: number): Promise<void> {
  // Read first: a service that starts as the runtime role (migrations run by the owner) may read the
  // policy but not UPDATE it, even an UPDATE that would change no row, so an unchanged value must not write.
  const [row]: { retention_days: number }[] = await owner.query('SELECT retention_days FROM audit_policy');
  if (row !== undefined && row.retention_days === retentionDays) return;
  try {
    await owner.query('UPDATE audit_policy SET retention_days = $1', [retentionDays]);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new Error(
      `AUDIT_RETENTION_DAYS is ${retentionDays} but the audit trail keeps ${row?.retention_days ?? 'an unknown number of'} days, and this role may not change it: `
      + 'run the migration step as the schema owner with the new value (npm run cli -- migrate), or set AUDIT_RETENTION_DAYS to the kept value',
    );
  }
}
