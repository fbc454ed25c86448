/**
 * `npm run bench`: seed 000's and seed 003's PUT, the service against two
 * bare Koa + pg baselines on the same database in the same run, interleaved:
 * - simplest: the simplest correct handler (auth cached, plain UPDATE, all
 *   the work the contract required before the audit trail, nothing else);
 * - simplestAudited (only when BENCH_TARGETS names it): the same handler
 *   sending the service's audited writes (audit entry + outbox event in the
 *   write's statement), as named statements;
 * - sameSql: the service's own statements sent by a bare handler (the
 *   PL/pgSQL function, auth looked up on every request);
 * - serviceUnaudited (seed 000's plain PUT, embedded database only): the
 *   service itself while its write function skips the audit entry and the
 *   event (bench/lib/unaudited-write.ts): the service against it is what
 *   audit + outbox cost the service.
 * Every round runs a freshly started process per target. See bench/README.md
 * for what each number means.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { clusterCpuByRole, parentPid, processCpu } from './lib/cpu';
import { pinDatabase } from './lib/cpu-pinning';
import { drivePut, LoadResult } from './lib/load';
import { PgbenchProtocol, PgbenchResult, runPgbench } from './lib/pgbench';
import { startBenchDatabase, withClient } from './lib/postgres';
import { Child, freePort, gcWindowStart, gcWindowStop, heapAfterGc, MemoryUsage, procStatusBytes, sampleRss, spawnChild, stopChild } from './lib/processes';
import { estimateCandidates, ProfileSummary, summariseProfile } from './lib/profile';
import { machineInfo, writeMarkdown } from './lib/report';
import { seedBrand, seedConfigurations, seedPortal } from './lib/seed';
import { countStatements, StatementCount } from './lib/statements';
import { countSyscalls, straceAvailable, SyscallTrace } from './lib/syscalls';
import { perfAvailable, perfProfile, PerfSummary } from './lib/perf';
import { jfwWorkload, portalWorkload, Workload } from './lib/workload';
import { InstancesRound, twoInstanceRounds, twoInstancesMarkdown } from './lib/two-instances';
import { withUnauditedWrite } from './lib/unaudited-write';

const ROOT = resolve(__dirname, '..', '..');
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const list = <T extends string>(name: string, fallback: string, allowed: readonly T[]) =>
  (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter((s): s is T => (allowed as readonly string[]).includes(s));

export const TARGETS = ['service', 'simplest', 'simplestAudited', 'sameSql', 'serviceUnaudited', 'other'] as const;
export type Target = (typeof TARGETS)[number];
const SCENARIOS = ['plain', 'default', 'portal'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

export const settings = {
  durationSeconds: int('BENCH_DURATION', 6),
  warmupSeconds: int('BENCH_WARMUP', 4),
  primeSeconds: int('BENCH_PRIME', 0),
  rounds: Math.max(1, int('BENCH_ROUNDS', 3)),
  connections: Math.max(1, int('BENCH_CONNECTIONS', 16)),
  configurations: Math.max(1, int('BENCH_CONFIGS', 100)),
  statementRequests: Math.max(1, int('BENCH_STATEMENT_REQUESTS', 100)),
  pgbench: process.env.BENCH_PGBENCH !== '0',
  pgbenchClients: Math.max(1, int('BENCH_PGBENCH_CLIENTS', 10)),
  pgbenchSeconds: Math.max(1, int('BENCH_PGBENCH_DURATION', 5)),
  pgbenchProtocols: list<PgbenchProtocol>('BENCH_PGBENCH_PROTOCOLS', 'extended,prepared', ['extended', 'prepared']),
  profile: process.env.BENCH_PROFILE !== '0',
  profileSurfaces: list<'jfw' | 'portal'>('BENCH_PROFILE_SURFACES', 'jfw', ['jfw', 'portal']),
  strace: process.env.BENCH_STRACE !== '0',
  perf: process.env.BENCH_PERF !== '0',
  straceSeconds: Math.max(1, int('BENCH_STRACE_DURATION', 4)),
  scenarios: list<ScenarioName>('BENCH_SCENARIOS', SCENARIOS.join(','), SCENARIOS),
  targets: list<Target>('BENCH_TARGETS', 'service,simplest,sameSql,serviceUnaudited', TARGETS),
  /** Rounds of one instance against two on seed 000's plain PUT (bench/lib/two-instances.ts); 0 skips them. */
  twoInstanceRounds: int('BENCH_TWO_INSTANCE_ROUNDS', 2),
  dataDir: resolve(ROOT, process.env.BENCH_DATA_DIR ?? '.data/bench'),
  externalDatabase: (process.env.DATABASE_URL?.trim() || undefined) !== undefined,
};

