import { DomainError } from '../shared/domain-error';

/**
 * Subscriptions one owner (a brand, or the portal) may have, disabled ones
 * included. Each event is delivered once per matching subscription, so this
 * bounds what one write can queue; GitHub allows 20 webhooks per event on a
 * repository, Stripe 16 endpoints per account (docs/adr/0016).
 */
export const MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER = 20;

export class WebhookSubscriptionLimitError extends DomainError {
  readonly code = 'WebhookSubscriptionLimitReached';

  constructor() {
    super(`At most ${MAX_WEBHOOK_SUBSCRIPTIONS_PER_OWNER} webhook subscriptions per owner; delete one first`);
  }
}
