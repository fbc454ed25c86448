import { randomBytes } from 'node:crypto';

/** How many values one refill holds: 12-byte IVs → 12 KiB, one CSPRNG call per 1,024 values. */
const VALUES_PER_REFILL = 1024;

/**
 * Random values of a fixed size, cut from a larger buffer of CSPRNG output
 * (crypto.randomBytes) that is refilled when spent. Each byte is handed out
 * once; a refill allocates a new buffer, so values already handed out are
 * never overwritten. Why: `randomBytes(12)` per secret written was 2 µs
 * alone and about 10 µs of a PUT under load (OpenSSL's per-call fork check
 * is a `getpid` syscall), for the same bytes one call can give 1,024 times
 * over — as Node's own randomUUID() batches its entropy (docs/performance.md).
 */
export class RandomPool {
  private pool: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly size: number) {}

  take(): Buffer {
    if (this.offset + this.size > this.pool.length) {
      this.pool = randomBytes(this.size * VALUES_PER_REFILL);
      this.offset = 0;
    }
    const value = this.pool.subarray(this.offset, this.offset + this.size);
    this.offset += this.size;
    return value;
  }
}
