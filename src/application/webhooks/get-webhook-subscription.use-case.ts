import { WebhookScope, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface GetWebhookSubscriptionCommand {
  readonly scope: WebhookScope;
  readonly id: string;
}

/** GET /api/v1/webhooks/{id} and /portal-api/webhooks/{id}. */
export class GetWebhookSubscription {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY] as const;
  }

  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute(command: GetWebhookSubscriptionCommand): Promise<WebhookSubscription> {
    checkWebhookSubscriptionId(command.scope, command.id);
    return this.subscriptions.get(command.scope, command.id);
  }
}
