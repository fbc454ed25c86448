import { token } from './token';
/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the
 * receiver checks `webhook-signature` against the subscription's secret, and
 * uses `webhook-id` (stable across retries of one event) to drop duplicates.
 */
export interface WebhookSigner {
  /** A fresh subscription secret, `whsec_` + base64 of random bytes; shown to its owner once. */
  newSecret(): string;
  /** The three headers of one delivery attempt of `body`, signed with `secret`. */
  sign(message: WebhookMessage, secret: string): WebhookSignatureHeaders;
}

export const WEBHOOK_SIGNER = token<WebhookSigner>('WebhookSigner');

export interface WebhookMessage {
  /** The event's id; the same on every attempt. No '.' (it delimits the signed content). */
  readonly id: string;
  /** When this attempt is made (not when the event happened); receivers reject old ones. */
  readonly timestamp: Date;
  /** The exact bytes sent: what is signed is what is posted. */
  readonly body: string;
}

export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}
