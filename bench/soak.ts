/**
 * `npm run bench:soak`: does the service's heap stay flat over a long life?
 * The goal (docs/performance.md): the heap after 1,000,000 requests within 10 % of the heap
 * after warm-up. One service process (as deployed: `--max-semi-space-size=8`,
 * plus the bench's heap probe) on the bench's embedded PostgreSQL (or
 * DATABASE_URL), warmed up, then SOAK_REQUESTS PUTs in SOAK_CHECKPOINTS
 * chunks, alternating seed 000's and seed 003's PUT; after warm-up and after
 * every chunk the heap is read after a forced full GC (the probe's
 * `global.gc()`, over the IPC channel: nothing in src/ is involved).
 * Not part of `npm run bench` or CI: at 1,000–2,000 requests a second on two
 * shared cores it takes 8–20 minutes. Writes bench/results/soak.{json,md}.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { processCpu } from './lib/cpu';
import { drivePut } from './lib/load';
import { startBenchDatabase } from './lib/postgres';
import { freePort, heapAfterGc, MemoryUsage, procStatusBytes, spawnChild, stopChild } from './lib/processes';
import { machineInfo } from './lib/report';
import { seedBrand, seedConfigurations, seedPortal } from './lib/seed';
import { jfwWorkload, portalWorkload, Workload } from './lib/workload';

const ROOT = resolve(__dirname, '..', '..');
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const settings = {
  requests: int('SOAK_REQUESTS', 1_000_000),
  warmupRequests: int('SOAK_WARMUP_REQUESTS', 40_000),
  checkpoints: int('SOAK_CHECKPOINTS', 10),
  connections: int('BENCH_CONNECTIONS', 16),
  configurations: int('BENCH_CONFIGS', 100),
  surfaces: (process.env.SOAK_SURFACES ?? 'jfw,portal').split(',').map((s) => s.trim()).filter((s): s is 'jfw' | 'portal' => s === 'jfw' || s === 'portal'),
  dataDir: resolve(ROOT, process.env.BENCH_DATA_DIR ?? '.data/soak'),
};
/** SOAK_TARGET=simplest soaks the simplest correct handler instead (Node's defaults), for its long-lived figures. */
const TARGET = process.env.SOAK_TARGET === 'simplest' ? 'simplest' : 'service';
const SCRIPT = join(ROOT, TARGET === 'simplest' ? 'dist/bench/baseline/simplest.js' : 'dist/src/bootstrap/main.js');
const NODE_ARGS = TARGET === 'simplest' ? [] : (process.env.BENCH_SERVICE_NODE_ARGS ?? '--max-semi-space-size=8').split(' ').filter((a) => a !== '');
const PROBE_ARGS = ['--expose-gc', '--require', join(ROOT, 'dist/bench/lib/heap-probe.js')];
const GOAL = 1.1;

