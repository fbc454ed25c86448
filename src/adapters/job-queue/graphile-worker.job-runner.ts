import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, Runner, TaskList, WorkerEvents } from 'graphile-worker';
import type { Pool } from 'pg';
import { FlagLimit, FlagLimiter, flagsOf } from './flag-limits';
import { WorkerPoolLiveness } from './worker-pool-liveness';

/** Runs one job; its payload is whatever the SQL that queued it wrote, so a handler checks it. */
export type JobHandler = (payload: unknown) => Promise<void>;

export type JobLog = (level: 'error' | 'warning' | 'info' | 'debug', message: string, meta: Record<string, unknown>) => void;

export interface GraphileWorkerJobRunnerOptions {
  /** The pool the DataSource owns: the runner adds its LISTEN connection and its job fetches to it. */
  readonly pgPool: Pool;
  /** Task identifier (as queued by the SQL functions) → handler. */
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** graphile-worker crontab lines (`0 3 * * * task`); each tick runs once across all instances. Default none. */
  readonly crontab?: string;
  /** Jobs run at once in this process; deliveries mostly wait on the network, so more than one. Default 5. */
  readonly concurrency?: number;
  /**
   * Caps on the running jobs that carry a flag (the SQL that queues a job
   * gives its flags): no kind of job and no single owner takes every one of
   * the `concurrency` slots. Default none.
   */
  readonly flagLimits?: readonly FlagLimit[];
  /** How often jobs scheduled for later are looked for; new jobs arrive at once through LISTEN. Default 2,000 ms. */
  readonly pollIntervalMs?: number;
  readonly schema?: string;
  /** Default: errors and warnings to stderr, the rest dropped. */
  readonly log?: JobLog;
  /**
   * Register this runner as alive and free the jobs of runners that died
   * (needs the job_worker_pools table). Default on, sweeping every minute.
   */
  readonly crashRecovery?: false | { readonly sweepIntervalMs?: number };
  /**
   * Wait before starting a new runner when graphile-worker's has ended by itself
   * (a long database outage): doubles from `firstMs` up to `maxMs`, each
   * wait drawn between half and all of it. Default 1,000 to 30,000 ms.
   */
  readonly restartBackoff?: { readonly firstMs?: number; readonly maxMs?: number };
}

/**
 * `running`: taking jobs; `failing`: running, but the database refuses its job fetches for lack of privileges (42501);
 * `restarting`: between a runner that ended by itself and the next (or still starting);
 * `stopped`: before start(), after stop(), or for good after a newer graphile-worker made a breaking change to the queue's schema.
 */
export type JobRunnerState = 'running' | 'failing' | 'restarting' | 'stopped';

/** What `problem` says while `failing`: fixed words (it is shown on the unauthenticated /readyz), the database's own in the log. */
export const JOB_ACCESS_PROBLEM =
  'the database refuses the job queue its rows (SQLSTATE 42501): the runtime role lacks its grants or row policies on graphile_worker';

const stderrLog: JobLog = (level, message) => {
  if (level === 'error' || level === 'warning') process.stderr.write(`graphile-worker ${level}: ${message}\n`);
};

/**
 * A pooled client that loses its connection while checked out but idle (the
 * LISTEN client, mostly) emits 'error'; with no listener Node exits. The
 * DataSource's pool handles errors of idle clients but not of checked-out
 * ones, which graphile-worker rightly warns about.
 */
function guardClientErrors(pool: Pool, log: JobLog): void {
  if (pool.listeners('connect').length > 0) return;
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      // 57P01: the server is shutting down (the embedded one at the service's own stop, too); what it
      // interrupts warns on its own (the runner's restart), so this line need not.
      const shutdown = (error as { code?: unknown }).code === '57P01';
      log(shutdown ? 'info' : 'warning', `database client error: ${error.message}`, {});
    });
  });
}

/**
 * graphile-worker's two signs that a newer graphile-worker has migrated the
 * queue's schema past what this one supports (a breaking revision): a
 * running pool gets a `worker:migrate` notification with `breaking: true`
 * and shuts itself down; a run() that starts afterwards fails in its
 * migration check with this message. No error code or class marks the
 * second, so its wording is matched, and a test provokes both against the
 * real graphile-worker (job-runner-incompatible-schema.test.ts), so an
 * upgrade that rewords it fails there.
 */
export function breakingRevisionOfNotification(channel: string, payload: string | undefined): number | null {
  if (channel !== 'worker:migrate') return null;
  try {
    const parsed = JSON.parse(payload ?? '') as { breaking?: unknown; migrationNumber?: unknown };
    return parsed.breaking === true && typeof parsed.migrationNumber === 'number' ? parsed.migrationNumber : null;
  } catch {
    return null;
  }
}

