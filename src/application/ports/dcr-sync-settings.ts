import { RetrySchedule, WEBHOOK_RETRY_SCHEDULE } from '../../domain/webhooks/retry-schedule';
import { token } from './token';

/** How provider calls are retried: as webhook deliveries (24 h window, jittered backoff), unless a host says otherwise. */
export interface DcrSyncSettings {
  readonly retrySchedule: RetrySchedule;
  /** In [0, 1): the jitter's draws. */
  readonly random: () => number;
}

export const DEFAULT_DCR_SYNC_SETTINGS: DcrSyncSettings = { retrySchedule: WEBHOOK_RETRY_SCHEDULE, random: Math.random };

export const DCR_SYNC_SETTINGS = token<DcrSyncSettings>('DcrSyncSettings');
