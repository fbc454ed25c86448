import { DataSource } from 'typeorm';
import { GraphileWorkerJobRunner, JobLog } from '../adapters/job-queue/graphile-worker.job-runner';
import { writeAuditRetention } from '../adapters/persistence/typeorm/audit-policy';
import { runLockedMigrations } from '../adapters/persistence/typeorm/data-source';
import { grantRuntimeRole } from '../adapters/persistence/typeorm/runtime-role';

export interface MigrationOptions {
  /** AUDIT_RETENTION_DAYS, written into audit_policy by the owner; unset leaves the stored value (365 at first). */
  readonly auditRetentionDays?: number;
  /** A login role that gets the runtime grants (docs/database-role.md) after the run; the embedded database's own. */
  readonly runtimeRole?: string;
  /** graphile-worker's own log lines; default errors and warnings to stderr. */
  readonly jobQueueLog?: JobLog;
}

/**
 * The schema step of start-up, the CLI's `migrate` and embedding hosts, all
 * under one advisory lock: graphile-worker's schema first (the outbox
 * trigger in our migrations queues jobs with graphile_worker.add_job), then
 * our migrations, then the owner's settings and the runtime role's grants.
 * Answers the names of the migrations applied (ours; the queue's are its
 * own business). Run it as the schema's owner.
 */
export async function runMigrations(dataSource: DataSource, options: MigrationOptions = {}): Promise<string[]> {
  return runLockedMigrations(dataSource, {
    before: (pool) => GraphileWorkerJobRunner.installSchema(pool, { log: options.jobQueueLog }),
    after: async (owner) => {
      if (options.auditRetentionDays !== undefined) await writeAuditRetention(owner, options.auditRetentionDays);
      if (options.runtimeRole !== undefined) await grantRuntimeRole(owner, options.runtimeRole);
    },
  });
}
