import { randomBytes } from 'node:crypto';
import { IdGenerator } from '../../application/ports/id-generator';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LENGTH = 18;

/**
 * 18 base62 characters ≈ 107 bits. Bytes ≥ 248 are skipped rather than folded
 * with `% 62`, which would make the first characters of the alphabet likelier.
 */
export class RandomBase62IdGenerator implements IdGenerator {
  next(): string {
    let id = '';
    while (id.length < LENGTH) {
      for (const byte of randomBytes(LENGTH * 2)) {
        if (byte < 248 && id.length < LENGTH) id += ALPHABET[byte % 62];
      }
    }
    return id;
  }
}
