import { Page, PageSlice } from '../../../../application/ports/page';
import { WebhookDeliveryView } from '../../../../application/ports/webhook-subscription.repository';
import { WebhookDeliveryNotFoundError } from '../../../../domain/webhooks/webhook-subscription';
import { CountedRow, totalBehind, totalItems } from '../paging-sql';
import { DeliveryRow, DELIVERIES_FROM, DELIVERY_COLUMNS, toDelivery } from './webhook-delivery-view.sql';

/** How these statements reach the database: the repository's own round trip, so a test counts them with the rest. */
export type RowQuery = <Row>(sql: string, params?: readonly unknown[]) => Promise<Row[]>;

/**
 * The deliveries of a subscription already found in its owner's scope (the
 * repository checks that first), newest first; the count reads
 * ix_webhook_deliveries_subscription alone, as the page does.
 */
export async function pageOfDeliveries(rows: RowQuery, subscriptionId: string, page: PageSlice): Promise<Page<WebhookDeliveryView>> {
  const count = { from: 'webhook_deliveries', where: 'subscription_id = $1' };
  const found = await rows<DeliveryRow & CountedRow>(
    `SELECT ${DELIVERY_COLUMNS}, ${totalItems(count)} ${DELIVERIES_FROM} WHERE d.subscription_id = $1 ORDER BY d.id DESC LIMIT $2 OFFSET $3`,
    [subscriptionId, page.limit, page.offset]);
  const counter = { query: (sql: string, params: unknown[] = []) => rows<{ n: string }>(sql, params) };
  return { items: found.map(toDelivery), total: await totalBehind(found, counter, count, [subscriptionId]) };
}

/**
 * One statement: pending again on a new schedule, and the next attempt queued
 * under the delivery's job key (a waiting attempt is replaced, not doubled; a
 * stale job finds its attempt made and does nothing). The subscription is the
 * caller's to have found, in scope and enabled.
 */
export async function retryDeliveryOf(rows: RowQuery, subscriptionId: string, deliveryId: string, at: Date): Promise<WebhookDeliveryView> {
  const queued = await rows<unknown>(
    `WITH retried AS (
       UPDATE webhook_deliveries SET status = 'pending', schedule_started_at = $3, next_attempt_at = $3, updated_at = $3
        WHERE id = $1 AND subscription_id = $2 RETURNING id, attempts)
     SELECT ih_schedule_webhook_attempt(id, attempts + 1, $3) FROM retried`,
    [deliveryId, subscriptionId, at],
  );
  if (queued.length === 0) throw new WebhookDeliveryNotFoundError();
  const found = await rows<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} ${DELIVERIES_FROM} WHERE d.id = $1`, [deliveryId]);
  return toDelivery(found[0]);
}
