import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, Runner, TaskList, WorkerEvents } from 'graphile-worker';
import type { Pool } from 'pg';
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
}

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
    client.on('error', (error) => log('warning', `database client error: ${error.message}`, {}));
  });
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
 */
export class GraphileWorkerJobRunner {
  private runner: Runner | undefined;
  private poolId: string | undefined;
  private readonly events: WorkerEvents = new EventEmitter() as WorkerEvents;
  private liveness: WorkerPoolLiveness | undefined;

  constructor(private readonly options: GraphileWorkerJobRunnerOptions) {
    this.events.on('pool:create', ({ workerPool }) => {
      this.poolId = workerPool.id;
    });
  }

  /** Installs or upgrades graphile-worker's own schema; concurrent callers are safe (it detects the clash). */
  static async installSchema(pgPool: Pool, options: { schema?: string; log?: JobLog } = {}): Promise<void> {
    guardClientErrors(pgPool, options.log ?? stderrLog);
    await runMigrations({ pgPool, schema: options.schema, logger: loggerOf(options.log ?? stderrLog) });
  }

  /** The id under which this process locks the jobs it runs; what force_unlock_workers() takes after a crash. */
  get workerPoolId(): string | undefined {
    return this.poolId;
  }

  async start(): Promise<void> {
    if (this.runner !== undefined) return;
    guardClientErrors(this.options.pgPool, this.options.log ?? stderrLog);
    const taskList: TaskList = {};
    for (const [identifier, handler] of Object.entries(this.options.handlers)) {
      taskList[identifier] = async (payload) => handler(payload);
    }
    this.runner = await run({
      pgPool: this.options.pgPool,
      taskList,
      concurrency: this.options.concurrency ?? 5,
      pollInterval: this.options.pollIntervalMs ?? 2_000,
      schema: this.options.schema,
      noHandleSignals: true,
      crontab: this.options.crontab ?? '',
      events: this.events,
      logger: loggerOf(this.options.log ?? stderrLog),
    });
    const recovery = this.options.crashRecovery ?? {};
    if (recovery !== false && this.poolId !== undefined) {
      const log = this.options.log ?? stderrLog;
      this.liveness = new WorkerPoolLiveness(this.options.pgPool, {
        sweepIntervalMs: recovery.sweepIntervalMs,
        onError: (error) => log('warning', `releasing jobs of stopped runners failed: ${error.message}`, {}),
      });
      await this.liveness.register(this.poolId);
    }
  }

  /** Stops taking jobs and waits for the running ones to finish (graceful); their locks are released. */
  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    await this.liveness?.unregister();
    this.liveness = undefined;
  }
}
