import { token } from './token';
/**
 * Secrets handed out once (auth keys, portal tokens, credentials) and the
 * one-way hashes under which they are stored and compared.
 */
export interface TokenGenerator {
  /** A fresh random secret, base64url, at least 32 bytes of entropy. */
  generate(prefix?: string): string;
  /** Stable hex digest of a secret; the only form in which it is stored. */
  hash(secret: string): string;
  /** Constant-time comparison of a presented secret against stored hashes. */
  matches(secret: string, storedHash: string): boolean;
}

export const TOKEN_GENERATOR = token<TokenGenerator>('TokenGenerator');
