import { token } from './token';
/** Where a stored secret sits: never its value. */
export interface SecretLocation {
  /** The resource type, e.g. `integration-authentication`, `portal-credential`. */
  readonly resource: string;
  readonly id: string;
}

/**
 * Told when a stored secret cannot be decrypted with the configured keys (a
 * lost key, a corrupted or tampered row). The read answers null for that
 * value instead of failing, so one bad row never takes a list down.
 */
export interface UnreadableSecretReporter {
  report(location: SecretLocation): void;
}

export const UNREADABLE_SECRET_REPORTER = token<UnreadableSecretReporter>('UnreadableSecretReporter');
