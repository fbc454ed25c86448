import { DueAttempt, WebhookDeliveryStore } from '../../../../application/ports/webhook-delivery.store';

/**
 * In memory there is no outbox and no queue: no event is ever dispatched and
 * no attempt is ever due. Bound so that the delivery use cases resolve in
 * every container; a host that wants deliveries uses PostgreSQL.
 */
export class InMemoryWebhookDeliveryStore implements WebhookDeliveryStore {
  async dispatch(): Promise<number> {
    return 0;
  }

  async dueAttempt(): Promise<DueAttempt | null> {
    return null;
  }

  async recordAttempt(): Promise<void> {
    // No delivery exists here, and an attempt of one that does not exist records nothing (the port's contract).
  }
}
