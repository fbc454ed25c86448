import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { authHeaders, PUT_PATH, seedBody, Seeded } from './workload';

const run = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, ['dist/src/bootstrap/cli.js', ...args, '--json'], { env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>;
}

/** Brand + key through the CLI (which also applies the migrations on a fresh database). */
export async function seedBrand(env: NodeJS.ProcessEnv, brandUrl: string): Promise<{ brandId: string; brandUrl: string; authKey: string }> {
  const brand = await cli(['brands:create', '--url', brandUrl, '--name', 'Bench brand'], env);
  const key = await cli(['keys:create', '--brand', brandUrl], env);
  return { brandId: brand.id, brandUrl: key.brandUrl, authKey: key.authKey };
}

/** N configurations through the service's own POST, 8 at a time. */
export async function seedConfigurations(baseUrl: string, brand: { brandId: string; brandUrl: string; authKey: string }, count: number): Promise<Seeded> {
  const seeded: Seeded = { ...brand, ids: [] };
  const ids: string[] = new Array(count);
  const headers = authHeaders(seeded);
  for (let start = 0; start < count; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - start) }, async (_, k) => {
        const i = start + k;
        const res = await fetch(`${baseUrl}${PUT_PATH}`, { method: 'POST', headers, body: JSON.stringify(seedBody(i, false)) });
        const body = (await res.json()) as { data?: { id: string } };
        if (res.status !== 201 || body.data === undefined) throw new Error(`seeding configuration ${i} failed: ${res.status} ${JSON.stringify(body)}`);
        ids[i] = body.data.id;
      }),
    );
  }
  return { ...seeded, ids };
}
