import { ChangeContext } from '../../domain/audit/change-context';
import { checkWebhookSettings, WebhookScope, WebhookSubscription, WebhookSubscriptionChanges } from '../../domain/webhooks/webhook-subscription';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { checkWebhookSubscriptionId } from '../../domain/webhooks/webhook-subscription-id';
import { CLOCK, Clock } from '../ports/clock';
import { OUTBOUND_HTTP, OutboundHttp } from '../ports/outbound-http';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';
import { refuseUnreachableTarget } from './target-check';

export interface UpdateWebhookSubscriptionCommand {
  readonly scope: WebhookScope;
  readonly id: string;
  readonly changes: WebhookSubscriptionChanges;
  readonly change: ChangeContext;
  /** If-Match: the version read earlier, or versions of which any will do; absent for an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
}

/**
 * PATCH /api/v1/webhooks/{id} and /portal-api/webhooks/{id}: the fields given change; a new URL is checked as at creation.
 * @throws WebhookSubscriptionNotFoundError, ValidationError, VersionMismatchError (only with expectedVersion)
 */
export class UpdateWebhookSubscription {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY, OUTBOUND_HTTP, CLOCK] as const;
  }

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly http: OutboundHttp,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateWebhookSubscriptionCommand): Promise<WebhookSubscription> {
    checkWebhookSubscriptionId(command.scope, command.id);
    checkWebhookSettings(command.scope.surface, command.changes);
    if (command.changes.url !== undefined) refuseUnreachableTarget(this.http, command.changes.url);
    return this.subscriptions.update(command.scope, command.id, command.changes, this.clock.now(), command.change, expectedVersions(command.expectedVersion));
  }
}