const HEAP_PROBE = join(ROOT, 'dist/bench/lib/heap-probe.js');
const PROBE_ARGS = ['--expose-gc', '--require', HEAP_PROBE];
/**
 * The service runs with the V8 flags it is deployed with (`npm start`, the
 * Dockerfile): a 4 MiB young-generation semi-space (docs/performance.md).
 * BENCH_SERVICE_NODE_ARGS replaces them for experiments. The baselines keep
 * Node's defaults: they are what a hand-written handler would run with.
 */
const SERVICE_NODE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '--max-semi-space-size=8').split(' ').filter((a) => a !== '');
/**
 * `other` (only when BENCH_TARGETS names it): the service again, from the
 * build in BENCH_OTHER_ROOT (a checkout with `dist/`, e.g. main's) and/or with
 * BENCH_OTHER_NODE_ARGS, for an A/B comparison of a change in the same
 * interleaved run.
 */
const OTHER_ROOT = resolve(process.env.BENCH_OTHER_ROOT ?? ROOT);
const OTHER_NODE_ARGS = (process.env.BENCH_OTHER_NODE_ARGS ?? SERVICE_NODE_ARGS.join(' ')).split(' ').filter((a) => a !== '');
const SCRIPTS: Record<Target, { script: string; nodeArgs: string[]; label: string }> = {
  service: { script: join(ROOT, 'dist/src/bootstrap/main.js'), nodeArgs: SERVICE_NODE_ARGS, label: 'service' },
  other: { script: join(OTHER_ROOT, 'dist/src/bootstrap/main.js'), nodeArgs: OTHER_NODE_ARGS, label: `service from ${OTHER_ROOT}` },
  simplest: { script: join(ROOT, 'dist/bench/baseline/simplest.js'), nodeArgs: [], label: 'baseline: simplest correct' },
  simplestAudited: { script: join(ROOT, 'dist/bench/baseline/simplest-audited.js'), nodeArgs: [], label: 'baseline: simplest correct, audited writes' },
  sameSql: { script: join(ROOT, 'dist/bench/baseline/same-sql.js'), nodeArgs: [], label: 'baseline: same SQL' },
  serviceUnaudited: { script: join(ROOT, 'dist/src/bootstrap/main.js'), nodeArgs: SERVICE_NODE_ARGS, label: 'service, its write function without the audit call' },
};

/**
 * serviceUnaudited measures seed 000's plain PUT only: the portal PUT records
 * its audit in the repository's own statement, which no database change can
 * take out, and the contended default would add a minute to every run.
 */
const measures = (target: Target, scenario: ScenarioName) => target !== 'serviceUnaudited' || scenario === 'plain';

/** Runs `work` on the database as `target` needs it: serviceUnaudited's write without the audit, every other target's as shipped. */
const inDatabaseOf = <T>(ctx: { dbUrl: string }, target: Target, work: () => Promise<T>): Promise<T> =>
  target === 'serviceUnaudited' ? withUnauditedWrite(ctx.dbUrl, work) : work();
const RESULTS = join(ROOT, 'bench/results');

export interface Round extends LoadResult {
  round: number;
  /** Position of the target in this round's order (1 = first). */
  position: number;
  /** spawn → first 200 on /healthz of this round's fresh process. */
  coldStartMs: number;
  /** utime + stime of the target process over the measured window / requests completed in it. */
  cpuUsPerRequest: number | null;
  /** The same for its main (JavaScript) thread only; the rest is V8's GC helpers, libuv's pool etc. */
  mainThreadCpuUsPerRequest: number | null;
  /** The main thread's system time (its syscalls: socket writes and reads, epoll) per request; part of the line above. */
  mainThreadSystemCpuUsPerRequest: number | null;
  /** CPU of all PostgreSQL processes (embedded cluster) over the window / requests. */
  databaseCpuUsPerRequest: number | null;
  /** The part of it no connection spent: autovacuum and analyze workers, WAL writer, checkpointer, postmaster (bench/lib/cpu.ts). */
  databaseBackgroundCpuUsPerRequest: number | null;
  /** CPU of the runner (autocannon) over the window / requests. */
  loadGeneratorCpuUsPerRequest: number;
  /** Highest VmRSS sampled every 200 ms during the measured window. */
  windowPeakRssBytes: number;
  /** VmHWM at the end of the window: the lifetime peak of a process started for this round. */
  peakRssBytes: number | null;
  /** After a forced full GC, once the window is over. */
  heapAfterRound: MemoryUsage | null;
  /** /proc/loadavg (1, 5, 15 min) at the end of the round: the machine is shared. */
  loadAverage: string;
  /** Bytes the window's scavenges moved to the old generation / requests (the heap probe's GCProfiler). */
  promotedBytesPerRequest: number | null;
  /** Main-thread pause time of the window's scavenges and full GCs / requests. */
  gcUsPerRequest: number | null;
}

