import { token } from './token';
import { Page, PageSlice } from './page';
import { AuditEntry, AuditSurface, OutboxEvent } from '../../domain/audit/audit-entry';

export interface AuditFilter {
  readonly surface?: AuditSurface;
  /** Only this brand's entries (the JFramework reads always set it). */
  readonly brandId?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  /** Inclusive bounds on `at`. */
  readonly from?: Date;
  readonly to?: Date;
}

/**
 * The read side of the audit trail and the outbox. Writes record their
 * entries themselves, in their own statement (the repositories), so there
 * is no write method here. Newest first.
 */
export interface AuditTrail {
  entries(filter: AuditFilter, page: PageSlice): Promise<Page<AuditEntry>>;
  /** Outbox events, newest first; for tests, operators and the delivery side. */
  events(filter: AuditFilter, page: PageSlice): Promise<Page<OutboxEvent>>;
}

export const AUDIT_TRAIL = token<AuditTrail>('AuditTrail');
