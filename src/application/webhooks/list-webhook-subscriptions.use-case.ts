import { WebhookScope, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';
import { PageAnswer } from '../shared/jfw-paging';
import { WebhookListPaging, webhookListPage } from './webhook-list-paging';

export interface ListWebhookSubscriptionsCommand extends WebhookListPaging {
  readonly scope: WebhookScope;
}

/**
 * GET /api/v1/webhooks and /portal-api/webhooks: one page of the scope's
 * subscriptions, oldest first, paged like every list of the surface asking.
 * @throws ValidationError (a paging parameter out of its bounds)
 */
export class ListWebhookSubscriptions {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY] as const;
  }

  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute(command: ListWebhookSubscriptionsCommand): Promise<PageAnswer<WebhookSubscription>> {
    const { slice, pageNumber, pageSize } = webhookListPage(command.scope, command);
    const page = await this.subscriptions.list(command.scope, slice);
    return { items: page.items, total: page.total, pageNumber, pageSize };
  }
}
