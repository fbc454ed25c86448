/**
 * A cap on the jobs of one kind or one owner that run at once in this
 * process: at most `limit` running jobs carry `flag`, or, when `flag` ends
 * with `*`, any one flag that starts with what precedes it (each owner
 * counted apart: `webhook-owner:*` caps every brand on its own).
 */
export interface FlagLimit {
  readonly flag: string;
  readonly limit: number;
}

/** A fetch whose end was never heard of (it cannot happen in graphile-worker 0.18) lets the next one go after this long. */
const FETCH_TURN_MAX_MS = 10_000;

/**
 * Counts the flags of the running jobs and names those at their cap for
 * graphile-worker's `forbiddenFlags`, whose fetch then skips their jobs
 * (docs/adr/0016). A flag can only be named once a job carrying it runs,
 * so workers fetching at the same instant could each take one job of an
 * owner with none running, and together exceed its cap; so the fetches of
 * one process take turns: the next is asked for its forbidden flags only
 * once the last has ended, its job counted. A fetch is one query of a few
 * milliseconds at most (ADR 16 measures it behind a backlog), next to
 * jobs that wait on the network.
 *
 * One per graphile-worker run: a pool that died mid-job never reports the
 * ends of its jobs, and its successor must not inherit their counts.
 */
export class FlagLimiter {
  private readonly running = new Map<string, number>();
  private turns: Promise<void> = Promise.resolve();
  private endTurn: (() => void) | undefined;

  constructor(private readonly limits: readonly FlagLimit[]) {
    for (const { flag, limit } of limits) {
      if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`the limit of job flag ${flag} must be a whole number of at least 1`);
    }
  }

  /** graphile-worker's forbiddenFlags: waits for this fetch's turn, then names the flags at their cap. */
  async beforeFetch(): Promise<string[]> {
    const previous = this.turns;
    let end!: () => void;
    this.turns = new Promise((resolve) => (end = resolve));
    await previous;
    const backstop = setTimeout(end, FETCH_TURN_MAX_MS);
    backstop.unref();
    this.endTurn = () => {
      clearTimeout(backstop);
      end();
    };
    return this.forbidden();
  }

  /** The fetch in turn ended, with a job carrying these flags (now counted as running) or with none. */
  fetched(flags: readonly string[] | undefined): void {
    if (flags !== undefined) for (const flag of flags) this.running.set(flag, (this.running.get(flag) ?? 0) + 1);
    const endTurn = this.endTurn;
    this.endTurn = undefined;
    endTurn?.();
  }

  /** A job that `fetched` counted has ended, whatever its outcome. */
  ended(flags: readonly string[]): void {
    for (const flag of flags) {
      const left = (this.running.get(flag) ?? 0) - 1;
      if (left > 0) this.running.set(flag, left);
      else this.running.delete(flag); // owners come and go: the map holds only those with running jobs
    }
  }

  /** The flags whose jobs must not be fetched now. */
  forbidden(): string[] {
    const forbidden: string[] = [];
    for (const [flag, count] of this.running) {
      const limit = this.limitOf(flag);
      if (limit !== undefined && count >= limit) forbidden.push(flag);
    }
    return forbidden;
  }

  private limitOf(flag: string): number | undefined {
    for (const { flag: pattern, limit } of this.limits) {
      if (pattern.endsWith('*') ? flag.startsWith(pattern.slice(0, -1)) : flag === pattern) return limit;
    }
    return undefined;
  }
}

/** A job row's flags as graphile-worker gives them (an object of `flag: true`, or null). */
export function flagsOf(job: { readonly flags?: Readonly<Record<string, unknown>> | null }): string[] {
  return Object.keys(job.flags ?? {});
}