export function isIncompatibleSchemaError(error: unknown): boolean {
  return error instanceof Error && INCOMPATIBLE_SCHEMA.test(error.message);
}

const INCOMPATIBLE_SCHEMA = /includes breaking migration (\d+), but the currently running worker only supports up to revision/;

/** PostgreSQL's insufficient_privilege: a missing grant, or a row-level security policy that refuses the row. */
function isPrivilegeError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '42501';
}

function loggerOf(log: JobLog): Logger {
  return new Logger((scope) => (level, message, meta) => log(level, message, { ...scope, ...meta }));
}

/**
 * graphile-worker inside the service process (docs/adr/0005): jobs are
 * queued by SQL in the writes' own statements; this runs them. Several
 * instances can run it on one database — each job is locked by one of them
 * (SELECT … FOR UPDATE SKIP LOCKED inside graphile-worker).
 *
 * No signal handlers (the service's own shutdown calls stop()), no crontab
 * file read from the working directory (the crontab is given as text), no
 * task directory.
 *
 * graphile-worker rides out short outages itself, but a job that ends while
 * the database is gone cannot be marked done, and its worker pool then
 * shuts down for good. Until stop(), such an end starts a fresh runner after
 * a backoff, and again while the database still refuses.
 */
export class GraphileWorkerJobRunner {
  private runner: Runner | undefined;
  private poolId: string | undefined;
  private liveness: WorkerPoolLiveness | undefined;
  /** Between start() and stop(): a runner that ends then is restarted. */
  private wanted = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartAttempt = 0;
  /** A run() in flight (start or restart); stop() waits for it, so nothing it starts outlives stop(). */
  private launching: Promise<void> | undefined;
  /** The dead pool's unregistration, awaited by stop() before the caller closes the pool. */
  private retiring: Promise<void> = Promise.resolve();
  /**
   * Set when a newer graphile-worker made a breaking change to the queue's
   * schema: this build must not take jobs any more, and no restart can
   * change that (only a deploy of the newer build), so the runner stays
   * stopped instead of restarting forever.
   */
  private incompatibleSchema: string | undefined;
  /**
   * Set while the database refuses the worker pool's job fetches for lack of
   * privileges (the runtime role without the grants or the row policies the
   * README's DO block gives): the pool polls, but no job is ever taken, and
   * graphile-worker says so only at debug level. graphile-worker also keeps
   * the refused lookup of its task ids for the life of its run(), so that
   * pool would stay refused after the grants are given: it is replaced,
   * after the restart backoff, until a new one's fetch succeeds, which
   * clears this.
   */
  private accessRefused = false;

  constructor(private readonly options: GraphileWorkerJobRunnerOptions) {
    new FlagLimiter(options.flagLimits ?? []); // refuses a bad limit here, not at the first launch
  }

  /** Installs or upgrades graphile-worker's own schema; concurrent callers are safe (it detects the clash). */
  static async installSchema(pgPool: Pool, options: { schema?: string; log?: JobLog } = {}): Promise<void> {
    guardClientErrors(pgPool, options.log ?? stderrLog);
    await runMigrations({ pgPool, schema: options.schema, logger: loggerOf(options.log ?? stderrLog) });
  }

  /**
   * The id under which this process locks the jobs it runs; what force_unlock_workers() takes after a crash. Changes with each restart.
   * Undefined until that pool is registered in job_worker_pools (with crash recovery on), so an id read here is there.
   */
  get workerPoolId(): string | undefined {
    return this.poolId;
  }

  /** What the runner is doing now (the server's /readyz shows it as `jobs`). */
  get state(): JobRunnerState {
    if (!this.wanted || this.incompatibleSchema !== undefined) return 'stopped';
    if (this.accessRefused) return 'failing'; // between the replaced pools too
    return this.runner === undefined ? 'restarting' : 'running';
  }

  /** Why the state is `failing`, or `stopped` for good while wanted (a newer, incompatible queue schema), in a few fixed words; undefined otherwise. */
  get problem(): string | undefined {
    const state = this.state;
    if (state === 'failing') return JOB_ACCESS_PROBLEM;
    return state === 'stopped' ? this.incompatibleSchema : undefined;
  }

  /** Starts taking jobs; fails (and stays stopped) when the first runner cannot start. */
  async start(): Promise<void> {
    if (this.wanted) return;
    this.wanted = true;
    this.restartAttempt = 0;
    this.incompatibleSchema = undefined;
    this.accessRefused = false;
    guardClientErrors(this.options.pgPool, this.log);
    this.launching = this.launch();
    try {
      await this.launching;
    } catch (error) {
      this.wanted = false;
      throw error;
    } finally {
      this.launching = undefined;
    }
  }

