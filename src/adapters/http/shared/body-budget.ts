/** Bytes of request bodies one credential may have being read at once: eight bodies of the 1 MiB limit. */
export const BODY_BYTES_IN_FLIGHT_PER_CREDENTIAL = 8 * 1024 * 1024;

/**
 * The body bytes each credential has being read at this moment. A sender
 * trickling bodies over many connections holds each one's bytes in memory
 * until it ends; with this, one credential holds at most `limit` at once, and
 * its further chunks are refused (429) instead of buffered. Keyed by the
 * credential's digest, never the credential.
 */
export class BodyBudget {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly limit: number = BODY_BYTES_IN_FLIGHT_PER_CREDENTIAL) {}

  /** Reserves `bytes` for `key`; false (nothing reserved) when that would pass the limit. */
  take(key: string, bytes: number): boolean {
    const next = (this.inFlight.get(key) ?? 0) + bytes;
    if (next > this.limit) return false;
    this.inFlight.set(key, next);
    return true;
  }

  /** Gives back what `take` reserved. */
  give(key: string, bytes: number): void {
    const left = (this.inFlight.get(key) ?? 0) - bytes;
    if (left > 0) this.inFlight.set(key, left);
    else this.inFlight.delete(key);
  }

  /** Bytes reserved for `key` now (tests, metrics). */
  held(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}
