import { token } from './token';
/**
 * Encrypts secrets for storage. `context` is bound to the ciphertext
 * (authenticated associated data), so a value copied to another row or
 * tenant no longer decrypts.
 */
export interface SecretCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  /** True when the ciphertext was made with a key other than the current one. */
  needsReencryption(ciphertext: string): boolean;
  /**
   * A keyed digest of a secret (never reversible, the same for the same
   * plaintext), stored beside its ciphertext so an audited write can tell
   * whether the secret changed without decrypting: ciphertexts differ on
   * every write (random IV). Only "changed: true" ever leaves the database.
   */
  digest(plaintext: string): Uint8Array;
}

export const SECRET_CIPHER = token<SecretCipher>('SecretCipher');
