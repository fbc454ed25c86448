import type { Container, ServiceIdentifier } from 'inversify';
import type { DataSource } from 'typeorm';
import { GraphileWorkerJobRunner, JobLog } from '../adapters/job-queue/graphile-worker.job-runner';
import { crontabOf, JOB_CONCURRENCY, JobEntry, jobFlagLimits, jobHandlers, JOBS, UseCaseKey } from '../adapters/job-queue/job-table';
import { pgPool } from '../adapters/persistence/typeorm/pool-query';
import { RegisterEventSubscribers } from '../application/webhooks/register-event-subscribers.use-case';

export interface JobRunnerOptions {
  /** Default: the job table (adapters/job-queue/job-table.ts). */
  readonly jobs?: readonly JobEntry[];
  readonly log: JobLog;
  /** Jobs run at once in this process (default JOB_CONCURRENCY, 10: deliveries mostly wait on the network). */
  readonly concurrency?: number;
  /** How often jobs scheduled for later are looked for (default 2 s; new jobs arrive at once by LISTEN). */
  readonly pollIntervalMs?: number;
}

/**
 * The queue runner of the server process (never of the command line): every
 * job of the table, its use case resolved from the server's container, on
 * the DataSource's pool. The caller stops it after the HTTP drain and before
 * the pool closes.
 */
export async function startJobRunner(container: Container, dataSource: DataSource, options: JobRunnerOptions): Promise<GraphileWorkerJobRunner> {
  const jobs = options.jobs ?? JOBS;
  const concurrency = options.concurrency ?? JOB_CONCURRENCY;
  // Before the first job: events committed from now on queue a job for each of the host's subscribers.
  await container.get(RegisterEventSubscribers).execute();
  const runner = new GraphileWorkerJobRunner({
    pgPool: pgPool(dataSource),
    handlers: jobHandlers(jobs, <U>(useCase: UseCaseKey<U>): U => container.get(useCase as unknown as ServiceIdentifier<U>) as U),
    crontab: crontabOf(jobs),
    concurrency,
    flagLimits: jobFlagLimits(concurrency),
    pollIntervalMs: options.pollIntervalMs,
    log: options.log,
  });
  await runner.start();
  return runner;
}