export interface Medians {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number | null;
  mainThreadCpuUsPerRequest: number | null;
  mainThreadSystemCpuUsPerRequest: number | null;
  databaseCpuUsPerRequest: number | null;
  databaseBackgroundCpuUsPerRequest: number | null;
  peakRssBytes: number | null;
  windowPeakRssBytes: number;
  heapUsedAfterRoundBytes: number | null;
  promotedBytesPerRequest: number | null;
  gcUsPerRequest: number | null;
  coldStartMs: number;
}

type Surface = 'jfw' | 'portal';
export interface ScenarioResult {
  scenario: ScenarioName;
  surface: Surface;
  name: string;
  isDefault: boolean;
  rounds: Partial<Record<Target, Round[]>>;
  median: Partial<Record<Target, Medians>>;
  /** service / baseline of the medians, per baseline measured in this run. */
  ratio: Partial<Record<Exclude<Target, 'service'>, { requestsPerSecond: number; cpuUsPerRequest: number | null; p99Ms: number; peakRssBytes: number | null }>>;
  statements: Partial<Record<Target, StatementCount>>;
  pgbench?: PgbenchResult[];
}

const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const medianOrNull = (values: (number | null)[]) => (values.some((v) => v === null) || values.length === 0 ? null : median(values as number[]));
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

interface Context {
  env: NodeJS.ProcessEnv;
  dbUrl: string;
  /** Postmaster of the embedded cluster (database CPU); null with DATABASE_URL. */
  postmasterPid: number | null;
  /** pg_stat_statements is loaded (statements per request can be counted). */
  statements: boolean;
}

async function spawnTarget(ctx: Context, target: Target, extraArgs: string[] = [], name: string = target): Promise<Child> {
  const { script, nodeArgs } = SCRIPTS[target];
  return spawnChild({ name, script, port: await freePort(), env: ctx.env, nodeArgs: [...nodeArgs, ...PROBE_ARGS, ...extraArgs] });
}

/** One measured window: load for `seconds`, with the target's and the database's CPU read around it. */
async function window(ctx: Context, child: Child, workload: Workload, isDefault: boolean, seconds: number) {
  const pid = child.process.pid!;
  const stopSampling = sampleRss(pid);
  const runner0 = process.cpuUsage();
  const cpu0 = processCpu(pid);
  const db0 = ctx.postmasterPid === null ? null : clusterCpuByRole(ctx.postmasterPid);
  gcWindowStart(child);
  const result = await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: seconds, isDefault });
  const gcWindow = await gcWindowStop(child);
  const cpu1 = processCpu(pid);
  const db1 = ctx.postmasterPid === null ? null : clusterCpuByRole(ctx.postmasterPid);
  const runner = process.cpuUsage(runner0);
  const windowPeakRssBytes = stopSampling();
  const perRequest = (seconds: number | null) => (seconds === null || result.requests === 0 ? null : (seconds * 1e6) / result.requests);
  return {
    result,
    windowPeakRssBytes,
    cpuUsPerRequest: perRequest(cpu0 && cpu1 ? cpu1.process - cpu0.process : null),
    mainThreadCpuUsPerRequest: perRequest(cpu0 && cpu1 ? cpu1.mainThread - cpu0.mainThread : null),
    mainThreadSystemCpuUsPerRequest: perRequest(cpu0 && cpu1 ? cpu1.mainThreadSystem - cpu0.mainThreadSystem : null),
    databaseCpuUsPerRequest: perRequest(db0 && db1 ? db1.clients + db1.background - db0.clients - db0.background : null),
    databaseBackgroundCpuUsPerRequest: perRequest(db0 && db1 ? db1.background - db0.background : null),
    loadGeneratorCpuUsPerRequest: perRequest((runner.user + runner.system) / 1e6)!,
    promotedBytesPerRequest: gcWindow === null || result.requests === 0 ? null : gcWindow.promotedBytes / result.requests,
    gcUsPerRequest: perRequest(gcWindow === null ? null : (gcWindow.scavengeMs + gcWindow.fullGcMs) / 1000),
  };
}

