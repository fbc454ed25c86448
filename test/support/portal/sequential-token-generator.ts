import { createHash, timingSafeEqual } from 'node:crypto';
import { TokenGenerator } from '../../../src/application/ports/token-generator';

/**
 * Predictable tokens (`tok-1-…`, `tok-2-…`) so tests can name what was
 * issued; hashing is the real sha256 so hash-based lookups behave as in
 * production.
 */
export class SequentialTokenGenerator implements TokenGenerator {
  private counter = 0;
  readonly issued: string[] = [];

  generate(prefix = ''): string {
    this.counter += 1;
    const token = `${prefix}tok-${this.counter}-`.padEnd(43, 'x');
    this.issued.push(token);
    return token;
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }

  matches(secret: string, storedHash: string): boolean {
    const presented = Buffer.from(this.hash(secret), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
