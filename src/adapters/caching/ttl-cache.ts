import { Clock } from '../../application/ports/clock';

/**
 * A small map whose entries expire `ttlMs` after they were stored, by the
 * injected clock (so tests move time instead of sleeping). Bounded: past
 * `maxEntries` the oldest entry goes. `ttlMs` 0 turns caching off.
 *
 * `generation` closes the race between a lookup in flight and an
 * invalidation: a value read before `clear()` must not be stored after it.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly expiresAt: number }>();
  private currentGeneration = 0;
  private suspended = false;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now().getTime() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` unless caching is off or the cache was invalidated since `readAtGeneration`. */
  set(key: K, value: V, readAtGeneration: number): void {
    if (this.ttlMs <= 0 || this.suspended || readAtGeneration !== this.currentGeneration) return;
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock.now().getTime() + this.ttlMs });
  }

  /** Drops everything; caching resumes if it was suspended. */
  clear(): void {
    this.currentGeneration++;
    this.entries.clear();
    this.suspended = false;
  }

  /** Drops everything and stores nothing until the next `clear()` (invalidations cannot be heard meanwhile). */
  suspend(): void {
    this.clear();
    this.suspended = true;
  }

  /**
   * Drops the entries `matches` picks. Bumps the generation like `clear()`:
   * a lookup in flight may have read the row before the change that caused
   * this, so no lookup started before now may store its answer.
   */
  deleteWhere(matches: (key: K, value: V) => boolean): void {
    this.currentGeneration++;
    for (const [key, entry] of this.entries) if (matches(key, entry.value)) this.entries.delete(key);
  }
}