/** A fresh process of `target`: warm-up, one measured window, its peak RSS and heap, stopped. */
async function measureRound(ctx: Context, target: Target, round: number, position: number, workload: Workload, isDefault: boolean): Promise<Round> {
  return inDatabaseOf(ctx, target, () => measureFreshProcess(ctx, target, round, position, workload, isDefault));
}

async function measureFreshProcess(ctx: Context, target: Target, round: number, position: number, workload: Workload, isDefault: boolean): Promise<Round> {
  await vacuum(ctx.dbUrl);
  const child = await spawnTarget(ctx, target);
  try {
    if (settings.warmupSeconds > 0) await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.warmupSeconds, isDefault });
    const w = await window(ctx, child, workload, isDefault, settings.durationSeconds);
    const peakRssBytes = procStatusBytes(child.process.pid!, 'VmHWM');
    const heapAfterRound = await heapAfterGc(child);
    if (w.result.non2xx > 0 || w.result.errors > 0) log(`  WARNING ${target}: ${w.result.non2xx} non-2xx, ${w.result.errors} errors\n${child.output().slice(-2000)}`);
    const { result, ...rest } = w;
    return { round, position, coldStartMs: child.coldStartMs, ...result, ...rest, peakRssBytes, heapAfterRound, loadAverage: await loadAverage() };
  } finally {
    await stopChild(child);
  }
}

function medians(rounds: Round[]): Medians {
  return {
    requestsPerSecond: median(rounds.map((x) => x.requestsPerSecond)),
    p50Ms: median(rounds.map((x) => x.p50Ms)),
    p99Ms: median(rounds.map((x) => x.p99Ms)),
    cpuUsPerRequest: medianOrNull(rounds.map((x) => x.cpuUsPerRequest)),
    mainThreadCpuUsPerRequest: medianOrNull(rounds.map((x) => x.mainThreadCpuUsPerRequest)),
    mainThreadSystemCpuUsPerRequest: medianOrNull(rounds.map((x) => x.mainThreadSystemCpuUsPerRequest)),
    databaseCpuUsPerRequest: medianOrNull(rounds.map((x) => x.databaseCpuUsPerRequest)),
    databaseBackgroundCpuUsPerRequest: medianOrNull(rounds.map((x) => x.databaseBackgroundCpuUsPerRequest)),
    peakRssBytes: medianOrNull(rounds.map((x) => x.peakRssBytes)),
    windowPeakRssBytes: median(rounds.map((x) => x.windowPeakRssBytes)),
    heapUsedAfterRoundBytes: medianOrNull(rounds.map((x) => x.heapAfterRound?.heapUsed ?? null)),
    promotedBytesPerRequest: medianOrNull(rounds.map((x) => x.promotedBytesPerRequest)),
    gcUsPerRequest: medianOrNull(rounds.map((x) => x.gcUsPerRequest)),
    coldStartMs: median(rounds.map((x) => x.coldStartMs)),
  };
}

