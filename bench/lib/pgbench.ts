import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encryptSecret } from './secret';
import { seedBody, Seeded } from './workload';

const run = promisify(execFile);

export interface PgbenchResult {
  available: boolean;
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
  note?: string;
}

export function findPgbench(): string | null {
  const candidates = [...(process.env.PATH ?? '').split(':').map((d) => join(d, 'pgbench')), '/usr/lib/postgresql/17/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'];
  return candidates.find((p) => p !== 'pgbench' && existsSync(p)) ?? null;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * The database's ceiling for the PUT's write: pgbench sending the same
 * `SELECT … FROM ih_replace_integration_authentication(…) JOIN …` statement
 * (extended protocol, like node-pg), one script per seeded id (pgbench picks
 * one at random per transaction), secrets encrypted beforehand. No auth
 * lookup: this is the write statement alone.
 */
export async function runPgbench(url: string, seeded: Seeded, dir: string, options: { clients: number; durationSeconds: number; isDefault: boolean; secretKey: string }): Promise<PgbenchResult> {
  const binary = findPgbench();
  if (binary === null) return { available: false, note: 'pgbench not found on PATH or in /usr/lib/postgresql/*/bin' };
  await mkdir(dir, { recursive: true });
  const ids = seeded.ids.slice(0, 100); // pgbench accepts at most 128 scripts
  const files: string[] = [];
  for (const [i, id] of ids.entries()) {
    const b = seedBody(i, options.isDefault);
    const secret = encryptSecret(options.secretKey, String(b.clientSecret), `integration-authentication:${seeded.brandId}:${id}`);
    const args = [id, seeded.brandId, null, b.appIntegrationId, b.code, b.name, b.projectId, b.clientId, secret, b.redirectURI, b.scope,
      b.authEndpoint, b.tokenEndpoint, b.iconURL, b.tags, b.description, b.status, b.isDefault].map(literal);
    const sql = `SELECT r.*, ai.type AS ai_type, ai.name AS ai_name, ai.domain AS ai_domain, ai.description AS ai_description, ai.logo_url AS ai_logo_url, ai.status AS ai_status FROM ih_replace_integration_authentication(${args.join(', ')}, now()) r JOIN app_integrations ai ON ai.id = r.app_integration_id;\n`;
    const file = join(dir, `put-${options.isDefault ? 'default' : 'plain'}-${i}.sql`);
    await writeFile(file, sql);
    files.push(file);
  }
  const threads = Math.min(options.clients, 2);
  const argv = ['-n', '-M', 'extended', '-c', String(options.clients), '-j', String(threads), '-T', String(options.durationSeconds), ...files.flatMap((f) => ['-f', f]), url];
  const version = (await run(binary, ['--version'])).stdout.trim();
  try {
    const { stdout } = await run(binary, argv, { maxBuffer: 16 * 1024 * 1024 });
    const number = (re: RegExp) => {
      const m = re.exec(stdout);
      return m ? Number(m[1]) : undefined;
    };
    return {
      available: true, binary, version, clients: options.clients, threads, durationSeconds: options.durationSeconds, scripts: files.length,
      tps: number(/^tps = ([\d.]+)/m),
      latencyAverageMs: number(/^latency average = ([\d.]+) ms/m),
      transactions: number(/^number of transactions actually processed: (\d+)/m),
      failed: number(/^number of failed transactions: (\d+)/m) ?? 0,
    };
  } catch (error) {
    return { available: true, binary, version, note: `pgbench failed: ${(error as { stderr?: string }).stderr ?? String(error)}`.slice(0, 2000) };
  }
}
