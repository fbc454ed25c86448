import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { authHeaders, PortalSeeded, PUT_PATH, seedBody, Seeded } from './workload';

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

async function portalCall(baseUrl: string, token: string, method: string, path: string, body: unknown, expected: number): Promise<Record<string, any>> {
  const res = await fetch(`${baseUrl}/portal-api${path}`, { method, headers: { Authorization: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await res.json()) as Record<string, any>;
  if (res.status !== expected) throw new Error(`seeding the portal: ${method} ${path} answered ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * A portal admin through the CLI, then through the service's own API one
 * user, one authToken product and N apps, each provisioned and approved, so
 * every PUT answers an app with one access request and its (encrypted) credential.
 */
export async function seedPortal(env: NodeJS.ProcessEnv, baseUrl: string, count: number): Promise<PortalSeeded> {
  const { token } = await cli(['portal-admins:create', '--email', `bench-${Date.now()}@example.com`], env);
  const call = (method: string, path: string, body: unknown, expected = 200) => portalCall(baseUrl, token, method, path, body, expected);
  const user = await call('POST', '/users', { Email: `bench-dev-${Date.now()}@example.com`, First: 'Ada', Last: 'Lovelace', Role: 'consumer-admin' }, 201);
  const product = await call('POST', '/products', { Name: `Payment API ${Date.now()}`, AuthType: 'authToken', Scopes: 'payment client' }, 201);
  const appIds: number[] = new Array(count);
  for (let start = 0; start < count; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - start) }, async (_, k) => {
        const app = await call('POST', '/apps', { Name: `Bench app ${start + k}`, RedirectURLs: 'https://app-host/auth', UserID: user.ID }, 201);
        const provisioned = await call('PUT', `/apps/${app.ID}/provision`, { Products: [product.ID], Plan: 'Free plan', Catalogue: 'Public Catalogue' });
        const requestId = Number(/(\d+)/.exec(String(provisioned.message))![1]);
        await call('PUT', `/access_requests/${requestId}/approve`, {});
        appIds[start + k] = app.ID;
      }),
    );
  }
  return { token, userId: user.ID, appIds };
}
