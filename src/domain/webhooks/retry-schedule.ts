/**
 * When a failed webhook delivery is tried again. Exponential backoff with
 * "equal jitter" (half of each delay fixed, half random), so deliveries that
 * failed together — one receiver down for all of them — come back spread
 * out instead of in a wave; within a window (24 h in production) counted
 * from the first attempt, after which the delivery is failed.
 *
 * With the production numbers the delays are 2.5–5 s, 5–10 s, 10–20 s …
 * until the 2 h cap (so 1–2 h with jitter) is reached after twelve attempts,
 * 1.5–3 h in: 22 to 34 attempts in 24 h depending on the draws.
 */
export interface RetrySchedule {
  /** The full delay after the first failed attempt; doubled after each further one. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** No attempt is scheduled later than this after the first one. */
  readonly windowMs: number;
}

export const WEBHOOK_RETRY_SCHEDULE: RetrySchedule = {
  firstDelayMs: 5_000,
  maxDelayMs: 2 * 60 * 60_000,
  windowMs: 24 * 60 * 60_000,
};

export interface FailedAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly failedAt: Date;
  /** When the first attempt of this schedule was made (a manual retry starts a new schedule). */
  readonly startedAt: Date;
  /** From a Retry-After answer (429, 503): waited for, up to the cap. */
  readonly retryAfterMs?: number;
}

/** When to make the next attempt, or null when the window is spent and the delivery has failed. */
export function nextAttemptAt(schedule: RetrySchedule, failed: FailedAttempt, random: () => number): Date | null {
  const exponential = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** Math.max(0, failed.attempt - 1));
  let delay = exponential / 2 + (random() * exponential) / 2;
  if (failed.retryAfterMs !== undefined && failed.retryAfterMs > delay) delay = Math.min(failed.retryAfterMs, schedule.maxDelayMs);
  const at = failed.failedAt.getTime() + delay;
  return at > failed.startedAt.getTime() + schedule.windowMs ? null : new Date(at);
}

/** A Retry-After header (delay-seconds or an HTTP date, RFC 9110 §10.2.3) as milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
