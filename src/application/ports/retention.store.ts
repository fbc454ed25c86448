import { token } from './token';

/**
 * What is kept for a limited time: audit entries (for the retention the
 * owner role set, AUDIT_RETENTION_DAYS) and outbox events with their
 * deliveries (30 days after the last delivery became final).
 */
export interface RetentionStore {
  /** Deletes what is past its retention at `at`; answers how many rows of each kind went. */
  purge(at: Date): Promise<PurgedRecords>;
}

export interface PurgedRecords {
  readonly auditEntries: number;
  readonly events: number;
}

export const RETENTION_STORE = token<RetentionStore>('RetentionStore');
