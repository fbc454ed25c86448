import { ChangeContext } from '../../domain/audit/change-context';
import { checkWebhookSettings, WebhookScope, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { CLOCK, Clock } from '../ports/clock';
import { ID_GENERATOR, IdGenerator } from '../ports/id-generator';
import { OUTBOUND_HTTP, OutboundHttp } from '../ports/outbound-http';
import { WEBHOOK_SIGNER, WebhookSigner } from '../ports/webhook-signer';
import { WEBHOOK_SUBSCRIPTION_REPOSITORY, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';
import { refuseUnreachableTarget } from './target-check';

export interface CreateWebhookSubscriptionCommand {
  readonly scope: WebhookScope;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string | null;
  readonly change: ChangeContext;
}

/** The new subscription and its secret: the only time the secret is answered. */
export interface CreatedWebhookSubscription {
  readonly subscription: WebhookSubscription;
  readonly secret: string;
}

/** POST /api/v1/webhooks and /portal-api/webhooks. */
export class CreateWebhookSubscription {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_SUBSCRIPTION_REPOSITORY, OUTBOUND_HTTP, WEBHOOK_SIGNER, ID_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly http: OutboundHttp,
    private readonly signer: WebhookSigner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateWebhookSubscriptionCommand): Promise<CreatedWebhookSubscription> {
    const description = command.description ?? null;
    checkWebhookSettings(command.scope.surface, { url: command.url, eventTypes: command.eventTypes, description });
    refuseUnreachableTarget(this.http, command.url);
    const secret = this.signer.newSecret();
    const subscription = await this.subscriptions.create({
      scope: command.scope,
      id: command.scope.surface === 'jfw' ? this.ids.next() : undefined,
      url: command.url,
      eventTypes: command.eventTypes,
      description,
      secret,
      at: this.clock.now(),
    }, command.change);
    return { subscription, secret };
  }
}
