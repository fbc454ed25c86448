/**
 * `npm run bench`: seed 000's and seed 003's PUT, the service against a bare
 * Koa + pg baseline doing the same SQL, on the same database in the same run.
 * See bench/README.md for what each number means.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { drivePut, LoadResult } from './lib/load';
import { PgbenchResult, runPgbench } from './lib/pgbench';
import { startBenchDatabase, withClient } from './lib/postgres';
import { Child, heapAfterGc, MemoryUsage, procStatusBytes, sampleRss, spawnChild, stopChild } from './lib/processes';
import { ProfileSummary, summariseProfile } from './lib/profile';
import { machineInfo, writeMarkdown } from './lib/report';
import { seedBrand, seedConfigurations, seedPortal } from './lib/seed';
import { countStatements, StatementCount } from './lib/statements';
import { jfwWorkload, portalWorkload, Workload } from './lib/workload';

const ROOT = resolve(__dirname, '..', '..');
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

export const settings = {
  durationSeconds: int('BENCH_DURATION', 10),
  warmupSeconds: int('BENCH_WARMUP', 3),
  primeSeconds: int('BENCH_PRIME', 10),
  rounds: Math.max(1, int('BENCH_ROUNDS', 3)),
  connections: Math.max(1, int('BENCH_CONNECTIONS', 16)),
  configurations: Math.max(1, int('BENCH_CONFIGS', 100)),
  coldStarts: Math.max(1, int('BENCH_COLD_STARTS', 3)),
  statementRequests: Math.max(1, int('BENCH_STATEMENT_REQUESTS', 200)),
  pgbench: process.env.BENCH_PGBENCH !== '0',
  pgbenchClients: Math.max(1, int('BENCH_PGBENCH_CLIENTS', 10)),
  profile: process.env.BENCH_PROFILE !== '0',
  scenarios: (process.env.BENCH_SCENARIOS ?? 'plain,default,portal').split(',').map((s) => s.trim()).filter((s) => ['plain', 'default', 'portal'].includes(s)),
  dataDir: resolve(ROOT, process.env.BENCH_DATA_DIR ?? '.data/bench'),
  externalDatabase: (process.env.DATABASE_URL?.trim() || undefined) !== undefined,
};

const SERVICE_SCRIPT = join(ROOT, 'dist/src/bootstrap/main.js');
const BASELINE_SCRIPT = join(ROOT, 'dist/bench/baseline/server.js');
const HEAP_PROBE = join(ROOT, 'dist/bench/lib/heap-probe.js');
const PROBE_ARGS = ['--expose-gc', '--require', HEAP_PROBE];
/**
 * The service runs with the V8 flags it is deployed with (`npm start`, the
 * Dockerfile): a 4 MiB young-generation semi-space (docs/performance.md).
 * BENCH_SERVICE_NODE_ARGS replaces them for experiments.
 */
const SERVICE_NODE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '--max-semi-space-size=4').split(' ').filter((a) => a !== '');
const RESULTS = join(ROOT, 'bench/results');

type Target = 'service' | 'baseline';
interface Round extends LoadResult {
  round: number;
  peakRssBytes: number;
  /** /proc/loadavg (1, 5, 15 min) at the end of the round: the machine is shared. */
  loadAverage: string;
}

