import { WebhookScope } from '../../domain/webhooks/webhook-subscription';
import { checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookDeliveryView, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';
import { PageAnswer } from '../shared/jfw-paging';
import { WebhookListPaging, webhookListPage } from './webhook-list-paging';

export interface ListWebhookDeliveriesCommand extends WebhookListPaging {
  readonly scope: WebhookScope;
  readonly subscriptionId: string;
}

/**
 * GET …/webhooks/{id}/deliveries: one page of the subscription's deliveries,
 * newest first, each with every attempt (status code or error, at) and the
 * next one; paged like every list of the surface asking.
 * @throws WebhookSubscriptionNotFoundError, ValidationError (a paging parameter out of its bounds)
 */
export class ListWebhookDeliveries {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY] as const;
  }

  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute(command: ListWebhookDeliveriesCommand): Promise<PageAnswer<WebhookDeliveryView>> {
    checkWebhookSubscriptionId(command.scope, command.subscriptionId);
    const { slice, pageNumber, pageSize } = webhookListPage(command.scope, command);
    const page = await this.subscriptions.listDeliveries(command.scope, command.subscriptionId, slice);
    return { items: page.items, total: page.total, pageNumber, pageSize };
  }
}
