import { WebhookDeliveryView } from '../../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../../domain/webhooks/webhook-subscription';
import { portalBigintId } from './portal-bigint-id';
import { portalTime } from './portal.presenter';

/** A subscription in the portal's PascalCase (ids are integers, as every portal id). */
export function presentPortalWebhook(s: WebhookSubscription) {
  return {
    ID: Number(s.id),
    URL: s.url,
    EventTypes: s.eventTypes,
    Description: s.description,
    Enabled: s.disabledAt === null,
    DisabledAt: s.disabledAt === null ? null : portalTime(s.disabledAt),
    CreatedAt: portalTime(s.createdAt),
    UpdatedAt: portalTime(s.updatedAt),
  };
}

/** One delivery with its attempts (its ID a bigint, exact past 2^53); attempt times to the millisecond (ISO 8601), since retries come seconds apart. */
export function presentPortalWebhookDelivery(d: WebhookDeliveryView) {
  return {
    ID: portalBigintId(d.id),
    EventID: d.eventId,
    EventType: d.eventType,
    Status: d.status,
    CreatedAt: d.createdAt.toISOString(),
    NextAttemptAt: d.nextAttemptAt === null ? null : d.nextAttemptAt.toISOString(),
    Attempts: d.attempts.map((a) => ({ Attempt: a.attempt, At: a.at.toISOString(), StatusCode: a.statusCode, Error: a.error, DurationMS: a.durationMs })),
  };
}
