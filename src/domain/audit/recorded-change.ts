import { AuditAction, AuditSurface, FieldChange } from './audit-entry';

/** One event a write announces; `resource` when it is about another resource than the audit entry (credential.issued). */
export interface RecordedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly resource?: { readonly type: string; readonly id: string };
}

/**
 * What a write records besides its change, as ih_record_change takes it:
 * one audit entry and its events (the first is the write's own; the two
 * writes the contract gives a second resource's type add more).
 */
export interface RecordedChange {
  readonly at: Date;
  readonly surface: AuditSurface;
  readonly brandId: string | null;
  readonly action: AuditAction;
  readonly resource: { readonly type: string; readonly id: string };
  readonly changes: readonly FieldChange[];
  readonly events?: readonly RecordedEvent[];
}

/**
 * Field-level changes between two plain records, as ih_changes computes
 * them: fields in the order given, a missing field equal to null, and
 * secret fields only as `{ field, changed: true }`, never a value.
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
