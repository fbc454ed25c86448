import { withClient } from './postgres';

/** The seed 000 PUT's write function, and the one call in it that records the audit entry and the event. */
const WRITE_FUNCTION = 'ih_replace_integration_authentication_audited';
const AUDIT_CALL = /^\s*PERFORM ih_record_change\([\s\S]*?\);\n/m;

/**
 * The shipped write function with its `ih_record_change(…)` call left out:
 * the same old-row lock and read, the same UPDATE and answer, no audit entry,
 * no event, and none of their content computed. Derived from the function
 * in the database, not a copy of it, so it follows every migration; a
 * function that no longer has the call stops the bench instead of
 * measuring something else.
 */
export function withoutAuditCall(definition: string): string {
  if (!AUDIT_CALL.test(definition)) throw new Error(`${WRITE_FUNCTION} has no "PERFORM ih_record_change(…);" line left to remove: update bench/lib/unaudited-write.ts`);
  return definition.replace(AUDIT_CALL, '');
}

/**
 * Runs `work` while the bench database's seed 000 write skips the audit
 * (target serviceUnaudited: the service's own build, so the service against
 * it is what audit + outbox cost the service). Only ever on the bench's own
 * embedded database: the caller checks. The shipped definition is put back
 * afterwards, also when `work` fails; a fresh bench database starts from the
 * migrations anyway.
 */
export async function withUnauditedWrite<T>(url: string, work: () => Promise<T>): Promise<T> {
  const shipped = await withClient(url, async (c) => {
    const definition = (await c.query(`SELECT pg_get_functiondef($1::regproc) AS d`, [WRITE_FUNCTION])).rows[0].d as string;
    await c.query(withoutAuditCall(definition));
    return definition;
  });
  try {
    return await work();
  } finally {
    await withClient(url, (c) => c.query(shipped));
  }
}
