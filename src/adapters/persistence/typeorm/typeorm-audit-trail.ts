import { DataSource } from 'typeorm';
import { AuditFilter, AuditTrail } from '../../../application/ports/audit-trail';
import { Page, PageSlice } from '../../../application/ports/page';
import { AuditAction, AuditEntry, AuditSurface, FieldChange, OutboxEvent } from '../../../domain/audit/audit-entry';
import { ActorKind } from '../../../domain/audit/change-context';
import { totalBehind, totalItems } from './paging-sql';

interface EntryRow {
  id: string;
  at: Date;
  surface: AuditSurface;
  brand_id: string | null;
  actor_kind: ActorKind;
  actor_id: string | null;
  action: AuditAction;
  resource_type: string;
  resource_id: string;
  changes: FieldChange[];
  correlation_id: string | null;
  total_items?: string;
}

interface EventRow {
  id: string;
  occurred_at: Date;
  surface: AuditSurface;
  brand_id: string | null;
  type: string;
  resource_type: string;
  resource_id: string;
  audit_entry_id: string;
  body: string;
  total_items?: string;
}

/** jsonb keeps object keys sorted by length: back to the contract's `{ field, from, to }` / `{ field, changed }`. */
function inFieldOrder(c: FieldChange): FieldChange {
  return 'changed' in c ? { field: c.field, changed: true } : { field: c.field, from: c.from, to: c.to };
}

/** WHERE clause and parameters of a filter; `at` names the table's time column. */
function where(filter: AuditFilter, at: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms: string[] = [];
  const add = (term: string, value: unknown) => {
    params.push(value);
    terms.push(term.replace('?', `$${params.length}`));
  };
  if (filter.surface !== undefined) add('surface = ?', filter.surface);
  if (filter.brandId !== undefined) add('brand_id = ?', filter.brandId);
  if (filter.resourceType !== undefined) add('resource_type = ?', filter.resourceType);
  if (filter.resourceId !== undefined) add('resource_id = ?', filter.resourceId);
  if (filter.from !== undefined) add(`${at} >= ?`, filter.from);
  if (filter.to !== undefined) add(`${at} <= ?`, filter.to);
  return { sql: terms.length === 0 ? 'true' : terms.join(' AND '), params };
}

/**
 * Reads audit_entries and outbox_events, newest first (id DESC: ids are
 * taken while the changed row is locked, so they follow the order of the
 * changes to one resource). The brand filter uses (brand_id, id DESC), the
 * portal's the partial index on surface, a resource's history its own.
 */
export class TypeOrmAuditTrail implements AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async entries(filter: AuditFilter, page: PageSlice): Promise<Page<AuditEntry>> {
    const rows = await this.page<EntryRow>('audit_entries', 'at', 'id DESC', filter, page);
    return {
      items: rows.items.map((r) => ({
        id: String(r.id), at: r.at, surface: r.surface, brandId: r.brand_id,
        actor: { kind: r.actor_kind, id: r.actor_id }, action: r.action,
        resource: { type: r.resource_type, id: r.resource_id }, changes: r.changes.map(inFieldOrder), correlationId: r.correlation_id,
      })),
      total: rows.total,
    };
  }

  async events(filter: AuditFilter, page: PageSlice): Promise<Page<OutboxEvent>> {
    // The audit entry's id gives events their order: several events of one write share it, and ids order by time only to the millisecond.
    const rows = await this.page<EventRow>('outbox_events', 'occurred_at', 'audit_entry_id DESC, id', filter, page);
    return {
      items: rows.items.map((r) => ({
        id: r.id, type: r.type, occurredAt: r.occurred_at, surface: r.surface, brandId: r.brand_id,
        resource: { type: r.resource_type, id: r.resource_id }, auditEntryId: String(r.audit_entry_id), body: r.body,
      })),
      total: rows.total,
    };
  }

  private async page<Row extends { total_items?: string }>(
    table: string, at: string, order: string, filter: AuditFilter, page: PageSlice,
  ): Promise<Page<Row>> {
    const { sql, params } = where(filter, at);
    // The trail only grows: its pages must not read all of it (totalItems: measured in docs/performance.md).
    const count = { from: table, where: sql };
    const rows: Row[] = await this.dataSource.query(
      `SELECT *, ${totalItems(count)} FROM ${table} WHERE ${sql} ORDER BY ${order}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    const total = await totalBehind(rows, this.dataSource, count, params);
    return { items: rows, total };
  }
}
