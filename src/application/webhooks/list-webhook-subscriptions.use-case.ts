import { WebhookScope, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface ListWebhookSubscriptionsCommand {
  readonly scope: WebhookScope;
}

/** GET /api/v1/webhooks and /portal-api/webhooks: the scope's subscriptions, oldest first. */
export class ListWebhookSubscriptions {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY] as const;
  }

  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute(command: ListWebhookSubscriptionsCommand): Promise<readonly WebhookSubscription[]> {
    return this.subscriptions.list(command.scope);
  }
}
