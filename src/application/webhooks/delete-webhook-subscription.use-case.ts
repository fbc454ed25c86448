import { ChangeContext } from '../../domain/audit/change-context';
import { WebhookScope } from '../../domain/webhooks/webhook-subscription';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { CLOCK, Clock } from '../ports/clock';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

export interface DeleteWebhookSubscriptionCommand {
  readonly scope: WebhookScope;
  readonly id: string;
  readonly change: ChangeContext;
  /** If-Match: the version read earlier, or versions of which any will do; absent for an unconditional delete. */
  readonly expectedVersion?: ExpectedVersion;
}

/**
 * DELETE /api/v1/webhooks/{id} and /portal-api/webhooks/{id}: its pending deliveries go with it (their jobs find nothing).
 * @throws WebhookSubscriptionNotFoundError, VersionMismatchError (only with expectedVersion)
 */
export class DeleteWebhookSubscription {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteWebhookSubscriptionCommand): Promise<void> {
    checkWebhookSubscriptionId(command.scope, command.id);
    await this.subscriptions.delete(command.scope, command.id, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
