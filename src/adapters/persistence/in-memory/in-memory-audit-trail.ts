import { AuditFilter, AuditTrail } from '../../../application/ports/audit-trail';
import { Page, PageSlice } from '../../../application/ports/page';
import { AuditEntry, AuditSurface, OutboxEvent } from '../../../domain/audit/audit-entry';
import { RecordedChange } from '../../../domain/audit/recorded-change';
import { ChangeContext } from '../../../domain/audit/change-context';
import { newEventId } from './event-id';
import { pageOf } from '../../../application/shared/paged-items';

/** ISO 8601 UTC with milliseconds, as the SQL side writes `timestamp`. */
const iso = (at: Date) => at.toISOString();

/**
 * The in-memory audit trail and outbox, shared by the in-memory stores
 * (as the tables are by the PostgreSQL ones): each store calls `record`
 * after its change is made and before it answers, and records nothing when
 * the change fails (the stores check everything before changing anything).
 */
export class InMemoryAuditTrail implements AuditTrail {
  private readonly entryList: AuditEntry[] = [];
  private readonly eventList: OutboxEvent[] = [];

  record(change: ChangeContext, recorded: RecordedChange): AuditEntry {
    const entry: AuditEntry = {
      id: String(this.entryList.length + 1),
      at: recorded.at,
      surface: recorded.surface,
      brandId: recorded.brandId,
      actor: change.actor,
      action: recorded.action,
      resource: recorded.resource,
      changes: recorded.changes,
      correlationId: change.correlationId,
    };
    this.entryList.push(entry);
    for (const event of recorded.events ?? []) {
      this.eventList.push({
        id: newEventId(),
        type: event.type,
        occurredAt: recorded.at,
        surface: recorded.surface,
        brandId: recorded.brandId,
        resource: event.resource ?? recorded.resource,
        auditEntryId: entry.id,
        body: JSON.stringify({ type: event.type, timestamp: iso(recorded.at), data: event.data }),
      });
    }
    return entry;
  }

  async entries(filter: AuditFilter, page: PageSlice): Promise<Page<AuditEntry>> {
    return slice(this.entryList.filter((e) => matches(filter, e, e.at)), page);
  }

  async events(filter: AuditFilter, page: PageSlice): Promise<Page<OutboxEvent>> {
    return slice(this.eventList.filter((e) => matches(filter, e, e.occurredAt)), page);
  }
}

function matches(filter: AuditFilter, row: { surface: AuditSurface; brandId: string | null; resource: { type: string; id: string } }, at: Date): boolean {
  return (filter.surface === undefined || row.surface === filter.surface)
    && (filter.brandId === undefined || row.brandId === filter.brandId)
    && (filter.resourceType === undefined || row.resource.type === filter.resourceType)
    && (filter.resourceId === undefined || row.resource.id === filter.resourceId)
    && (filter.from === undefined || at >= filter.from)
    && (filter.to === undefined || at <= filter.to);
}

/** Newest first, as the SQL side orders by id DESC. */
function slice<T>(rows: T[], page: PageSlice): Page<T> {
  const newestFirst = [...rows].reverse();
  return pageOf(newestFirst, page);
}

