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
}

export const SECRET_CIPHER = token<SecretCipher>('SecretCipher');