const SCENARIO_NAMES: Record<ScenarioName, string> = {
  plain: 'seed 000 PUT, isDefault=false',
  default: 'seed 000 PUT, isDefault=true (claims the default of one (brand, integration): contended)',
  portal: 'seed 003 PUT /portal-api/apps/{id} (app with one approved access request and its credential)',
};

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = await loadAverage();
  log(`settings ${JSON.stringify(settings)}; load average ${loadAtStart}`);
  const db = await startBenchDatabase(settings.dataDir, log);
  const postmasterPid = db.embedded ? await withClient(db.url, async (c) => parentPid(Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid))) : null;
  log(`database ${db.embedded ? `embedded in ${settings.dataDir} (fresh integration_hub_bench)` : 'DATABASE_URL'}; pg_stat_statements ${db.statements ? 'on' : 'unavailable'}; database CPU ${postmasterPid === null ? 'not measured' : `from the postmaster (pid ${postmasterPid}) and its children`}`);
  const databaseCpus = process.env.BENCH_DATABASE_CPUS?.trim() || undefined;
  const pinning = databaseCpus === undefined || postmasterPid === null ? null : pinDatabase(postmasterPid, databaseCpus);
  if (databaseCpus !== undefined) log(pinning === null ? 'BENCH_DATABASE_CPUS ignored: only the embedded cluster is pinned' : `PostgreSQL pinned to CPU ${pinning.database}; the runner, the load and every target to CPU ${pinning.rest}`);
  const secretKey = randomBytes(32).toString('base64');
  // The rate limits (hardening) would turn a load test into 429s: off for every child, so the bench keeps measuring the same thing.
  const env = { DATABASE_URL: db.url, SECRET_KEY: secretKey, LOG_LEVEL: 'warn', DATA_DIR: settings.dataDir, RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0' };
  const ctx: Context = { env, dbUrl: db.url, postmasterPid, statements: db.statements };
  const named = settings.targets.includes('service') ? settings.targets : (['service', ...settings.targets] as Target[]);
  // Changing a write function is for the bench's own database only, never one DATABASE_URL names.
  const targets = db.embedded ? named : named.filter((t) => t !== 'serviceUnaudited');
  if (targets.length < named.length) log('serviceUnaudited skipped: it changes a write function, so it runs on the embedded bench database only');
  try {
    const brand = await seedBrand(env, `bench-${Date.now()}.example.com`);
    log(`seeded brand ${brand.brandUrl} with a key (CLI, migrations applied)`);

    // Seeding goes through the service's own API; its process is then used to prime the database and stopped.
    const setup = await spawnTarget(ctx, 'service', [], 'service (seeding)');
    const workloads: Partial<Record<Surface, Workload>> = {};
    let seeded: Awaited<ReturnType<typeof seedConfigurations>> | undefined;
    let portalSeeded: Awaited<ReturnType<typeof seedPortal>> | undefined;
    try {
      if (settings.scenarios.some((s) => s !== 'portal')) {
        seeded = await seedConfigurations(setup.baseUrl, brand, settings.configurations);
        workloads.jfw = jfwWorkload(seeded);
        log(`seeded ${seeded.ids.length} configurations through POST`);
      }
      if (settings.scenarios.includes('portal')) {
        const portal = await seedPortal(env, setup.baseUrl, settings.configurations);
        portalSeeded = portal;
        workloads.portal = portalWorkload(portal);
        log(`seeded a portal admin (CLI), a user, a product and ${portal.appIds.length} apps, each with an approved access request (API)`);
      }
      // Every process is fresh, so what is left to warm is the database (buffers, the tables' first updates).
      if (settings.primeSeconds > 0) {
        for (const surface of Object.keys(workloads) as Surface[]) {
          await drivePut(setup.baseUrl, workloads[surface]!, { connections: settings.connections, durationSeconds: settings.primeSeconds, isDefault: false });
        }
        log(`primed the database through the service for ${settings.primeSeconds} s per surface (discarded)`);
      }
    } finally {
      await stopChild(setup);
    }

    const scenarios: ScenarioResult[] = settings.scenarios.map((name) => ({
      scenario: name,
      surface: name === 'portal' ? 'portal' : 'jfw',
      name: SCENARIO_NAMES[name],
      isDefault: name === 'default',
      rounds: {},
      median: {},
      ratio: {},
      statements: {},
    }));

    // Statements per request: one fresh process per target, 200 sequential PUTs per scenario.
    for (const t of targets) {
      const mine = scenarios.filter((sc) => measures(t, sc.scenario));
      await inDatabaseOf(ctx, t, () => countStatementsOf(ctx, t, mine, workloads));
      for (const sc of mine) {
        const answer = sc.statements[t]!.answer;
        const service = sc.statements.service?.answer;
        // A baseline that answers something else would make every ratio meaningless.
        if (service !== undefined && (answer.shape !== service.shape || !answer.etag)) {
          throw new Error(`${t} answers ${sc.scenario} differently from the service:\n  service ${service.shape}\n  ${t} ${answer.shape}\n  ETag ${answer.etag}`);
        }
      }
      log(`statements/request ${t}: ${mine.map((sc) => `${sc.scenario} ${sc.statements[t]!.statementsPerRequest?.toFixed(2) ?? `${sc.statements[t]!.transactionsPerRequest?.toFixed(2)} transactions`}`).join(', ')}`);
    }

    for (const sc of scenarios) {
      const workload = workloads[sc.surface]!;
      const here = targets.filter((t) => measures(t, sc.scenario));
      for (let r = 1; r <= settings.rounds; r++) {
        // Rotate the order each round (Latin square): over 3 rounds every target runs once first, second and third.
        const order = here.map((_, i) => here[(i + r - 1) % here.length]);
        for (const [i, t] of order.entries()) {
          const round = await measureRound(ctx, t, r, i + 1, workload, sc.isDefault);
          (sc.rounds[t] ??= []).push(round);
          const us = (x: number | null) => (x === null ? 'n/a' : x.toFixed(0));
          log(`${sc.scenario} round ${r} ${t.padEnd(8)} ${round.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${round.p50Ms} p99 ${round.p99Ms} ms  CPU ${us(round.cpuUsPerRequest)} µs/req (main ${us(round.mainThreadCpuUsPerRequest)}, db ${us(round.databaseCpuUsPerRequest)}, of it background ${us(round.databaseBackgroundCpuUsPerRequest)})  VmHWM ${((round.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB  load ${round.loadAverage}`);
        }
      }
      for (const t of here) sc.median[t] = medians(sc.rounds[t]!);
      const service = sc.median.service!;
      for (const t of here) {
        if (t === 'service') continue;
        const base = sc.median[t]!;
        sc.ratio[t] = {
          requestsPerSecond: service.requestsPerSecond / base.requestsPerSecond,
          cpuUsPerRequest: ratio(service.cpuUsPerRequest, base.cpuUsPerRequest),
          p99Ms: service.p99Ms / base.p99Ms,
          peakRssBytes: ratio(service.peakRssBytes, base.peakRssBytes),
        };
      }
      const written = sc.surface === 'jfw' ? (seeded && { jfw: seeded }) : (portalSeeded && { portal: portalSeeded });
      if (settings.pgbench && written !== undefined) {
        sc.pgbench = [];
        // Prepared statements only change the picture of the plain write (planning); the contended default is lock-bound.
        for (const protocol of settings.pgbenchProtocols.filter((p) => p === 'extended' || !sc.isDefault)) {
          for (const variant of ['function', 'plain'] as const) {
            await vacuum(db.url);
            const result = await runPgbench(db.url, written, join(settings.dataDir, 'pgbench'), {
              variant, protocol, clients: settings.pgbenchClients, durationSeconds: settings.pgbenchSeconds, isDefault: sc.isDefault, secretKey, postmasterPid,
            });
            sc.pgbench.push(result);
            log(`${sc.scenario} pgbench ${variant} -M ${protocol}: ${result.tps?.toFixed(0) ?? result.note} tps, database CPU ${result.databaseCpuUsPerTransaction?.toFixed(0) ?? 'n/a'} µs/transaction`);
          }
        }
      }
    }

    let instances: InstancesRound[] | undefined;
    if (settings.twoInstanceRounds > 0 && workloads.jfw !== undefined) {
      instances = await twoInstanceRounds({
        spawn: (name) => spawnTarget(ctx, 'service', [], name), workload: workloads.jfw, connections: settings.connections,
        warmupSeconds: settings.warmupSeconds, durationSeconds: settings.durationSeconds, rounds: settings.twoInstanceRounds,
        postmasterPid, beforeRound: () => vacuum(db.url), log,
      });
    }

    const profile: Partial<Record<Surface, ProfileSummary & { cpuUsPerRequest: number | null; requestsPerSecond: number }>> = {};
    if (settings.profile) {
      for (const surface of settings.profileSurfaces.filter((x) => workloads[x] !== undefined)) {
        const summary = await profileService(ctx, surface, workloads[surface]!);
        if (summary !== undefined) profile[surface] = summary;
      }
    }
    const syscalls: Partial<Record<Target, SyscallTrace>> = {};
    if (settings.strace && workloads.jfw !== undefined) {
      if (!straceAvailable()) log('strace not available: syscall counts skipped');
      else for (const t of ['service', 'simplest'] as const) if (targets.includes(t)) syscalls[t] = await traceSyscalls(ctx, t, workloads.jfw);
    }
    const onCpu: Partial<Record<Target, PerfSummary & { cpuUsPerRequest: number | null; requestsPerSecond: number }>> = {};
    if (settings.perf && workloads.jfw !== undefined) {
      if (!perfAvailable()) log('perf not available: on-CPU profile skipped');
      else for (const t of ['service', 'simplest'] as const) if (targets.includes(t)) onCpu[t] = await perfTarget(ctx, t, workloads.jfw);
    }
    const plain = scenarios.find((s) => s.scenario === 'plain');
    const candidates = profile.jfw !== undefined && plain?.median.service !== undefined ? estimateCandidates(profile.jfw, plain.median.service) : undefined;
    const onCpuCandidates = plain === undefined ? undefined : onCpuEstimate(onCpu, plain);

    const results = {
      portalVsPlain: portalVsPlain(scenarios, targets),
      generatedAt: new Date().toISOString(),
      elapsedSeconds: (Date.now() - started) / 1000,
      machine: await machineInfo(),
      settings: { ...settings, dataDir: undefined },
      targets: Object.fromEntries(targets.map((t) => [t, { label: SCRIPTS[t].label, nodeArgs: SCRIPTS[t].nodeArgs }])),
      database: { embedded: db.embedded, pgStatStatements: db.statements, cpuMeasured: postmasterPid !== null, pinning },
      scenarios,
      profile: settings.profile ? profile : undefined,
      cpuCandidates: candidates,
      onCpu,
      onCpuCandidates,
      syscalls,
      instances,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: await loadAverage(),
    };
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeMarkdown(join(RESULTS, 'latest.md'), results);
    if (instances !== undefined) await appendFile(join(RESULTS, 'latest.md'), twoInstancesMarkdown(instances, results.machine, settings.connections));
    log(`done in ${results.elapsedSeconds.toFixed(0)} s → bench/results/latest.json, bench/results/latest.md`);
  } finally {
    await db.stop();
  }
}

