import type { RetrySchedule } from '../../domain/webhooks/retry-schedule';
import { token } from './token';
/**
 * Where webhook deliveries live between attempts. Each method is one
 * transaction; queuing the next job happens inside it, so a delivery is
 * never left without its next attempt or given two.
 */
export interface WebhookDeliveryStore {
  /**
   * Fans a committed event out to the subscriptions that match it now, one
   * delivery each with its first attempt queued. Answers how many were made:
   * 0 when the event was dispatched before (a repeated job) or is gone.
   */
  dispatch(eventId: string, at: Date): Promise<number>;
  /**
   * What attempt `attempt` of a delivery needs, or null when that attempt is
   * not due any more: made already, the delivery delivered, failed or deleted,
   * or its subscription disabled.
   */
  dueAttempt(deliveryId: string, attempt: number): Promise<DueAttempt | null>;
  /**
   * Records one attempt and its consequence (delivered, failed, or the next
   * attempt queued; for 'gone', the subscription disabled with its audit
   * entry, by the delivery job). Records nothing, and does not fail, when the delivery
   * no longer exists (its subscription was deleted while the attempt was in
   * flight): like a repeated job, the attempt is stale.
   */
  recordAttempt(record: AttemptRecord): Promise<void>;
}

export const WEBHOOK_DELIVERY_STORE = token<WebhookDeliveryStore>('WebhookDeliveryStore');

/** How deliveries are retried: production's schedule by default; tests shrink it to milliseconds. */
export interface WebhookDeliveryOptions {
  readonly schedule?: RetrySchedule;
  /** Jitter source; tests pass a fixed one. */
  readonly random?: () => number;
}

export const WEBHOOK_DELIVERY_OPTIONS = token<WebhookDeliveryOptions>('WebhookDeliveryOptions');

export interface DueAttempt {
  readonly deliveryId: string;
  readonly attempt: number;
  /** The `webhook-id`: the same on every attempt and for every subscription of the event. */
  readonly eventId: string;
  /** The exact JSON that is signed and posted. */
  readonly body: string;
  readonly url: string;
  /** The subscription's `whsec_` secret, decrypted for this attempt only. */
  readonly secret: string;
  readonly scheduleStartedAt: Date;
}

export interface AttemptRecord {
  readonly deliveryId: string;
  readonly attempt: number;
  readonly at: Date;
  readonly durationMs: number;
  /** The receiver's status, when it answered. */
  readonly statusCode: number | null;
  /** Why there was no 2xx, without secrets: a status, a timeout, a refusal, a network error. */
  readonly error: string | null;
  /** 'gone': the receiver answered 410; the delivery fails and the subscription is disabled. */
  readonly result: 'delivered' | 'retrying' | 'failed' | 'gone';
  /** Set exactly when result is 'retrying'. */
  readonly nextAttemptAt: Date | null;
}
