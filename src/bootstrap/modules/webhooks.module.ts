import { ContainerModule } from 'inversify';
import { EVENT_SUBSCRIBERS, EventSubscriber } from '../../application/ports/event-subscriber';
import { OUTBOUND_HTTP, OutboundHttp } from '../../application/ports/outbound-http';
import { WEBHOOK_DELIVERY_OPTIONS, WebhookDeliveryOptions } from '../../application/ports/webhook-delivery.store';
import { WEBHOOK_SIGNER } from '../../application/ports/webhook-signer';
import { RefusedAddressFields, SafeOutboundHttp } from '../../adapters/outbound-http/safe-outbound-http';
import { StandardWebhooksSigner } from '../../adapters/webhooks/standard-webhooks.signer';
import { bindValue } from './bind-use-case';

export interface WebhookOptions {
  /** WEBHOOK_ALLOW_PRIVATE: http and private-network targets allowed (default false). */
  readonly allowPrivate?: boolean;
  /** Where the safe outbound client tells a refusal after DNS with its address (the server: its logger's warn). */
  readonly warn?: (fields: RefusedAddressFields, message: string) => void;
  /** Replaces the safe outbound client (tests: a fake that records requests). */
  readonly outboundHttp?: OutboundHttp;
  /** The retry schedule and jitter (tests: milliseconds). */
  readonly delivery?: WebhookDeliveryOptions;
  /** In-process listeners of the host: each gets its own queue job per event it wants (needs PostgreSQL). */
  readonly subscribers?: readonly EventSubscriber[];
}

/** Signing, the outbound HTTP client both webhooks and identity-provider calls use, and the delivery policy. */
export function webhooksModule(options: WebhookOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindValue(bind, OUTBOUND_HTTP, options.outboundHttp ?? new SafeOutboundHttp({ allowPrivate: options.allowPrivate ?? false, warn: options.warn }));
    bindValue(bind, WEBHOOK_SIGNER, new StandardWebhooksSigner());
    bindValue(bind, WEBHOOK_DELIVERY_OPTIONS, options.delivery ?? {});
    bindValue(bind, EVENT_SUBSCRIBERS, options.subscribers ?? []);
  });
}
