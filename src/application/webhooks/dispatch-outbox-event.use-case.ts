import { CLOCK, Clock } from '../ports/clock';
import { WEBHOOK_DELIVERY_STORE, WebhookDeliveryStore } from '../ports/webhook-delivery.store';

export interface DispatchOutboxEventCommand {
  readonly eventId: string;
}

/**
 * Runs once per committed event (queued by the same transaction that wrote
 * it): turns it into one delivery per matching subscription. Safe to run
 * again for the same event.
 */
export class DispatchOutboxEvent {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_DELIVERY_STORE, CLOCK] as const;
  }

  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: DispatchOutboxEventCommand): Promise<number> {
    return this.deliveries.dispatch(command.eventId, this.clock.now());
  }
}
