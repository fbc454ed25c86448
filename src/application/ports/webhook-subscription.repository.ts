import { ChangeContext } from '../../domain/audit/change-context';
import { WebhookScope, WebhookSubscription, WebhookSubscriptionChanges } from '../../domain/webhooks/webhook-subscription';
import { Page, PageSlice } from './page';
import { token } from './token';

/**
 * Webhook subscriptions and their deliveries, always within one scope (a
 * brand, or the portal): an id of another scope is answered as not found,
 * so a brand never sees, changes or retries another brand's. Each write
 * records its audit entry (resource `webhook-subscription`, no event) with it.
 */
export interface WebhookSubscriptionRepository {
  /**
   * Stores a new subscription with its secret (encrypted by the adapter, like
   * every secret). `id` is the JFramework id the caller chose; portal ids are
   * numbered by the store. Throws WebhookSubscriptionLimitError when the
   * owner already has MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER, also when
   * creations race.
   */
  create(subscription: NewWebhookSubscription, change: ChangeContext): Promise<WebhookSubscription>;
  /** One page of the scope's subscriptions, oldest first, and how many it has in all. */
  list(scope: WebhookScope, page: PageSlice): Promise<Page<WebhookSubscription>>;
  /** Throws WebhookSubscriptionNotFoundError. */
  get(scope: WebhookScope, id: string): Promise<WebhookSubscription>;
  /**
   * Applies checked changes and advances the version. `expectedVersions`
   * (If-Match): the stored version must be one of them, checked in the
   * write itself. Changes that leave every field as it is (none given, or
   * each at its current value) write nothing: the subscription is answered
   * as it is, same version, no audit entry. Throws
   * WebhookSubscriptionNotFoundError, VersionMismatchError (only with
   * `expectedVersions`).
   */
  update(
    scope: WebhookScope, id: string, changes: WebhookSubscriptionChanges, at: Date, change: ChangeContext, expectedVersions?: readonly number[],
  ): Promise<WebhookSubscription>;
  /**
   * Deletes it with its deliveries, at one of `expectedVersions` when given.
   * Throws WebhookSubscriptionNotFoundError, VersionMismatchError (only with `expectedVersions`).
   */
  delete(scope: WebhookScope, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void>;
  /**
   * One page of the subscription's deliveries, newest first, each with its
   * attempts, and how many it has in all; throws WebhookSubscriptionNotFoundError.
   */
  listDeliveries(scope: WebhookScope, subscriptionId: string, page: PageSlice): Promise<Page<WebhookDeliveryView>>;
  /**
   * Makes the delivery pending again with a new schedule from `at` and
   * queues its next attempt now (replacing a waiting one); also for a
   * delivered one (redelivery). Records its audit entry (resource
   * `webhook-delivery`, action `updated`, no event) with it; a refused
   * retry records none. Throws WebhookSubscriptionNotFoundError,
   * WebhookSubscriptionDisabledError, WebhookDeliveryNotFoundError.
   */
  retryDelivery(scope: WebhookScope, subscriptionId: string, deliveryId: string, at: Date, change: ChangeContext): Promise<WebhookDeliveryView>;
}

export const WEBHOOK_SUBSCRIPTION_REPOSITORY = token<WebhookSubscriptionRepository>('WebhookSubscriptionRepository');

export interface NewWebhookSubscription {
  readonly scope: WebhookScope;
  /** Required for JFramework (base62), ignored for the portal. */
  readonly id?: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
  /** `whsec_…` plaintext; the store keeps only its ciphertext. */
  readonly secret: string;
  readonly at: Date;
}

export interface WebhookDeliveryView {
  readonly id: string;
  /** The `webhook-id` the receiver saw. */
  readonly eventId: string;
  readonly eventType: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  /** Oldest first. */
  readonly attempts: readonly WebhookAttemptView[];
}

export interface WebhookAttemptView {
  readonly attempt: number;
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}
