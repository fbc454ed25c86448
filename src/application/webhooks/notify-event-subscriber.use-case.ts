import { DomainError } from '../../domain/shared/domain-error';
import { EVENT_SUBSCRIBERS, EventSubscriber, OUTBOX_EVENTS, OutboxEvents } from '../ports/event-subscriber';

export interface NotifyEventSubscriberCommand {
  readonly eventId: string;
  readonly subscriber: string;
}

/** Thrown so the queue tries again: another instance (or this one after a deploy) may run that subscriber. */
export class EventSubscriberNotHereError extends DomainError {
  readonly code = 'EventSubscriberNotHere';

  constructor(name: string) {
    super(`no event subscriber named ${name} in this process`);
  }
}

/** One job per (event, in-process subscriber): hands the committed event to the host's handler; its failure is retried by the queue. */
export class NotifyEventSubscriber {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [EVENT_SUBSCRIBERS, OUTBOX_EVENTS] as const;
  }

  constructor(
    private readonly subscribers: readonly EventSubscriber[],
    private readonly events: OutboxEvents,
  ) {}

  async execute(command: NotifyEventSubscriberCommand): Promise<void> {
    const subscriber = this.subscribers.find((s) => s.name === command.subscriber);
    if (subscriber === undefined) throw new EventSubscriberNotHereError(command.subscriber);
    const event = await this.events.get(command.eventId);
    // Purged after its retention: nothing left to hand over.
    if (event === null) return;
    await subscriber.handle(event);
  }
}