/**
 * The goal (docs/performance.md): seed 003's PUT within 10 % of seed 000's. Per target, the portal
 * scenario's medians over the plain scenario's (same run): req/s and CPU per
 * request. The portal PUT does more work by design (the app's access
 * requests read and answered, a decrypt of the credential it answers; the
 * simplest handler reads them in a second statement), so the simplest handler's own ratio
 * is printed next to the service's, and `overheadVsPlain` compares the
 * service's cost over the simplest handler on the portal with the same on
 * seed 000: above 1.1 would mean the service's portal path adds more than
 * its JFramework path does.
 */
function portalVsPlain(scenarios: ScenarioResult[], targets: Target[]) {
  const plain = scenarios.find((s) => s.scenario === 'plain');
  const portal = scenarios.find((s) => s.scenario === 'portal');
  if (plain === undefined || portal === undefined) return undefined;
  const perTarget = Object.fromEntries(
    targets
      .filter((t) => plain.median[t] !== undefined && portal.median[t] !== undefined)
      .map((t) => [t, {
        requestsPerSecond: portal.median[t]!.requestsPerSecond / plain.median[t]!.requestsPerSecond,
        cpuUsPerRequest: ratio(portal.median[t]!.cpuUsPerRequest, plain.median[t]!.cpuUsPerRequest),
      }]),
  );
  const cpuOver = (sc: ScenarioResult) => sc.ratio.simplest?.cpuUsPerRequest ?? null;
  const rpsOver = (sc: ScenarioResult) => sc.ratio.simplest?.requestsPerSecond ?? null;
  return {
    perTarget,
    overheadVsPlain: {
      cpuUsPerRequest: ratio(cpuOver(portal), cpuOver(plain)),
      requestsPerSecond: ratio(rpsOver(portal), rpsOver(plain)),
    },
  };
}

