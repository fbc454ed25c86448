import { WebhookScope } from '../../domain/webhooks/webhook-subscription';
import { checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookDeliveryView, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface ListWebhookDeliveriesCommand {
  readonly scope: WebhookScope;
  readonly subscriptionId: string;
}

/** How many deliveries the list answers, newest first: enough to see what a receiver has been answering. */
export const DELIVERIES_LISTED = 100;

/** GET …/webhooks/{id}/deliveries: each delivery with every attempt (status code or error, at) and the next one. */
export class ListWebhookDeliveries {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY] as const;
  }

  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute(command: ListWebhookDeliveriesCommand): Promise<readonly WebhookDeliveryView[]> {
    checkWebhookSubscriptionId(command.scope, command.subscriptionId);
    return this.subscriptions.listDeliveries(command.scope, command.subscriptionId, DELIVERIES_LISTED);
  }
}
