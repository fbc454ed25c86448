import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookMessage, WebhookSignatureHeaders, WebhookSigner } from '../../application/ports/webhook-signer';

const SECRET_PREFIX = 'whsec_';
/** The specification allows 24 to 64 bytes; 32 matches HMAC-SHA256's block of security. */
const SECRET_BYTES = 32;

/**
 * Signs with the reference library of the specification (`standardwebhooks`,
 * the same code receivers are told to verify with), so our signature and
 * their check cannot drift apart. Only secrets we generated are accepted:
 * anything else is a bug upstream, not something to sign with.
 */
export class StandardWebhooksSigner implements WebhookSigner {
  newSecret(): string {
    return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
  }

  sign(message: WebhookMessage, secret: string): WebhookSignatureHeaders {
    if (!isOurSecret(secret)) throw new Error('not a whsec_ secret of 24 to 64 bytes');
    if (message.id.includes('.') || message.id === '') throw new Error('a webhook id must be non-empty and contain no "."');
    const signature = new Webhook(secret).sign(message.id, message.timestamp, message.body);
    return {
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
  }
}

function isOurSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}