/** Statements per PUT of one fresh process of `target`, for each of `scenarios` (pg_stat_statements). */
async function countStatementsOf(ctx: Context, target: Target, scenarios: ScenarioResult[], workloads: Partial<Record<Surface, Workload>>): Promise<void> {
  const child = await spawnTarget(ctx, target);
  try {
    for (const sc of scenarios) {
      await vacuum(ctx.dbUrl);
      sc.statements[target] = await countStatements(ctx.dbUrl, ctx.statements, child.baseUrl, workloads[sc.surface]!, settings.statementRequests, sc.isDefault).catch((error: Error) => {
        throw new Error(`${target}, ${sc.scenario}: ${error.message}\n${child.output().slice(-3000)}`);
      });
    }
  } finally {
    await stopChild(child);
  }
}

/**
 * Every PUT with isDefault=true also updates the previous default, and
 * is_default is indexed, so those updates are never HOT: dead index entries
 * pile up faster than autovacuum clears them and throughput decays round
 * after round (seen: pgbench 2218 → 1028 tps). A VACUUM of the 100-row
 * tables the PUTs rewrite before each round gives every target the same
 * starting tables. Until 2026-12-01 only seed 000's table was vacuumed, and
 * seed 003's rounds got dearer one after the other (the service's database
 * CPU per PUT 589 → 818 µs over a run's three rounds), whichever target ran.
 */
async function vacuum(url: string): Promise<void> {
  await withClient(url, (c) => c.query('VACUUM integration_authentications, portal_apps'));
}

