import { DcrClaimResult, DcrSyncStore, DcrWriteBack } from '../../../../application/ports/dcr-sync.store';

/**
 * Dynamic client registration needs PostgreSQL: its jobs are queued by the
 * credential rows' triggers and run by the PostgreSQL job queue, neither of
 * which in-memory storage has. This store lets in-memory containers bind the
 * sync use case (embedding, tests) and answers that there is nothing to
 * sync, so a DCR credential in memory stays `pending`, as docs/dcr.md says.
 */
export class InMemoryDcrSyncStore implements DcrSyncStore {
  async claim(): Promise<DcrClaimResult> {
    return { kind: 'nothing' };
  }

  async recordSuccess(): Promise<DcrWriteBack> {
    return 'superseded';
  }

  async recordRetry(): Promise<void> {}

  async recordFailure(): Promise<void> {}

  async forgetDeletion(): Promise<void> {}

  async recordDeletionFailure(): Promise<void> {}
}
