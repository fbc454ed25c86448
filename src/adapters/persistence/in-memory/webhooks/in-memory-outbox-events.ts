import { OutboxEvents, PublishedEvent } from '../../../../application/ports/event-subscriber';

/** In memory there is no queue to notify subscribers through: nothing is registered, no event is read back. */
export class InMemoryOutboxEvents implements OutboxEvents {
  async get(): Promise<PublishedEvent | null> {
    return null;
  }

  async register(): Promise<void> {
    // No queue: in-process subscribers need the PostgreSQL adapters.
  }
}
