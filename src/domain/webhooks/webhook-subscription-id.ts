import { isBase62Id } from '../shared/base62-id';
import { WebhookScope, WebhookSubscriptionNotFoundError } from './webhook-subscription';

const PORTAL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * Refuses, as unknown, an id no subscription of the scope can have (JFramework: 18 base62
 * characters; portal: a positive integer), before it reaches a query (a NUL byte there is a
 * PostgreSQL error, not a miss).
 */
export function checkWebhookSubscriptionId(scope: WebhookScope, id: string): void {
  if (!(scope.surface === 'jfw' ? isBase62Id(id) : PORTAL_ID.test(id))) throw new WebhookSubscriptionNotFoundError();
}
