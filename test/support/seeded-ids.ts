import { IdGenerator } from '../../src/application/ports/id-generator';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The seed of every run's test ids: TEST_SEED when set (to replay or vary a
 * run), else a fixed one, so a failing test fails the same way every run.
 */
export const TEST_SEED = Number.parseInt(process.env.TEST_SEED ?? '', 10) || 20260101;

/**
 * Random-looking 18-character base62 ids (like the service's own, so nothing
 * can lean on ids sorting in creation order) from a seeded generator
 * (mulberry32): the same seed gives the same ids.
 */
export class SeededBase62Ids implements IdGenerator {
  private state: number;

  constructor(seed = TEST_SEED) {
    this.state = seed >>> 0;
  }

  next(): string {
    let id = '';
    for (let i = 0; i < 18; i++) id += ALPHABET[Math.floor(this.random() * ALPHABET.length)];
    return id;
  }

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
