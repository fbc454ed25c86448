import { isBase62Id } from '../shared/base62-id';
import { isBigintId } from '../shared/bigint-id';
import { WebhookDeliveryNotFoundError, WebhookScope, WebhookSubscriptionNotFoundError } from './webhook-subscription';

const PORTAL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * Refuses, as unknown, an id no subscription of the scope can have (JFramework: 18 base62
 * characters; portal: a positive integer), before it reaches a query (a NUL byte there is a
 * PostgreSQL error, not a miss).
 */
export function checkWebhookSubscriptionId(scope: WebhookScope, id: string): void {
  if (!(scope.surface === 'jfw' ? isBase62Id(id) : PORTAL_ID.test(id))) throw new WebhookSubscriptionNotFoundError();
}

/** Refuses, as unknown, what no delivery can have: its id is a bigserial on both surfaces (a positive bigint, as a string). */
export function checkWebhookDeliveryId(id: string): void {
  if (!isBigintId(id)) throw new WebhookDeliveryNotFoundError();
}
