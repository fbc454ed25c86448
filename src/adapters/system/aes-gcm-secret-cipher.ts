import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, hkdfSync, KeyObject } from 'node:crypto';
import { SecretCipher } from '../../application/ports/secret-cipher';
import { RandomPool } from './random-pool';

const FORMAT = 'v1';
const IV_BYTES = 12;
/**
 * The full 128-bit GCM tag. Without `authTagLength`, a decipher accepts any
 * tag length down to 4 bytes, and a forger needs only to guess that many.
 */
const TAG_BYTES = 16;

export class SecretKeyError extends Error {}

/** A 32-byte AES key and the id under which ciphertexts name it. */
export interface CipherKey {
  readonly id: string;
  readonly key: Buffer;
}

export function cipherKeyFromBase64(base64: string): CipherKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new SecretKeyError('SECRET_KEY must be 32 bytes, base64-encoded');
  // The id is a digest of the key, so the same key always gets the same id and no registry is needed.
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * AES-256-GCM with a random 96-bit IV per value. The stored form is
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): the key id lets old
 * values decrypt after rotation, and `context` (brand and row) is bound as
 * associated data so a ciphertext moved elsewhere fails authentication.
 */
export class AesGcmSecretCipher implements SecretCipher {
  // KeyObjects, made once: a Buffer key is imported into a new key object at every cipher and HMAC.
  private readonly keys: Map<string, KeyObject>;
  private readonly currentKey: KeyObject;
  /** Its own key (HKDF of the current key), so a digest reveals nothing about the encryption key. */
  private readonly digestKey: KeyObject;
  private readonly ivs = new RandomPool(IV_BYTES);

  constructor(
    private readonly current: CipherKey,
    previous: readonly CipherKey[] = [],
  ) {
    this.currentKey = createSecretKey(current.key);
    // The current key last, as the one object both maps to: it wins over a previous key of the same id.
    this.keys = new Map([...previous.map((k): [string, KeyObject] => [k.id, createSecretKey(k.key)]), [current.id, this.currentKey]]);
    this.digestKey = createSecretKey(Buffer.from(hkdfSync('sha256', current.key, Buffer.alloc(0), 'integration-hub secret digest v1', 32)));
  }

  /** HMAC-SHA256 under a key derived from the current key: after a key rotation, secrets:reencrypt recomputes them. */
  digest(plaintext: string): Buffer {
    return createHmac('sha256', this.digestKey).update(plaintext, 'utf8').digest();
  }

  encrypt(plaintext: string, context: string): string {
    const iv = this.ivs.take();
    const cipher = createCipheriv('aes-256-gcm', this.currentKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return [FORMAT, this.current.id, ...parts].join('.');
  }

  decrypt(stored: string, context: string): string {
    const [format, keyId, iv, tag, body] = stored.split('.');
    const key = this.keys.get(keyId ?? '');
    if (format !== FORMAT || key === undefined || iv === undefined || tag === undefined || body === undefined) {
      throw new SecretKeyError('Stored secret is not decryptable with the configured keys');
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    const ivBytes = Buffer.from(iv, 'base64url');
    if (tagBytes.length !== TAG_BYTES || ivBytes.length !== IV_BYTES) {
      throw new SecretKeyError('Stored secret failed authentication');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError('Stored secret failed authentication');
    }
  }

  needsReencryption(stored: string): boolean {
    return stored.split('.')[1] !== this.current.id;
  }
}
