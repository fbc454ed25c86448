import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACCESS_REQUESTS_SQL, APP_UPDATE_SQL, APP_UPDATE_FUNCTION_SQL, CLEAR_DEFAULT_SQL, LOCK_DEFAULT_SQL, PLAIN_UPDATE_SQL, REPLACE_FUNCTION_SQL } from '../baseline/sql';
import { clusterCpu } from './cpu';
import { secretBox } from '../baseline/common';
import { portalSeedBody, PortalSeeded, seedBody, Seeded } from './workload';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Which write pgbench replays: the service's function, or the simplest baseline's plain statements. */
export type PgbenchVariant = 'function' | 'plain';

/** pgbench's -M: `extended` = unnamed statements, parsed and planned every time (node-pg's default); `prepared` = named, planned once per connection. */
export type PgbenchProtocol = 'extended' | 'prepared';

export interface PgbenchResult {
  available: boolean;
  variant?: PgbenchVariant;
  protocol?: PgbenchProtocol;
  /** What one pgbench transaction sends. */
  script?: string;
  statementsPerTransaction?: number;
  binary?: string;
  version?: string;
  clients?: number;
  threads?: number;
  durationSeconds?: number;
  scripts?: number;
  tps?: number;
  latencyAverageMs?: number;
  transactions?: number;
  failed?: number;
  /** CPU of every PostgreSQL process of the (embedded) cluster during the run, per transaction; null when not measurable. */
  databaseCpuUsPerTransaction?: number | null;
  note?: string;
}

export function findPgbench(): string | null {
  const candidates = [...(process.env.PATH ?? '').split(':').map((d) => join(d, 'pgbench')), '/usr/lib/postgresql/17/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'];
  return candidates.find((p) => p !== 'pgbench' && existsSync(p)) ?? null;
}

const NOW = Symbol('now()');

