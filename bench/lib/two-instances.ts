import { readFile } from 'node:fs/promises';
import { clusterCpu, processCpu } from './cpu';
import { drivePut, LoadResult } from './load';
import { Child, stopChild } from './processes';
import { Workload } from './workload';

/**
 * The two-instance round (issue 18): seed 000's plain PUT, the same total
 * connections either on one instance or split evenly across two instances
 * (each its own autocannon, started together: what a round-robin balancer
 * does), on the same database. Fresh processes each round, the order
 * alternated. On a 2-core machine this shows what a second process costs
 * (two event loops, two pools, competing with PostgreSQL for the same
 * cores), not how it scales: throughput can only scale with cores to spare.
 */
export interface InstancesRound {
  readonly instances: 1 | 2;
  readonly round: number;
  readonly requestsPerSecond: number;
  /** The slower instance's p99 (the one a client behind the balancer may hit). */
  readonly p99Ms: number;
  /** All instances' CPU over the window / all requests. */
  readonly serviceCpuUsPerRequest: number | null;
  readonly databaseCpuUsPerRequest: number | null;
  readonly failed: number;
  readonly loadAverage: string;
}

export interface InstancesOptions {
  readonly spawn: (name: string) => Promise<Child>;
  readonly workload: Workload;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly rounds: number;
  readonly postmasterPid: number | null;
  readonly beforeRound: () => Promise<void>;
  readonly log: (line: string) => void;
}

const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' ');

async function split(children: Child[], workload: Workload, connections: number, seconds: number): Promise<LoadResult[]> {
  const each = Math.max(1, Math.floor(connections / children.length));
  return Promise.all(children.map((child) => drivePut(child.baseUrl, workload, { connections: each, durationSeconds: seconds, isDefault: false })));
}

async function measure(options: InstancesOptions, instances: 1 | 2, round: number): Promise<InstancesRound> {
  await options.beforeRound();
  const children: Child[] = [];
  try {
    for (let i = 0; i < instances; i++) children.push(await options.spawn(`service instance ${i + 1}/${instances}`));
    if (options.warmupSeconds > 0) await split(children, options.workload, options.connections, options.warmupSeconds);
    const cpu0 = children.map((c) => processCpu(c.process.pid!));
    const db0 = options.postmasterPid === null ? null : clusterCpu(options.postmasterPid);
    const results = await split(children, options.workload, options.connections, options.durationSeconds);
    const cpu1 = children.map((c) => processCpu(c.process.pid!));
    const db1 = options.postmasterPid === null ? null : clusterCpu(options.postmasterPid);
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const serviceSeconds = cpu0.every((c, i) => c !== null && cpu1[i] !== null) ? cpu1.reduce((s, c, i) => s + c!.process - cpu0[i]!.process, 0) : null;
    const perRequest = (seconds: number | null) => (seconds === null || requests === 0 ? null : (seconds * 1e6) / requests);
    return {
      instances,
      round,
      requestsPerSecond: results.reduce((s, r) => s + r.requestsPerSecond, 0),
      p99Ms: Math.max(...results.map((r) => r.p99Ms)),
      serviceCpuUsPerRequest: perRequest(serviceSeconds),
      databaseCpuUsPerRequest: perRequest(db0 !== null && db1 !== null ? db1 - db0 : null),
      failed: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
      loadAverage: await loadAverage(),
    };
  } finally {
    for (const child of children) await stopChild(child);
  }
}

export async function twoInstanceRounds(options: InstancesOptions): Promise<InstancesRound[]> {
  const rounds: InstancesRound[] = [];
  for (let r = 1; r <= options.rounds; r++) {
    for (const instances of (r % 2 === 1 ? [1, 2] : [2, 1]) as (1 | 2)[]) {
      const result = await measure(options, instances, r);
      rounds.push(result);
      options.log(`plain, ${instances} instance${instances === 1 ? '' : 's'}, round ${r}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99Ms} ms, service CPU ${result.serviceCpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs/req, db ${result.databaseCpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs/req, failed ${result.failed}, load ${result.loadAverage}`);
    }
  }
  return rounds;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const n0 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(0));

/** The section appended to bench/results/latest.md. */
export function twoInstancesMarkdown(rounds: readonly InstancesRound[], machine: { nproc: number; cpuModel: string }, connections: number): string {
  const row = (instances: 1 | 2) => {
    const mine = rounds.filter((r) => r.instances === instances);
    const medianOf = (pick: (r: InstancesRound) => number | null) => (mine.some((r) => pick(r) === null) ? null : median(mine.map((r) => pick(r)!)));
    return `| ${instances} | ${n0(medianOf((r) => r.requestsPerSecond))} | ${n0(medianOf((r) => r.p99Ms))} | ${n0(medianOf((r) => r.serviceCpuUsPerRequest))} | ${n0(medianOf((r) => r.databaseCpuUsPerRequest))} | ${mine.reduce((n, r) => n + r.failed, 0)} |`;
  };
  return [
    '',
    '## One instance against two (load split across them)',
    '',
    `Machine: **${machine.nproc} cores** (${machine.cpuModel}), shared by PostgreSQL, the load generator and the instances. Seed 000's plain PUT, ${connections} connections in all (split evenly across the instances), fresh processes each round, ${rounds.length / 2} rounds, order alternated; medians. With ${machine.nproc} cores this measures the **overhead** of a second instance (two event loops and pools competing with PostgreSQL for the same cores), **not scaling**: a second instance adds throughput only where there are idle cores and PostgreSQL has headroom (see the README's "Deploying").`,
    '',
    '| instances | req/s (sum) | p99 ms (slower instance) | service CPU µs/req (all instances) | database CPU µs/req | non-2xx + errors |',
    '|---:|---:|---:|---:|---:|---:|',
    row(1),
    row(2),
    '',
    '| instances | round | req/s | p99 ms | service CPU µs/req | database CPU µs/req | load average after |',
    '|---:|---:|---:|---:|---:|---:|---|',
    ...rounds.map((r) => `| ${r.instances} | ${r.round} | ${n0(r.requestsPerSecond)} | ${n0(r.p99Ms)} | ${n0(r.serviceCpuUsPerRequest)} | ${n0(r.databaseCpuUsPerRequest)} | ${r.loadAverage} |`),
    '',
  ].join('\n');
}
