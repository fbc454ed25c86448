import { Page, PageSlice } from '../../../../application/ports/page';
import { WebhookDeliveryView } from '../../../../application/ports/webhook-subscription.repository';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { actorParams } from '../audit-sql';
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

/** A delivery's audited fields under the surface's names, the time as the surface answers it (`row`: a webhook_deliveries row). */
const AUDITED = (row: string) =>
  `jsonb_build_object('status', ${row}.status,
     'nextAttemptDate', to_char(${row}.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const AUDITED_FIELDS = `ARRAY['status', 'nextAttemptDate']`;

/**
 * One statement: pending again on a new schedule, the next attempt queued
 * under the delivery's job key (a waiting attempt is replaced, not doubled; a
 * stale job finds its attempt made and does nothing), and the audit entry
 * (`updated` webhook-delivery, no event: the contract lists no type).
 *
 * The subscription's scope and `enabled` are checked here, in the write, not
 * in a read before it: `old` locks the delivery (FOR UPDATE, so the entry's
 * "from" values are those of the row this statement changes) and then the
 * subscription (FOR SHARE). A disable that commits while this waits is seen
 * (PostgreSQL rechecks the row's new version: no row, nothing queued); one
 * that comes later waits for this to commit. The delivery is locked first,
 * as the delivery job's record statement locks it before it may disable the
 * subscription (a 410), so the two take their locks in the same order.
 *
 * `scope`: the subscription's surface and brand (null for the portal).
 * Answers null when no delivery was retried; the caller finds out why.
 */
export async function retryDeliveryOf(
  rows: RowQuery, scope: readonly [string, string | null], subscriptionId: string, deliveryId: string, at: Date, change: ChangeContext,
): Promise<WebhookDeliveryView | null> {
  const queued = await rows<unknown>(
    `WITH old AS (
       SELECT d.*, s.surface, s.brand_id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1 AND s.id = $2 AND s.surface = $7 AND s.brand_id IS NOT DISTINCT FROM $8 AND s.disabled_at IS NULL
          FOR UPDATE OF d FOR SHARE OF s),
     retried AS (
       UPDATE webhook_deliveries d SET status = 'pending', schedule_started_at = $3, next_attempt_at = $3, updated_at = $3
         FROM old WHERE d.id = old.id RETURNING d.*)
     SELECT ih_schedule_webhook_attempt(retried.id, retried.attempts + 1, $3),
            ih_record_change($3, old.surface, old.brand_id, $4, $5, 'updated', 'webhook-delivery', retried.id::text,
              ih_changes(${AUDITED('old')}, ${AUDITED('retried')}, ${AUDITED_FIELDS}), $6, NULL, NULL)
       FROM retried CROSS JOIN old`,
    [deliveryId, subscriptionId, at, ...actorParams(change), ...scope],
  );
  if (queued.length === 0) return null;
  const found = await rows<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} ${DELIVERIES_FROM} WHERE d.id = $1`, [deliveryId]);
  return toDelivery(found[0]);
}
