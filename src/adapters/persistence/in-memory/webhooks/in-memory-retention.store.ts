import { PurgedRecords, RetentionStore } from '../../../../application/ports/retention.store';

/** In memory nothing outlives the process, so nothing is ever past its retention. */
export class InMemoryRetentionStore implements RetentionStore {
  async purge(): Promise<PurgedRecords> {
    return { auditEntries: 0, events: 0 };
  }
}
