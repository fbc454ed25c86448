import { randomUUID } from 'node:crypto';
import { AuditFilter, AuditTrail } from '../../../application/ports/audit-trail';
import { Page, PageSlice } from '../../../application/ports/page';
import { AuditAction, AuditEntry, AuditSurface, FieldChange, OutboxEvent } from '../../../domain/audit/audit-entry';
import { ChangeContext } from '../../../domain/audit/change-context';

/** What an in-memory write records: the same facts ih_record_change takes. */
export interface InMemoryChange {
  readonly at: Date;
  readonly surface: AuditSurface;
  readonly brandId: string | null;
  readonly action: AuditAction;
  readonly resource: { readonly type: string; readonly id: string };
  readonly changes: readonly FieldChange[];
  /** Event types and data, in order; the first is the write's own event. Empty: no event. */
  readonly events?: readonly { readonly type: string; readonly data: unknown; readonly resource?: { type: string; id: string } }[];
}

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

  record(change: ChangeContext, recorded: InMemoryChange): AuditEntry {
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
        id: `evt_${randomUUID().replace(/-/g, '')}`,
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
  return { items: newestFirst.slice(page.offset, page.offset + page.limit), total: newestFirst.length };
}

/**
 * Field-level changes between two plain views, as ih_changes computes them:
 * fields in the order given, a missing field equal to null, and secret
 * fields only as `{ field, changed: true }` (compared by value here: the
 * in-memory stores hold plaintext, the SQL side compares digests).
 */
export function fieldChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  fields: readonly string[],
  secretFields: readonly string[] = [],
): FieldChange[] {
  const value = (row: Readonly<Record<string, unknown>> | null, field: string) => row?.[field] ?? null;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = value(before, field);
    const to = value(after, field);
    if (!same(from, to)) changes.push({ field, from, to });
  }
  for (const field of secretFields) {
    if (!same(value(before, field), value(after, field))) changes.push({ field, changed: true });
  }
  return changes;
}
