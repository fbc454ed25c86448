import { ChangeContext } from '../../domain/audit/change-context';
import { WebhookScope } from '../../domain/webhooks/webhook-subscription';
import { checkWebhookDeliveryId, checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { CLOCK, Clock } from '../ports/clock';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookDeliveryView, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface RetryWebhookDeliveryCommand {
  readonly scope: WebhookScope;
  readonly subscriptionId: string;
  readonly deliveryId: string;
  /** Who asked: the retry is a change of the delivery, audited like every write of the surface. */
  readonly change: ChangeContext;
}

/**
 * POST …/webhooks/{id}/deliveries/{deliveryId}/retry: the next attempt now
 * and a new 24 h schedule, whatever the delivery's state (a delivered one is
 * sent again, with the same webhook-id).
 */
export class RetryWebhookDelivery {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: RetryWebhookDeliveryCommand): Promise<WebhookDeliveryView> {
    checkWebhookSubscriptionId(command.scope, command.subscriptionId);
    checkWebhookDeliveryId(command.deliveryId);
    return this.subscriptions.retryDelivery(command.scope, command.subscriptionId, command.deliveryId, this.clock.now(), command.change);
  }
}
