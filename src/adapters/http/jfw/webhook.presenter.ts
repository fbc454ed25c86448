import { WebhookDeliveryView } from '../../../application/ports/webhook-subscription.repository';
import { WebhookSubscription } from '../../../domain/webhooks/webhook-subscription';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** A subscription on the JFramework surface (the secret only in the creation answer). */
export function presentWebhookSubscription(s: WebhookSubscription) {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    description: s.description,
    enabled: s.disabledAt === null,
    disabledDate: iso(s.disabledAt),
    createdDate: s.createdAt.toISOString(),
    updatedDate: s.updatedAt.toISOString(),
  };
}

/** One delivery of one event: every attempt (status code or error) and the next one, if any. */
export function presentWebhookDelivery(d: WebhookDeliveryView) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    createdDate: d.createdAt.toISOString(),
    nextAttemptDate: iso(d.nextAttemptAt),
    attempts: d.attempts.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  };
}
