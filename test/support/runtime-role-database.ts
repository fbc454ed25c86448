import { expect } from 'chai';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/adapters/persistence/typeorm/data-source';
import { runMigrations } from '../../src/bootstrap/migrations';
import { createScratchDatabase, ScratchDatabase } from './scratch-database';
import { suiteLoginRole } from './suite-login-role';

/** An empty scratch database after the start-up migration step, run as its owner with `role` as the runtime role (its grants and row policies given). */
export interface RuntimeRoleDatabase {
  readonly db: ScratchDatabase;
  readonly owner: DataSource;
  /** How to reach the scratch database as the runtime role. */
  readonly runtimeUrl: string;
  close(): Promise<void>;
}

export async function runtimeRoleDatabase(role: string, password: string): Promise<RuntimeRoleDatabase> {
  const login = await suiteLoginRole(role, password);
  const db = await createScratchDatabase([]);
  // The step runs on the service's own DataSource definition, as start-up does.
  const owner = createDataSource({ url: db.url, poolSize: 2 });
  await owner.initialize();
  await runMigrations(owner, { auditRetentionDays: 30, runtimeRole: role, jobQueueLog: () => undefined });
  return {
    db,
    owner,
    runtimeUrl: login.urlFor(db.url),
    async close() {
      if (owner.isInitialized) await owner.destroy();
      await db.drop();
    },
  };
}

/** Takes away the row policies the migration step gave `role` on graphile-worker's tables (the grants without the README's DO block). */
export async function dropJobQueuePolicies(owner: DataSource, role: string): Promise<void> {
  const policies: { tablename: string; policyname: string }[] = await owner.query(
    `SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'graphile_worker' AND policyname = $1`, [`ih_rows_${role}`]);
  expect(policies, 'the migration step gave the policies this suite takes away').not.to.deep.equal([]);
  for (const { tablename, policyname } of policies) await owner.query(`DROP POLICY "${policyname}" ON graphile_worker."${tablename}"`);
}
