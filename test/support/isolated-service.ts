import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from 'inversify';
import { DataSource } from 'typeorm';
import { EMBEDDED_RUNTIME_ROLE, EmbeddedDatabase, startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';
import { createDataSource } from '../../src/adapters/persistence/typeorm/data-source';
import { runMigrations } from '../../src/bootstrap/migrations';
import { createContainer } from '../../src/bootstrap/container';
import { freePort } from './child-server';
import { rememberSecret } from './suite-secrets';

/**
 * A PostgreSQL of a suite's own (a temporary embedded cluster, migrated,
 * with the runtime role's grants), for suites that start the real server as
 * a child process on it and may stop or freeze the database.
 */
export interface IsolatedDatabase {
  readonly db: EmbeddedDatabase;
  /** As the cluster's superuser: for seeding and for checking rows afterwards. */
  readonly admin: DataSource;
  readonly container: Container;
  readonly secretKey: string;
  /** The postmaster and every process it forked (backends, checkpointer, …). */
  postgresPids(): number[];
  close(): Promise<void>;
}

export async function isolatedDatabase(name: string, secretKey: string): Promise<IsolatedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `ih-${name}-`));
  const db = await startEmbeddedPostgres({ dataDir, database: name.replace(/-/g, '_'), port: await freePort() });
  rememberSecret(decodeURIComponent(new URL(db.url).password), decodeURIComponent(new URL(db.runtimeUrl).password));
  const admin = createDataSource({ url: db.url, poolSize: 4 });
  await admin.initialize();
  await runMigrations(admin, { runtimeRole: EMBEDDED_RUNTIME_ROLE });
  const container = createContainer({ persistence: { kind: 'typeorm', dataSource: admin }, secretKey });
  return {
    db,
    admin,
    container,
    secretKey,
    postgresPids() {
      const postmaster = Number(readFileSync(join(db.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, hence the split after ')'.
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
          } catch {
            return false; // the process ended meanwhile
          }
        })
        .map(Number);
      return [postmaster, ...children];
    },
    async close() {
      if (admin.isInitialized) await admin.destroy();
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process, in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