function literal(value: unknown): string {
  if (value === NOW) return 'now()';
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The statement with its $n placeholders replaced by SQL literals (pgbench scripts take no bound values of ours). */
function inline(sql: string, params: readonly unknown[]): string {
  return `${sql.replace(/\s+/g, ' ').replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]))};`;
}

/** What each pgbench transaction of one seeded row sends, as SQL lines. */
type Scripts = string[][];

/**
 * Seed 000's PUT, database side: the service's write (`SELECT … FROM
 * ih_replace_integration_authentication_audited(…) JOIN …`, with its audit
 * entry and event) or the simplest baseline's (the plain `UPDATE …
 * RETURNING` joined to the catalog; with isDefault=true the transaction
 * BEGIN, advisory lock, clear the previous default, the UPDATE, COMMIT),
 * secrets encrypted beforehand.
 */
function jfwScripts(seeded: Seeded, variant: PgbenchVariant, isDefault: boolean, secretKey: string): Scripts {
  const box = secretBox(secretKey);
  return seeded.ids.slice(0, 100).map((id, i) => {
    const b = seedBody(i, isDefault);
    const secret = box.encrypt(String(b.clientSecret), `integration-authentication:${seeded.brandId}:${id}`);
    const params = [id, seeded.brandId, null, b.appIntegrationId, b.code, b.name, b.projectId, b.clientId, secret, b.redirectURI, b.scope,
      b.authEndpoint, b.tokenEndpoint, b.iconURL, b.tags, b.description, b.status, b.isDefault, NOW,
      `\\x${box.digest(String(b.clientSecret)).toString('hex')}`, 'brand-key', 'pgbench', 'pgbench'];
    if (variant === 'function') return [inline(REPLACE_FUNCTION_SQL, params)];
    return isDefault
      ? ['BEGIN;', inline(LOCK_DEFAULT_SQL, [seeded.brandId, b.appIntegrationId]), inline(CLEAR_DEFAULT_SQL, [seeded.brandId, b.appIntegrationId, id, NOW]), inline(PLAIN_UPDATE_SQL, params), 'COMMIT;']
      : [inline(PLAIN_UPDATE_SQL, params)];
  });
}

/**
 * Seed 003's PUT, database side: the service's one statement (the app's
 * audited update that also answers its access requests with their
 * credentials) or the simplest baseline's two (the app's `UPDATE …
 * RETURNING`, then the read of its access requests).
 */
function portalScripts(seeded: PortalSeeded, variant: PgbenchVariant): Scripts {
  const b = portalSeedBody(seeded.userId);
  return seeded.appIds.slice(0, 100).map((appId) => {
    const changes = [b.Name, b.Description, b.RedirectURLs, b.UserID, b.Visibility];
    if (variant === 'function') return [inline(APP_UPDATE_FUNCTION_SQL, [appId, null, ...changes, NOW, 'portal-admin', 'pgbench', 'pgbench'])];
    return [inline(APP_UPDATE_SQL, [appId, null, ...changes, NOW]), inline(ACCESS_REQUESTS_SQL, [`{${appId}}`])];
  });
}

/**
 * The database side of a PUT alone, no HTTP and no auth lookup: pgbench
 * replaying the service's write or the simplest baseline's (jfwScripts,
 * portalScripts). One script per seeded row (pgbench picks one at random
 * per transaction; it accepts at most 128).
 */
export async function runPgbench(
  url: string,
  seeded: { jfw: Seeded } | { portal: PortalSeeded },
  dir: string,
  options: { variant: PgbenchVariant; protocol: PgbenchProtocol; clients: number; durationSeconds: number; isDefault: boolean; secretKey: string; postmasterPid: number | null },
): Promise<PgbenchResult> {
  const binary = findPgbench();
  if (binary === null) return { available: false, variant: options.variant, protocol: options.protocol, note: 'pgbench not found on PATH or in /usr/lib/postgresql/*/bin' };
  await mkdir(dir, { recursive: true });
  const scripts = 'jfw' in seeded
    ? jfwScripts(seeded.jfw, options.variant, options.isDefault, options.secretKey)
    : portalScripts(seeded.portal, options.variant);
  const kind = 'jfw' in seeded ? (options.isDefault ? 'default' : 'plain') : 'portal';
  const files: string[] = [];
  for (const [i, lines] of scripts.entries()) {
    const file = join(dir, `put-${options.variant}-${kind}-${i}.sql`);
    await writeFile(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  const statements = scripts[0]?.length ?? 0;
  const script = (scripts[0] ?? []).map((l) => (l.length > 120 ? `${l.slice(0, 117)}…` : l)).join(' ');
  const threads = Math.min(options.clients, 2);
  const argv = ['-n', '-M', options.protocol, '-c', String(options.clients), '-j', String(threads), '-T', String(options.durationSeconds), ...files.flatMap((f) => ['-f', f]), url];
  const version = (await run(binary, ['--version'])).stdout.trim();
  const base = { available: true, variant: options.variant, protocol: options.protocol, script, statementsPerTransaction: statements, binary, version, clients: options.clients, threads, durationSeconds: options.durationSeconds, scripts: files.length };
  try {
    const cpuBefore = options.postmasterPid === null ? null : clusterCpu(options.postmasterPid);
    const { stdout } = await run(binary, argv, { maxBuffer: 16 * 1024 * 1024 });
    await sleep(200); // pgbench's backends exit; the postmaster reaps them into its children's times
    const cpuAfter = options.postmasterPid === null ? null : clusterCpu(options.postmasterPid);
    const number = (re: RegExp) => {
      const m = re.exec(stdout);
      return m ? Number(m[1]) : undefined;
    };
    const transactions = number(/^number of transactions actually processed: (\d+)/m);
    return {
      ...base,
      tps: number(/^tps = ([\d.]+)/m),
      latencyAverageMs: number(/^latency average = ([\d.]+) ms/m),
      transactions,
      failed: number(/^number of failed transactions: (\d+)/m) ?? 0,
      databaseCpuUsPerTransaction: cpuBefore !== null && cpuAfter !== null && transactions ? ((cpuAfter - cpuBefore) * 1e6) / transactions : null,
    };
  } catch (error) {
    return { ...base, note: `pgbench failed: ${(error as { stderr?: string }).stderr ?? String(error)}`.slice(0, 2000) };
  }
}
