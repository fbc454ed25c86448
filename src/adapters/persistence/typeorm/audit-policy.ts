import { DataSource } from 'typeorm';

/**
 * Writes how long audit entries are kept (AUDIT_RETENTION_DAYS) into
 * audit_policy, as the schema's owner during the migration step: the
 * runtime role may only read it, so a compromised service cannot shorten
 * the trail; ih_purge_audit_entries() deletes only what is older.
 */
export async function writeAuditRetention(owner: DataSource, retentionDays: number): Promise<void> {
  await owner.query('UPDATE audit_policy SET retention_days = $1 WHERE retention_days IS DISTINCT FROM $1', [retentionDays]);
}
