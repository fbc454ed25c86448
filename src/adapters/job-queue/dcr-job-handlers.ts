import { SyncDcrCredential } from '../../application/dcr/sync-dcr-credential.use-case';
import type { JobHandler } from './graphile-worker.job-runner';

/** As the migration's ih_enqueue_dcr_sync() queues it. */
export const DCR_SYNC_TASK = 'dcr-sync';

/** The job of dynamic client registration: one credential's registration brought in line (docs/dcr.md). */
export function dcrJobHandlers(sync: SyncDcrCredential): Record<string, JobHandler> {
  return {
    [DCR_SYNC_TASK]: async (payload) => {
      const id = (payload as { credentialId?: unknown } | null)?.credentialId;
      // A payload the SQL did not write: failed by the queue, never run with guesses.
      if (!Number.isSafeInteger(id)) throw new Error(`${DCR_SYNC_TASK}: no credentialId`);
      await sync.execute({ credentialId: id as number });
    },
  };
}
