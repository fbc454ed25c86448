import { token } from './token';

/**
 * An embedding host's own listener for the events webhooks carry, called in
 * process (docs/events-and-audit.md, "Embedding and tests"). Each subscriber
 * gets a job of its own per event, on the same queue as webhook deliveries:
 * at least once, retried by the queue when `handle` throws, without holding
 * up other subscribers or the webhooks. Needs PostgreSQL (the queue).
 */
export interface EventSubscriber {
  /** Stable across restarts (letters, digits, `.`, `_`, `-`; at most 64): events committed while the host is down wait under it. */
  readonly name: string;
  /** The event types it wants; absent or empty: every type, of both surfaces. */
  readonly eventTypes?: readonly string[];
  /** Throwing makes the queue try again later (with its own backoff); handle duplicates by `event.id`. */
  handle(event: PublishedEvent): Promise<void>;
}

export const EVENT_SUBSCRIBERS = token<readonly EventSubscriber[]>('EventSubscribers');

/** One committed event, as signed and posted to webhooks. */
export interface PublishedEvent {
  /** The `webhook-id` of the same event. */
  readonly id: string;
  readonly type: string;
  readonly surface: 'jfw' | 'portal';
  /** The brand whose change it is (JFramework); null for the portal. */
  readonly brandId: string | null;
  readonly occurredAt: Date;
  /** The exact JSON body webhooks receive: `{ type, timestamp, data }`. */
  readonly body: string;
}

/** The committed events, read back for in-process subscribers, and who subscribes. */
export interface OutboxEvents {
  /** The event, or null once purged. */
  get(eventId: string): Promise<PublishedEvent | null>;
  /** Records (or updates) each subscriber by name, so events it wants queue a job for it from now on. */
  register(subscribers: readonly { readonly name: string; readonly eventTypes: readonly string[] }[]): Promise<void>;
}

export const OUTBOX_EVENTS = token<OutboxEvents>('OutboxEvents');
