import { WebhookAttemptView, WebhookDeliveryView } from '../../../../application/ports/webhook-subscription.repository';

/** A delivery as its owner reads it: the event's type and every attempt, oldest first, folded into one row. */
export interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  status: WebhookDeliveryView['status'];
  next_attempt_at: Date | null;
  created_at: Date;
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

/** The select list of DeliveryRow over `d` (webhook_deliveries) and `e` (its outbox event). */
export const DELIVERY_COLUMNS = `
  d.id, d.event_id, e.type, d.status, d.next_attempt_at, d.created_at,
  coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
                                              'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.attempt)
              FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts`;

export const DELIVERIES_FROM = `FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id`;

export function toDelivery(row: DeliveryRow): WebhookDeliveryView {
  const attempts: WebhookAttemptView[] = row.attempts.map((a) => ({ ...a, at: new Date(a.at) }));
  return {
    id: String(row.id), eventId: row.event_id, eventType: row.type, status: row.status,
    nextAttemptAt: row.next_attempt_at, createdAt: row.created_at, attempts,
  };
}
