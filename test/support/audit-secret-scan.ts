import { expect } from 'chai';
import { suiteSecrets } from './suite-secrets';
import { testDatabase } from './test-database';

/**
 * Every audit entry's changes, every outbox event's body and every delivery
 * attempt's error in the suite's database, against every secret the suite
 * created or was shown (docs/events-and-audit.md, "Secrets in audit entries
 * and events"). Answers how much it scanned, for the suite's output.
 */
export async function scanAuditForSecrets(): Promise<{ secrets: number; rows: number; leaks: string[] }> {
  const secrets = suiteSecrets();
  const rows: { source: string; text: string }[] = await testDatabase().dataSource.query(`
    SELECT 'audit_entries ' || id AS source, changes::text AS text FROM audit_entries
    UNION ALL SELECT 'outbox_events ' || id, body FROM outbox_events
    UNION ALL SELECT 'webhook_delivery_attempts ' || delivery_id || '/' || attempt, coalesce(error, '') FROM webhook_delivery_attempts`);
  const leaks = rows.flatMap((row) => secrets.filter((secret) => row.text.includes(secret)).map((secret) => `${row.source}: ${secret.slice(0, 6)}…`));
  return { secrets: secrets.length, rows: rows.length, leaks };
}

export async function expectNoSecretInAudit(minimumRows: number): Promise<void> {
  const { secrets, rows, leaks } = await scanAuditForSecrets();
  console.log(`      ${secrets} secrets × ${rows} audit entries, events and attempts: ${leaks.length} leaks`);
  expect(rows).to.be.greaterThan(minimumRows);
  expect(leaks).to.deep.equal([]);
}
