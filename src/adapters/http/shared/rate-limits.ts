import { hash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { addressKey } from './address-key';
import { HttpInputError } from './http-input-error';

export interface RateLimitSettings {
  /** Requests per credential (Auth-Key, admin token) per minute; 0 = no limit. */
  readonly perCredentialPerMinute: number;
  /** Failed authentications per client address per minute; 0 = no limit. */
  readonly authFailuresPerMinute: number;
  /** How long a 429 is held before it is sent (default 1000 ms). */
  readonly refusalDelayMs?: number;
}

/**
 * A refused client waits this long for its 429: a sender that retries at
 * once (eight connections in a closed loop) then gets eight answers a
 * second instead of thousands, and costs a timer per connection meanwhile.
 */
export const DEFAULT_REFUSAL_DELAY_MS = 1_000;

/** The contract's defaults: on unless configured off. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { perCredentialPerMinute: 1200, authFailuresPerMinute: 20 };
/** Nothing limited: for tests and benchmarks that drive one key hard. */
export const NO_RATE_LIMITS: RateLimitSettings = { perCredentialPerMinute: 0, authFailuresPerMinute: 0 };

const WINDOW_SECONDS = 60;

/** What a credential is known by in the limiters: its SHA-256, so no key sits in memory beyond the request. */
export function credentialKey(credential: string): string {
  return hash('sha256', credential, 'base64url');
}

function tooManyRequests(msBeforeNext: number): HttpInputError {
  return new HttpInputError('TooManyRequests', 'Too many requests; retry later', Math.max(1, Math.ceil(msBeforeNext / 1000)));
}

/** Resolves at `at` (a performance.now() reading), at once when that has passed. */
export async function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  if (wait > 0) await new Promise<void>((done) => setTimeout(done, wait));
}

/**
 * Per-process fixed-window limits (rate-limiter-flexible's memory limiter):
 * requests per credential, and failed authentications per client address
 * (an IPv6 client by its /64, `addressKey`).
 * An address over its failure budget has each further failure answered 429
 * until its window ends; its valid credentials still pass (a NAT shares one
 * address among many clients).
 * Credentials are keyed by their SHA-256, so no key sits in the limiter.
 * Every 429 is held for `refusalDelayMs` before it goes out (a tarpit).
 */
export class RateLimits {
  private readonly perCredential?: RateLimiterMemory;
  private readonly failures?: RateLimiterMemory;
  private readonly refusalDelayMs: number;

  constructor(settings: RateLimitSettings) {
    this.refusalDelayMs = settings.refusalDelayMs ?? DEFAULT_REFUSAL_DELAY_MS;
    if (settings.perCredentialPerMinute > 0) {
      this.perCredential = new RateLimiterMemory({ points: settings.perCredentialPerMinute, duration: WINDOW_SECONDS });
    }
    if (settings.authFailuresPerMinute > 0) {
      this.failures = new RateLimiterMemory({ points: settings.authFailuresPerMinute, duration: WINDOW_SECONDS });
    }
  }

  /**
   * 429 when this address has used up its failed authentications (asked
   * after a failure, never before a success). `since` (performance.now() at
   * the request's start) makes the refusal delay count from then, so the
   * time of the check before it does not show.
   */
  async refuseBlockedAddress(address: string, since?: number): Promise<void> {
    if (this.failures === undefined) return;
    const state = await this.failures.get(addressKey(address));
    if (state !== null && state.consumedPoints >= this.failures.points) throw await this.refusal(state.msBeforeNext, since);
  }

  /** Counts a failed authentication; answers the 429 to throw when it was one too many, else undefined. */
  async recordFailure(address: string, since?: number): Promise<HttpInputError | undefined> {
    if (this.failures === undefined) return undefined;
    try {
      await this.failures.consume(addressKey(address));
      return undefined;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return this.refusal((rejection as RateLimiterRes).msBeforeNext, since);
    }
  }

  /**
   * Counts a request of an authenticated credential, named by its
   * `credentialKey` (the caller hashes it once for this and the body budget); 429 past the limit.
   */
  async consumeCredential(key: string): Promise<void> {
    if (this.perCredential === undefined) return;
    try {
      await this.perCredential.consume(key);
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      throw await this.refusal((rejection as RateLimiterRes).msBeforeNext);
    }
  }

  private async refusal(msBeforeNext: number, since = performance.now()): Promise<HttpInputError> {
    await sleepUntil(since + this.refusalDelayMs);
    return tooManyRequests(msBeforeNext);
  }
}
