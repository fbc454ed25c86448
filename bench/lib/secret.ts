import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** The service's stored form (v1.<keyId>.<iv>.<tag>.<ciphertext>), for SQL sent outside the service. */
export function encryptSecret(base64Key: string, plaintext: string, context: string): string {
  const key = Buffer.from(base64Key, 'base64');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', keyId, ...[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
}

/** The keyed digest the audited write function compares secrets by, as the service computes it. */
export function digestSecret(base64Key: string, plaintext: string): Buffer {
  const digestKey = Buffer.from(hkdfSync('sha256', Buffer.from(base64Key, 'base64'), Buffer.alloc(0), 'integration-hub secret digest v1', 32));
  return createHmac('sha256', digestKey).update(plaintext, 'utf8').digest();
}
