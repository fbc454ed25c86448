import { SyncDcrCredential } from '../../application/dcr/sync-dcr-credential.use-case';
import { PurgeExpiredRecords } from '../../application/retention/purge-expired-records.use-case';
import { DeliverWebhookAttempt } from '../../application/webhooks/deliver-webhook-attempt.use-case';
import { DispatchOutboxEvent } from '../../application/webhooks/dispatch-outbox-event.use-case';
import { NotifyEventSubscriber } from '../../application/webhooks/notify-event-subscriber.use-case';
import { isBigintId } from '../../domain/shared/bigint-id';
import type { FlagLimit } from './flag-limits';
import type { JobHandler } from './graphile-worker.job-runner';

/** A use case class as the container keys it. */
export type UseCaseKey<U> = new (...args: never[]) => U;
/** Gives the instance of a use case class (the composition root asks its container). */
export type ResolveUseCase = <U>(useCase: UseCaseKey<U>) => U;

/** Task identifiers as the SQL functions of the audit-and-outbox migration queue them. */
export const DISPATCH_EVENT_TASK = 'ih_dispatch_event';
export const DELIVER_WEBHOOK_TASK = 'ih_deliver_webhook';
export const PURGE_EXPIRED_TASK = 'ih_purge_expired';
export const NOTIFY_SUBSCRIBER_TASK = 'ih_notify_subscriber';
/** As the DCR migration's ih_enqueue_dcr_sync() queues it (jobKey dcr:<credentialId>). */
export const DCR_SYNC_TASK = 'dcr-sync';

/** Flags the SQL gives the jobs it queues (migration 1771000000000-fair-job-queue). */
export const WEBHOOK_FLAG = 'webhook';
/** Followed by `brand:<id>` or `portal`: whose subscription the delivery is for. */
export const WEBHOOK_OWNER_FLAG = 'webhook-owner:';
export const DCR_FLAG = 'dcr';

/** Jobs run at once in a process by default: deliveries and registrations mostly wait on the network. */
export const JOB_CONCURRENCY = 10;

/**
 * How the queue's slots are shared (docs/adr/0016): deliveries and
 * registrations each leave at least one slot to the other jobs, so a
 * receiver or an identity provider that hangs delays but never stops the
 * rest; and one owner's deliveries take at most a quarter of the slots, so
 * a brand whose receivers hang for their full 10 s cannot hold back the
 * other brands' deliveries.
 */
export function jobFlagLimits(concurrency: number): FlagLimit[] {
  const others = Math.max(1, concurrency - 1);
  return [
    { flag: WEBHOOK_FLAG, limit: others },
    { flag: DCR_FLAG, limit: others },
    { flag: `${WEBHOOK_OWNER_FLAG}*`, limit: Math.max(1, Math.floor(concurrency / 4)) },
  ];
}

/**
 * One kind of job: the task identifier the SQL (or the crontab) queues, the
 * use case that runs it, and how its payload becomes the use case's command.
 * The job table is a list of these, as the route tables are lists of routes.
 */
export interface JobEntry {
  readonly task: string;
  readonly useCase: UseCaseKey<unknown>;
  /** graphile-worker crontab schedule (UTC), for jobs queued by time rather than by a write. */
  readonly cron?: string;
  handler(resolve: ResolveUseCase): JobHandler;
}

export function job<U>(entry: {
  readonly task: string;
  readonly useCase: UseCaseKey<U>;
  readonly cron?: string;
  readonly run: (useCase: U, payload: unknown) => Promise<unknown>;
}): JobEntry {
  const { run, ...rest } = entry;
  return {
    ...rest,
    handler(resolve) {
      const useCase = resolve(entry.useCase);
      return async (payload) => {
        await run(useCase, payload);
      };
    },
  };
}

/** A payload the SQL did not write: logged by the queue as a failed job, never run with guesses. */
export class MalformedPayload extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The delivery id of an `ih_deliver_webhook` payload, as the bigint's decimal
 * string. Jobs carry it as a string since migration 1772000000000 (exact up
 * to the last int8); a job queued before it carries a JSON number, which
 * JSON.parse has already made a double: taken only while it is a safe
 * integer, since past 2^53 it may name another delivery.
 */
export function deliveryIdOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return isBigintId(raw) ? raw : undefined;
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? String(raw) : undefined;
}

/** The jobs of webhook delivery (the SQL queues them in the writes' and the deliveries' own statements). */
export const WEBHOOK_JOBS: readonly JobEntry[] = [
  job({
    task: DISPATCH_EVENT_TASK, useCase: DispatchOutboxEvent,
    run: (dispatch, payload) => {
      if (!isRecord(payload) || typeof payload.eventId !== 'string') throw new MalformedPayload(`${DISPATCH_EVENT_TASK}: no eventId`);
      return dispatch.execute({ eventId: payload.eventId });
    },
  }),
  job({
    task: DELIVER_WEBHOOK_TASK, useCase: DeliverWebhookAttempt,
    run: (deliver, payload) => {
      const deliveryId = isRecord(payload) ? deliveryIdOf(payload.deliveryId) : undefined;
      if (!isRecord(payload) || deliveryId === undefined || !Number.isSafeInteger(payload.attempt)) {
        throw new MalformedPayload(`${DELIVER_WEBHOOK_TASK}: no deliveryId or attempt`);
      }
      return deliver.execute({ deliveryId, attempt: payload.attempt as number });
    },
  }),
];

/** The job of dynamic client registration: one credential's registration brought in line (docs/dcr.md). */
export const DCR_JOBS: readonly JobEntry[] = [
  job({
    task: DCR_SYNC_TASK, useCase: SyncDcrCredential,
    run: (sync, payload) => {
      if (!isRecord(payload) || !Number.isSafeInteger(payload.credentialId)) throw new MalformedPayload(`${DCR_SYNC_TASK}: no credentialId`);
      return sync.execute({ credentialId: payload.credentialId as number });
    },
  }),
];

/**
 * Every job the service's queue runner runs: add a job kind with one line
 * (its entry), as a route is added to a route table.
 */
export const JOBS: readonly JobEntry[] = [
  ...WEBHOOK_JOBS,
  ...DCR_JOBS,
  // One per (event, in-process subscriber of the embedding host): queued by the dispatch.
  job({
    task: NOTIFY_SUBSCRIBER_TASK, useCase: NotifyEventSubscriber,
    run: (notify, payload) => {
      if (!isRecord(payload) || typeof payload.eventId !== 'string' || typeof payload.subscriber !== 'string') {
        throw new MalformedPayload(`${NOTIFY_SUBSCRIBER_TASK}: no eventId or subscriber`);
      }
      return notify.execute({ eventId: payload.eventId, subscriber: payload.subscriber });
    },
  }),
  // Daily at 03:00 UTC; graphile-worker's cron runs each tick once across all instances.
  job({ task: PURGE_EXPIRED_TASK, useCase: PurgeExpiredRecords, cron: '0 3 * * *', run: (purge) => purge.execute() }),
];

/** Task identifier → handler, each use case resolved once. */
export function jobHandlers(jobs: readonly JobEntry[], resolve: ResolveUseCase): Record<string, JobHandler> {
  return Object.fromEntries(jobs.map((entry) => [entry.task, entry.handler(resolve)]));
}

/** The crontab text graphile-worker reads (one `<schedule> <task>` line per timed job); no file. */
export function crontabOf(jobs: readonly JobEntry[]): string {
  return jobs.filter((entry) => entry.cron !== undefined).map((entry) => `${entry.cron} ${entry.task}`).join('\n');
}
