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
    // Never called: no attempt is ever due.
  }
}