/** A fresh service under `--cpu-prof`: warm-up + one measured window; the profile is written when it exits. */
async function profileService(ctx: Context, surface: Surface, workload: Workload) {
  const dir = join(RESULTS, 'profile', surface);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await vacuum(ctx.dbUrl);
  const child = await spawnTarget(ctx, 'service', ['--cpu-prof', '--cpu-prof-dir', dir], 'service (profiled)');
  let w!: Awaited<ReturnType<typeof window>>;
  const measured = { startUs: 0, endUs: 0 };
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  try {
    if (settings.warmupSeconds > 0) await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.warmupSeconds, isDefault: false });
    measured.startUs = nowUs();
    w = await window(ctx, child, workload, false, settings.durationSeconds);
    measured.endUs = nowUs();
    log(`profiled service (${surface}): ${w.result.requestsPerSecond.toFixed(0)} req/s, ${w.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU/request (profiler overhead included)`);
  } finally {
    await stopChild(child);
  }
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) return undefined;
  const summary = await summariseProfile(join(dir, file), measured);
  log(`profile: ${join('bench/results/profile', surface, file)}`);
  return { ...summary, file: relative(ROOT, summary.file), cpuUsPerRequest: w.cpuUsPerRequest, requestsPerSecond: w.result.requestsPerSecond };
}

/** A fresh target under load with `strace -c -f` attached to all its threads for one window: syscalls per request. */
async function traceSyscalls(ctx: Context, target: Target, workload: Workload): Promise<SyscallTrace> {
  await vacuum(ctx.dbUrl);
  const child = await spawnTarget(ctx, target, [], `${target} (strace)`);
  try {
    if (settings.warmupSeconds > 0) await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.warmupSeconds, isDefault: false });
    await sleep(100);
    const trace = await countSyscalls(child.process.pid!, join(settings.dataDir, `strace-${target}.txt`), async () => {
      const r = await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.straceSeconds, isDefault: false });
      return { requests: r.requests, requestsPerSecond: r.requestsPerSecond, failed: r.non2xx + r.errors + r.timeouts };
    });
    const top = (trace.syscalls ?? []).slice(0, 6).map((s) => `${s.syscall} ${s.perRequest.toFixed(2)}`).join(', ');
    log(`strace ${target}: ${trace.available ? `${trace.totalPerRequest?.toFixed(1)} syscalls/request (${top})` : trace.note}`);
    return trace;
  } finally {
    await stopChild(child);
  }
}

/** A fresh target under `perf record` (on-CPU samples, every thread) for one warm-up + measured window. */
async function perfTarget(ctx: Context, target: Target, workload: Workload) {
  await vacuum(ctx.dbUrl);
  // --perf-basic-prof also turns on V8's log; it goes next to the perf data, not into the working directory.
  const v8log = join(settings.dataDir, `perf-${target}-v8.log`);
  const child = await spawnTarget(ctx, target, ['--perf-basic-prof', `--logfile=${v8log}`, '--no-logfile-per-isolate'], `${target} (perf)`);
  try {
    if (settings.warmupSeconds > 0) await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: settings.warmupSeconds, isDefault: false });
    let w!: Awaited<ReturnType<typeof window>>;
    const summary = await perfProfile(child.process.pid!, join(settings.dataDir, `perf-${target}.data`), async () => {
      w = await window(ctx, child, workload, false, settings.durationSeconds);
    });
    log(`perf ${target}: ${summary.available ? `${summary.samples} on-CPU samples, ${w.result.requestsPerSecond.toFixed(0)} req/s, ${w.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU/request` : summary.note}`);
    return { ...summary, cpuUsPerRequest: w?.cpuUsPerRequest ?? null, requestsPerSecond: w?.result.requestsPerSecond ?? 0 };
  } finally {
    await stopChild(child);
    await rm(v8log, { force: true });
  }
}

/**
 * µs per request per candidate for the service and the simplest baseline:
 * each candidate's share of the target's on-CPU samples times the target's
 * CPU per request in the plain scenario (median of the unprofiled rounds).
 */
function onCpuEstimate(onCpu: Partial<Record<Target, PerfSummary>>, plain: ScenarioResult) {
  const per = (t: Target) => {
    const summary = onCpu[t];
    const cpu = plain.median[t]?.cpuUsPerRequest ?? null;
    if (!summary?.available || cpu === null) return undefined;
    return { cpuUsPerRequest: cpu, byCandidate: new Map(summary.byCandidate!.map((c) => [c.candidate, c.share * cpu])) };
  };
  const service = per('service');
  if (service === undefined) return undefined;
  const simplest = per('simplest');
  const names = [...new Set([...service.byCandidate.keys(), ...(simplest?.byCandidate.keys() ?? [])])];
  return {
    serviceCpuUsPerRequest: service.cpuUsPerRequest,
    simplestCpuUsPerRequest: simplest?.cpuUsPerRequest ?? null,
    candidates: names
      .map((candidate) => ({ candidate, serviceUs: service.byCandidate.get(candidate) ?? 0, simplestUs: simplest === undefined ? null : (simplest.byCandidate.get(candidate) ?? 0) }))
      .sort((a, b) => b.serviceUs - a.serviceUs),
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
