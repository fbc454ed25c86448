import { ValidationError } from '../../domain/shared/domain-error';
import { EVENT_SUBSCRIBERS, EventSubscriber, OUTBOX_EVENTS, OutboxEvents } from '../ports/event-subscriber';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Run by the queue runner as it starts: the host's in-process subscribers, recorded so that events queue their jobs. */
export class RegisterEventSubscribers {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [EVENT_SUBSCRIBERS, OUTBOX_EVENTS] as const;
  }

  constructor(
    private readonly subscribers: readonly EventSubscriber[],
    private readonly events: OutboxEvents,
  ) {}

  async execute(): Promise<number> {
    const names = new Set<string>();
    for (const s of this.subscribers) {
      if (!NAME.test(s.name)) throw ValidationError.single('name', `event subscriber name ${JSON.stringify(s.name).slice(0, 80)} must be 1 to 64 letters, digits, ".", "_" or "-"`);
      if (names.has(s.name)) throw ValidationError.single('name', `two event subscribers are named ${s.name}`);
      names.add(s.name);
    }
    if (this.subscribers.length > 0) await this.events.register(this.subscribers.map((s) => ({ name: s.name, eventTypes: s.eventTypes ?? [] })));
    return this.subscribers.length;
  }
}
