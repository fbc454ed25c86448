import { CLOCK, Clock } from '../ports/clock';
import { PurgedRecords, RETENTION_STORE, RetentionStore } from '../ports/retention.store';

/** The daily purge (the queue's crontab runs it once per tick across instances). */
export class PurgeExpiredRecords {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [RETENTION_STORE, CLOCK] as const;
  }

  constructor(
    private readonly store: RetentionStore,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<PurgedRecords> {
    return this.store.purge(this.clock.now());
  }
}
