import { Actor } from './change-context';

export type AuditAction =
  | 'created' | 'updated' | 'deleted' | 'provisioned' | 'approved' | 'rejected' | 'rotated' | 'revoked' | 'reencrypted';

export type AuditSurface = 'jfw' | 'portal';

/** One changed field; a secret field only says that it changed, never a value. */
export type FieldChange =
  | { readonly field: string; readonly from: unknown; readonly to: unknown }
  | { readonly field: string; readonly changed: true };

/** One recorded change (docs/events-and-audit.md): append-only, newest first by id. */
export interface AuditEntry {
  /** Decimal of the bigint identity: ids grow in the order of the changes to one resource. */
  readonly id: string;
  readonly at: Date;
  readonly surface: AuditSurface;
  /** The brand whose data changed; null for portal and catalog changes. */
  readonly brandId: string | null;
  readonly actor: Actor;
  readonly action: AuditAction;
  readonly resource: { readonly type: string; readonly id: string };
  readonly changes: readonly FieldChange[];
  readonly correlationId: string | null;
}

/** An event written with its change (the outbox): what webhooks deliver. */
export interface OutboxEvent {
  /** `evt_…`: the Standard Webhooks `webhook-id`. */
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly surface: AuditSurface;
  readonly brandId: string | null;
  readonly resource: { readonly type: string; readonly id: string };
  readonly auditEntryId: string;
  /** The payload as signed and posted: `{ type, timestamp, data }`. */
  readonly body: string;
}
