import { SecretLocation, UnreadableSecretReporter } from '../../application/ports/unreadable-secret.reporter';

/**
 * Counts unreadable secrets (for a metric) and passes each location on to
 * whoever listens (the log). Holds no values: there are none to hold.
 */
export class TallyingUnreadableSecretReporter implements UnreadableSecretReporter {
  private total = 0;
  private readonly listeners: ((location: SecretLocation) => void)[] = [];

  get count(): number {
    return this.total;
  }

  onReport(listener: (location: SecretLocation) => void): void {
    this.listeners.push(listener);
  }

  report(location: SecretLocation): void {
    this.total++;
    for (const listener of this.listeners) listener(location);
  }
}
