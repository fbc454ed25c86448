import { DataSource } from 'typeorm';
import { PurgedRecords, RetentionStore } from '../../../application/ports/retention.store';

/** How long outbox events and their deliveries stay after the last delivery became final (docs/events-and-audit.md). */
export const EVENT_RETENTION_DAYS = 30;

/*
 * An event goes when it was dispatched more than 30 days ago and none of its
 * deliveries is pending or became final within those 30 days; its deliveries
 * and attempts follow (ON DELETE CASCADE). Its audit entry stays: the audit
 * trail has its own retention, applied by ih_purge_audit_entries() (SECURITY
 * DEFINER: the runtime role may run it, not shorten it).
 */
const PURGE_EVENTS_SQL = `
  WITH gone AS (
    DELETE FROM outbox_events e
     WHERE e.dispatched_at < $1::timestamptz - $2 * interval '1 day'
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                        WHERE d.event_id = e.id AND (d.status = 'pending' OR d.updated_at >= $1::timestamptz - $2 * interval '1 day'))
    RETURNING 1)
  SELECT count(*)::int AS n FROM gone`;

export class TypeOrmRetentionStore implements RetentionStore {
  constructor(private readonly dataSource: DataSource) {}

  async purge(at: Date): Promise<PurgedRecords> {
    const audit: { n: string }[] = await this.dataSource.query(`SELECT ih_purge_audit_entries() AS n`);
    const events: { n: number }[] = await this.dataSource.query(PURGE_EVENTS_SQL, [at, EVENT_RETENTION_DAYS]);
    return { auditEntries: Number(audit[0].n), events: events[0].n };
  }
}