const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');
type Surface = 'jfw' | 'portal';
interface ScenarioResult {
  scenario: string;
  surface: Surface;
  name: string;
  isDefault: boolean;
  rounds: Record<Target, Round[]>;
  median: Record<Target, { requestsPerSecond: number; p50Ms: number; p99Ms: number; peakRssBytes: number }>;
  ratio: { requestsPerSecond: number; p50Ms: number; p99Ms: number };
  pgbench?: PgbenchResult;
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function measure(child: Child, round: number, isDefault: boolean, workload: Workload): Promise<Round> {
  if (settings.warmupSeconds > 0) await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.warmupSeconds, isDefault });
  const stopSampling = sampleRss(child.process.pid!);
  const result = await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.durationSeconds, isDefault });
  const peakRssBytes = stopSampling();
  if (result.non2xx > 0 || result.errors > 0) log(`  WARNING ${child.name}: ${result.non2xx} non-2xx, ${result.errors} errors\n${child.output().slice(-2000)}`);
  return { round, peakRssBytes, loadAverage: await loadAverage(), ...result };
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`settings ${JSON.stringify(settings)}; load average ${await loadAverage()}`);
  const db = await startBenchDatabase(settings.dataDir, log);
  log(`database ${db.embedded ? `embedded in ${settings.dataDir} (fresh integration_hub_bench)` : 'DATABASE_URL'}; pg_stat_statements ${db.statements ? 'on' : 'unavailable'}`);
  const secretKey = randomBytes(32).toString('base64');
  // The rate limits are off: the bench drives one key far past 1,200 requests a minute on purpose.
  const env = { DATABASE_URL: db.url, SECRET_KEY: secretKey, LOG_LEVEL: 'warn', DATA_DIR: settings.dataDir, RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0' };
  const children: Child[] = [];
  try {
    const brand = await seedBrand(env, `bench-${Date.now()}.example.com`);
    log(`seeded brand ${brand.brandUrl} with a key (CLI, migrations applied)`);

    const coldStartsMs: number[] = [];
    let service: Child | undefined;
    for (let k = 0; k < settings.coldStarts; k++) {
      const child = await spawnChild({ name: 'service', script: SERVICE_SCRIPT, port: await freePort(), env, nodeArgs: [...SERVICE_NODE_ARGS, ...PROBE_ARGS] });
      coldStartsMs.push(child.coldStartMs);
      if (k < settings.coldStarts - 1) await stopChild(child);
      else service = child;
    }
    children.push(service!);
    log(`service cold start (spawn → 200 /healthz): ${coldStartsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const baseline = await spawnChild({ name: 'baseline', script: BASELINE_SCRIPT, port: await freePort(), env, nodeArgs: PROBE_ARGS });
    children.push(baseline);
    const targets: Record<Target, Child> = { service: service!, baseline };

    const seeded = await seedConfigurations(service!.baseUrl, brand, settings.configurations);
    log(`seeded ${seeded.ids.length} configurations through POST`);
    const workloads: Partial<Record<Surface, Workload>> = {};
    if (settings.scenarios.some((s) => s !== 'portal')) workloads.jfw = jfwWorkload(seeded);
    if (settings.scenarios.includes('portal')) {
      const portal = await seedPortal(env, service!.baseUrl, settings.configurations);
      workloads.portal = portalWorkload(portal);
      log(`seeded a portal admin (CLI), a user, a product and ${portal.appIds.length} apps, each with an approved access request (API)`);
    }
    const surfaces = Object.keys(workloads) as Surface[];

    const statements: Partial<Record<Surface, Record<Target, StatementCount>>> = {};
    for (const surface of surfaces) {
      const workload = workloads[surface]!;
      const counted = {
        service: await countStatements(db.url, db.statements, service!.baseUrl, workload, settings.statementRequests),
        baseline: await countStatements(db.url, db.statements, baseline.baseUrl, workload, settings.statementRequests),
      };
      statements[surface] = counted;
      for (const t of ['service', 'baseline'] as const) {
        log(`${surface} ${t}: ${counted[t].statementsPerRequest ?? 'n/a'} statements/request, ${counted[t].transactionsPerRequest?.toFixed(2) ?? 'n/a (pg_stat_statements used)'} transactions/request`);
      }
    }

    // First rounds ran 15-25 % slower for both targets (new pool connections,
    // per-backend plan caches, cold shared buffers, JIT): prime each target once, discarded.
    if (settings.primeSeconds > 0) {
      for (const surface of surfaces) {
        for (const t of ['service', 'baseline'] as const) {
          await drivePut(targets[t].baseUrl, workloads[surface]!, { connections: settings.connections, durationSeconds: settings.primeSeconds, isDefault: false });
        }
      }
      log(`primed both targets for ${settings.primeSeconds} s each per surface (${surfaces.join(', ')}; discarded)`);
    }

    const heapAfterWarmup: Partial<Record<Target, MemoryUsage | null>> = {};
    const requestsSinceWarmup: Record<Target, number> = { service: 0, baseline: 0 };
    const scenarios: ScenarioResult[] = [];
    for (const name of settings.scenarios) {
      const isDefault = name === 'default';
      const surface: Surface = name === 'portal' ? 'portal' : 'jfw';
      const workload = workloads[surface]!;
      const rounds: Record<Target, Round[]> = { service: [], baseline: [] };
      for (let r = 1; r <= settings.rounds; r++) {
        const order: Target[] = r % 2 === 1 ? ['service', 'baseline'] : ['baseline', 'service'];
        for (const t of order) {
          await vacuum(db.url);
          const round = await measure(targets[t], r, isDefault, workload);
          if (heapAfterWarmup[t] === undefined) heapAfterWarmup[t] = await heapAfterGc(targets[t]);
          else requestsSinceWarmup[t] += round.requests;
          rounds[t].push(round);
          log(`${name} round ${r} ${t.padEnd(8)} ${round.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${round.p50Ms} ms  p99 ${round.p99Ms} ms  peak RSS ${(round.peakRssBytes / 2 ** 20).toFixed(0)} MiB  load ${round.loadAverage}`);
        }
      }
      const med = (t: Target) => ({
        requestsPerSecond: median(rounds[t].map((x) => x.requestsPerSecond)),
        p50Ms: median(rounds[t].map((x) => x.p50Ms)),
        p99Ms: median(rounds[t].map((x) => x.p99Ms)),
        peakRssBytes: median(rounds[t].map((x) => x.peakRssBytes)),
      });
      const m = { service: med('service'), baseline: med('baseline') };
      const scenario: ScenarioResult = {
        scenario: name,
        surface,
        name:
          surface === 'portal'
            ? 'PUT /portal-api/apps/{id} (seed 003; app with one approved access request and its credential)'
            : isDefault ? 'PUT isDefault=true (claims the default: advisory lock + clear previous)' : 'PUT isDefault=false',
        isDefault,
        rounds,
        median: m,
        ratio: {
          requestsPerSecond: m.service.requestsPerSecond / m.baseline.requestsPerSecond,
          p50Ms: m.service.p50Ms / m.baseline.p50Ms,
          p99Ms: m.service.p99Ms / m.baseline.p99Ms,
        },
      };
      if (settings.pgbench && surface === 'jfw') {
        await vacuum(db.url);
        scenario.pgbench = await runPgbench(db.url, seeded, join(settings.dataDir, 'pgbench'), {
          clients: settings.pgbenchClients, durationSeconds: settings.durationSeconds, isDefault, secretKey,
        });
        log(`${name} pgbench: ${scenario.pgbench.tps?.toFixed(0) ?? scenario.pgbench.note} tps`);
      }
      scenarios.push(scenario);
    }

    const memory = {} as Record<Target, { coldStartMs: number; heapAfterWarmup: MemoryUsage | null; heapAfterLoad: MemoryUsage | null; requestsBetween: number; peakRssBytes: number | null }>;
    for (const t of ['service', 'baseline'] as const) {
      memory[t] = {
        coldStartMs: t === 'service' ? median(coldStartsMs) : baseline.coldStartMs,
        heapAfterWarmup: heapAfterWarmup[t] ?? null,
        heapAfterLoad: await heapAfterGc(targets[t]),
        requestsBetween: requestsSinceWarmup[t],
        peakRssBytes: procStatusBytes(targets[t].process.pid!, 'VmHWM'),
      };
    }

    const profile: Partial<Record<Surface, ProfileSummary>> = {};
    if (settings.profile) {
      for (const surface of surfaces) profile[surface] = await profileService(env, surface, workloads[surface]!);
    }

    const results = {
      generatedAt: new Date().toISOString(),
      elapsedSeconds: (Date.now() - started) / 1000,
      machine: await machineInfo(),
      settings: { ...settings, dataDir: undefined },
      database: { embedded: db.embedded, pgStatStatements: db.statements },
      coldStart: { serviceMs: coldStartsMs, serviceMedianMs: median(coldStartsMs), baselineMs: baseline.coldStartMs },
      memory,
      statements,
      scenarios,
      profile: settings.profile ? profile : undefined,
      loadAverageAtEnd: await loadAverage(),
    };
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeMarkdown(join(RESULTS, 'latest.md'), results);
    log(`done in ${results.elapsedSeconds.toFixed(0)} s → bench/results/latest.json, bench/results/latest.md`);
  } finally {
    for (const child of children) await stopChild(child);
    await db.stop();
  }
}

/**
 * Every PUT with isDefault=true also updates the previous default, and
 * is_default is indexed, so those updates are never HOT: dead index entries
 * pile up faster than autovacuum clears them and throughput decays round
 * after round (seen: pgbench 2218 → 1028 tps). A VACUUM of the 100-row table
 * before each round gives every target the same starting table.
 */
async function vacuum(url: string): Promise<void> {
  await withClient(url, (c) => c.query('VACUUM integration_authentications'));
}

/** One more warm + measured round of the service under `--cpu-prof`; the profile is written when it exits. */
async function profileService(env: NodeJS.ProcessEnv, surface: Surface, workload: Workload): Promise<ProfileSummary | undefined> {
  const dir = join(RESULTS, 'profile', surface);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const child = await spawnChild({ name: 'service (profiled)', script: SERVICE_SCRIPT, port: await freePort(), env, nodeArgs: [...SERVICE_NODE_ARGS, '--cpu-prof', '--cpu-prof-dir', dir] });
  try {
    const round = await measure(child, 1, false, workload);
    log(`profiled service round (${surface}): ${round.requestsPerSecond.toFixed(0)} req/s (profiler overhead included)`);
  } finally {
    await stopChild(child);
  }
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) return undefined;
  const summary = await summariseProfile(join(dir, file));
  log(`profile: ${join('bench/results/profile', surface, file)}`);
  return summary;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