const log = (line: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const mib = (bytes: number | null | undefined) => (bytes == null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');

interface Checkpoint {
  requests: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  vmHwm: number | null;
  requestsPerSecond: number;
  cpuUsPerRequest: number | null;
  failed: number;
  elapsedSeconds: number;
  loadAverage: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = await loadAverage();
  log(`settings ${JSON.stringify({ ...settings, nodeArgs: NODE_ARGS })}; load average ${loadAtStart}`);
  if (settings.surfaces.length === 0) throw new Error('SOAK_SURFACES names no surface (jfw, portal)');
  const db = await startBenchDatabase(settings.dataDir, log);
  const env = {
    DATABASE_URL: db.url, SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', DATA_DIR: settings.dataDir,
    RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0',
  };
  const spawn = async (name: string, script = SCRIPT, nodeArgs = NODE_ARGS) =>
    spawnChild({ name, script, port: await freePort(), env, nodeArgs: [...nodeArgs, ...PROBE_ARGS] });
  try {
    const brand = await seedBrand(env, `soak-${Date.now()}.example.com`);
    // Seeding goes through the service's own API, whatever is soaked.
    const setup = await spawn('service (seeding)', join(ROOT, 'dist/src/bootstrap/main.js'), []);
    const workloads: Workload[] = [];
    try {
      if (settings.surfaces.includes('jfw')) workloads.push(jfwWorkload(await seedConfigurations(setup.baseUrl, brand, settings.configurations)));
      if (settings.surfaces.includes('portal')) workloads.push(portalWorkload(await seedPortal(env, setup.baseUrl, settings.configurations)));
    } finally {
      await stopChild(setup);
    }
    log(`seeded ${settings.configurations} rows per surface (${settings.surfaces.join(', ')})`);

    const child = await spawn(TARGET);
    const pid = child.process.pid!;
    const checkpoints: Checkpoint[] = [];
    let done = 0;
    /** `amount` requests split evenly over the surfaces, one after the other. */
    const drive = async (amount: number) => {
      const cpu0 = processCpu(pid);
      const t0 = Date.now();
      let requests = 0;
      let failed = 0;
      for (const [i, workload] of workloads.entries()) {
        const share = Math.floor(amount / workloads.length) + (i < amount % workloads.length ? 1 : 0);
        const r = await drivePut(child.baseUrl, workload, { connections: settings.connections, durationSeconds: 0, isDefault: false, amount: share });
        requests += r.requests;
        failed += r.non2xx + r.errors + r.timeouts;
      }
      const cpu1 = processCpu(pid);
      return {
        requests,
        failed,
        requestsPerSecond: requests / ((Date.now() - t0) / 1000),
        cpuUsPerRequest: cpu0 && cpu1 && requests > 0 ? ((cpu1.process - cpu0.process) * 1e6) / requests : null,
      };
    };
    const checkpoint = async (r: Awaited<ReturnType<typeof drive>>) => {
      // Two full GCs: the first may leave what only a finaliser or a weak callback releases.
      await heapAfterGc(child);
      const heap: MemoryUsage | null = await heapAfterGc(child);
      if (heap === null) throw new Error('the heap probe did not answer (was the service started with it?)');
      const point: Checkpoint = {
        requests: done, heapUsed: heap.heapUsed, heapTotal: heap.heapTotal, external: heap.external, rss: heap.rss,
        vmHwm: procStatusBytes(pid, 'VmHWM'), requestsPerSecond: r.requestsPerSecond, cpuUsPerRequest: r.cpuUsPerRequest,
        failed: r.failed, elapsedSeconds: (Date.now() - started) / 1000, loadAverage: await loadAverage(),
      };
      checkpoints.push(point);
      log(`${done === 0 ? 'after warm-up' : `after ${done.toLocaleString('en')} requests`}: heap ${mib(point.heapUsed)} (total ${mib(point.heapTotal)}), RSS ${mib(point.rss)}, VmHWM ${mib(point.vmHwm)}, ${point.requestsPerSecond.toFixed(0)} req/s, ${point.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU/req, ${point.failed} failed; load ${point.loadAverage}`);
      if (point.failed > 0) log(child.output().slice(-2000));
    };
    try {
      await checkpoint(await drive(settings.warmupRequests));
      const chunk = Math.ceil(settings.requests / settings.checkpoints);
      while (done < settings.requests) {
        const amount = Math.min(chunk, settings.requests - done);
        const r = await drive(amount);
        done += amount;
        await checkpoint(r);
      }
    } finally {
      await stopChild(child);
    }

    const warm = checkpoints[0];
    const last = checkpoints[checkpoints.length - 1];
    const heapRatio = last.heapUsed / warm.heapUsed;
    const results = {
      generatedAt: new Date().toISOString(),
      elapsedSeconds: (Date.now() - started) / 1000,
      machine: await machineInfo(),
      target: TARGET,
      settings: { ...settings, dataDir: undefined, nodeArgs: NODE_ARGS },
      database: { embedded: db.embedded },
      heapAfterWarmup: warm.heapUsed,
      heapAtEnd: last.heapUsed,
      heapRatio,
      goal: GOAL,
      met: heapRatio <= GOAL,
      checkpoints,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: await loadAverage(),
    };
    const dir = join(ROOT, 'bench/results');
    await mkdir(dir, { recursive: true });
    const name = TARGET === 'service' ? 'soak' : `soak-${TARGET}`;
    await writeFile(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(dir, `${name}.md`), markdown(results));
    log(`heap after ${settings.requests.toLocaleString('en')} requests / after warm-up: ${mib(last.heapUsed)} / ${mib(warm.heapUsed)} = ${heapRatio.toFixed(3)} (goal ≤ ${GOAL}); ${(results.elapsedSeconds / 60).toFixed(1)} min → bench/results/${name}.{json,md}`);
  } finally {
    await db.stop();
  }
}

function markdown(r: {
  generatedAt: string; elapsedSeconds: number; machine: Awaited<ReturnType<typeof machineInfo>>; heapRatio: number; checkpoints: Checkpoint[];
  loadAverageAtStart: string; loadAverageAtEnd: string; target: string; settings: Omit<typeof settings, "dataDir"> & { nodeArgs: string[] };
}): string {
  const rows = r.checkpoints.map(
    (c, i) =>
      `| ${i === 0 ? `warm-up (${r.settings.warmupRequests.toLocaleString('en')})` : c.requests.toLocaleString('en')} | ${mib(c.heapUsed)} | ${(c.heapUsed / r.checkpoints[0].heapUsed).toFixed(3)} | ${mib(c.heapTotal)} | ${mib(c.external)} | ${mib(c.rss)} | ${mib(c.vmHwm)} | ${c.requestsPerSecond.toFixed(0)} | ${c.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} | ${c.failed} | ${c.loadAverage} |`,
  );
  return [
    '# integration-hub soak: the heap over 1,000,000 requests',
    '',
    `Generated ${r.generatedAt} in ${(r.elapsedSeconds / 60).toFixed(1)} min (\`npm run bench:soak\`). Machine: ${r.machine.nproc} cores (${r.machine.cpuModel}), Node ${r.machine.node}. Load average ${r.loadAverageAtStart} at the start, ${r.loadAverageAtEnd} at the end.`,
    '',
    `One ${r.target === 'service' ? 'service' : `${r.target} baseline`} process (\`node ${r.settings.nodeArgs.join(' ')}\`, rate limits off), ${r.settings.connections} connections, PUTs alternating over the surfaces ${r.settings.surfaces.join(' + ')} (${r.settings.configurations} rows each), in ${r.settings.checkpoints} chunks. Heap = \`heapUsed\` after two forced full GCs (the bench's heap probe).`,
    '',
    `**Heap after ${r.settings.requests.toLocaleString('en')} requests / heap after warm-up: ${r.heapRatio.toFixed(3)}** (goal: ≤ ${GOAL}).`,
    '',
    '| requests after warm-up | heap used | vs warm-up | heap total | external | RSS | VmHWM | req/s (chunk) | CPU µs/req (chunk) | failed | load average |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