  /** Stops taking jobs and waits for the running ones to finish (graceful); their locks are released. Cancels a pending restart. */
  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.launching?.catch(() => undefined);
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    this.retire();
    await this.retiring;
  }

  /** restartBackoff with its defaults. */
  private get backoff(): { firstMs: number; maxMs: number } {
    const { firstMs = 1_000, maxMs = 30_000 } = this.options.restartBackoff ?? {};
    return { firstMs, maxMs };
  }

  private get log(): JobLog {
    return this.options.log ?? stderrLog;
  }

  /** One run(): a new worker pool, registered as alive under its id. */
  private async launch(): Promise<void> {
    const events = new EventEmitter() as WorkerEvents; // one per run: a dead pool's late events reach nobody
    let poolId: string | undefined;
    events.on('pool:create', ({ workerPool }) => {
      poolId = workerPool.id;
    });
    // Heard before graphile-worker shuts the pool down for it, so ended() knows not to restart.
    let breakingRevision: number | null = null;
    events.on('pool:listen:notification', ({ message }) => {
      breakingRevision ??= breakingRevisionOfNotification(message.channel, message.payload);
    });
    // Each worker fetches on every poll, so a refusal shows within a poll interval, and so does its end.
    // (Fetches can fail before run() returns: the pool's replacement waits for its runner.)
    let launched: Runner | undefined;
    let refusedBeforeLaunched = false;
    events.on('worker:getJob:error', ({ error }) => {
      if (!this.jobFetched(error instanceof Error ? error : new Error(String(error)))) return;
      if (launched === undefined) refusedBeforeLaunched = true;
      else this.replaceRefused(launched);
    });
    events.on('worker:getJob:empty', () => void this.jobFetched(undefined));
    events.on('job:start', () => void this.jobFetched(undefined));
    const limiter = this.limitFlags(events);
    const runner = await run({
      pgPool: this.options.pgPool,
      taskList: this.taskList(),
      concurrency: this.options.concurrency ?? 5,
      pollInterval: this.options.pollIntervalMs ?? 2_000,
      schema: this.options.schema,
      noHandleSignals: true,
      crontab: this.options.crontab ?? '',
      forbiddenFlags: limiter === undefined ? null : () => limiter.beforeFetch(),
      events,
      logger: loggerOf(this.log),
      // Unbatched, a job done while the database is gone fails to be marked
      // done as an unhandled rejection, which ends the process; batched (at
      // once), it shuts the pool down, which ended() restarts from.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    if (!this.wanted) {
      await runner.stop(); // stop() came during run()
      return;
    }
    // The runner is current at once (an end during registration must reach ended()); its pool id is reported
    // (workerPoolId) only once registered, so whoever reads the id finds it in job_worker_pools.
    this.runner = runner;
    launched = runner;
    const startedAt = performance.now();
    const ended = (): void => this.ended(runner, performance.now() - startedAt, breakingRevision);
    events.on('pool:release', ended);
    runner.promise.then(ended, ended);
    const recovery = this.options.crashRecovery ?? {};
    if (recovery === false || poolId === undefined) {
      this.poolId = poolId; // nothing to register
      if (refusedBeforeLaunched) this.replaceRefused(runner);
      return;
    }
    const liveness = new WorkerPoolLiveness(this.options.pgPool, {
      sweepIntervalMs: recovery.sweepIntervalMs,
      onError: (error) => this.log('warning', `releasing jobs of stopped runners failed: ${error.message}`, {}),
    });
    try {
      await liveness.register(poolId);
    } catch (error) {
      // Not running unregistered: a crash now would leave its jobs locked for hours.
      if (this.runner === runner) this.runner = undefined;
      await runner.stop().catch(() => undefined);
      throw error;
    }
    if (this.runner === runner) {
      this.liveness = liveness;
      this.poolId = poolId;
    } else {
      await liveness.unregister(); // it ended while registering
    }
    if (refusedBeforeLaunched) this.replaceRefused(runner);
  }

  /** A run's flag limiter (none without flagLimits), told by the run's own events of every fetch and of every job's end. */
  private limitFlags(events: WorkerEvents): FlagLimiter | undefined {
    if (!this.options.flagLimits?.length) return undefined;
    const limiter = new FlagLimiter(this.options.flagLimits);
    events.on('job:start', ({ job }) => limiter.fetched(flagsOf(job)));
    events.on('worker:getJob:empty', () => limiter.fetched(undefined));
    events.on('worker:getJob:error', () => limiter.fetched(undefined));
    events.on('job:complete', ({ job }) => limiter.ended(flagsOf(job)));
    return limiter;
  }

  /** The current runner ended without stop(): forget its pool and start another after the backoff, unless the schema moved past this build. */
  private ended(runner: Runner, livedMs: number, breakingRevision: number | null): void {
    if (this.runner !== runner || !this.wanted) return;
    this.runner = undefined;
    this.retire();
    if (breakingRevision !== null) {
      this.giveUp(breakingRevision, `graphile-worker heard that a newer graphile-worker migrated the job queue's schema to breaking revision ${breakingRevision}, and shut its pool down`);
      return;
    }
    if (livedMs > this.backoff.maxMs) this.restartAttempt = 0; // a runner that lived a while restarts at the first delay again
    this.scheduleRestart('the job queue runner ended by itself (database unreachable?)');
  }

  private scheduleRestart(reason: string, level: 'warning' | 'debug' = 'warning'): void {
    const { firstMs, maxMs } = this.backoff;
    const attempt = ++this.restartAttempt;
    const ceiling = Math.min(maxMs, firstMs * 2 ** (attempt - 1));
    const delayMs = Math.round(ceiling * (0.5 + Math.random() / 2)); // jitter: instances that lost the same database do not return at once
    this.log(level, `${reason}; restarting it in ${delayMs} ms (attempt ${attempt})`, { attempt, delayMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.launching = this.launch().then(
        () => undefined,
        (error: Error) => {
          if (!this.wanted) return;
          const incompatible = INCOMPATIBLE_SCHEMA.exec(error.message);
          if (incompatible !== null) this.giveUp(Number(incompatible[1]), error.message);
          else this.scheduleRestart(`restarting the job queue runner failed: ${error.message}`);
        },
      );
    }, delayMs);
    this.restartTimer.unref(); // stop() clears it; it must not keep a stopping process alive either
  }

  /**
   * Stops for good, with one error line: a newer build's graphile-worker owns
   * the queue now. The jobs wait in the table for that build's instances
   * (or this one's after a redeploy); this process keeps answering HTTP.
   * graphile-worker also sets process.exitCode to 57 here; the server exits
   * with its own code (process.exit) at shutdown, so that does not leak out.
   */
  private giveUp(revision: number, detail: string): void {
    this.incompatibleSchema = `a newer build's graphile-worker made a breaking change to the job queue's schema (revision ${revision}); this build takes no jobs`;
    this.log('error', `the job queue runner stopped for good and will not restart: ${detail}; deploy the newer build (or one with a compatible graphile-worker) to run jobs again`, { revision });
  }

  /**
   * A worker's fetch ended: refused for lack of privileges (one error line
   * when that starts), or not (one info line when a refusal ends). True
   * when it was refused.
   */
  private jobFetched(error: Error | undefined): boolean {
    if (error !== undefined && !isPrivilegeError(error)) return false; // an outage: graphile-worker retries, ended() restarts
    const refused = error !== undefined;
    if (refused === this.accessRefused) return refused;
    this.accessRefused = refused;
    if (refused) {
      this.log(
        'error',
        `the job queue takes no jobs: the database refuses its fetches (42501: ${error.message}); give the runtime role its grants and the row policies on graphile_worker (README, "Run on your own PostgreSQL": the DO block); /readyz shows jobs "failing" until a fetch succeeds`,
        { code: '42501' },
      );
    } else {
      this.log('info', 'the job queue takes jobs again: the database no longer refuses its fetches', {});
    }
    return refused;
  }

  /**
   * Replaces a pool whose fetches were refused (see accessRefused) after the
   * restart backoff; the wait is logged at debug level, the refusal itself
   * having had its error line. Its stop is awaited by stop().
   */
  private replaceRefused(runner: Runner): void {
    if (this.runner !== runner || !this.wanted) return;
    this.runner = undefined;
    this.retiring = this.retiring.then(() => runner.stop().catch(() => undefined));
    this.retire();
    this.scheduleRestart('the database refused the job queue runner its jobs (42501)', 'debug');
  }

  /** Unregisters the current pool id; its jobs still locked are released (the pool is gone, see WorkerPoolLiveness). */
  private retire(): void {
    const liveness = this.liveness;
    this.liveness = undefined;
    this.poolId = undefined;
    if (liveness !== undefined) this.retiring = this.retiring.then(() => liveness.unregister());
  }

  private taskList(): TaskList {
    const taskList: TaskList = {};
    for (const [identifier, handler] of Object.entries(this.options.handlers)) {
      taskList[identifier] = async (payload) => handler(payload);
    }
    return taskList;
  }
}
