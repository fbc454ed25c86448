import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { childrenOf } from './cpu';

/**
 * BENCH_DATABASE_CPUS: PostgreSQL on CPUs of its own, as deployed.
 *
 * On a shared machine the bench's PostgreSQL, the target and the load
 * generator take turns on the same cores, so every µs of database work is
 * a µs the target cannot serve: what the audit costs the database shows up
 * as the service's throughput. Deployed, the database runs on cores (or a
 * host) of its own. With this setting the postmaster and every process it
 * has forked are pinned to the listed CPUs (backends forked later inherit
 * the postmaster's affinity), and the bench runner — hence every target and
 * pgbench it spawns, and the load generator in its own process — to the
 * others. `taskset` (util-linux) does the pinning; Node has no call for it.
 *
 * Only the bench's embedded cluster is pinned: a server DATABASE_URL names
 * may serve others.
 */
export interface Pinning {
  readonly database: string;
  readonly rest: string;
}

/** `1` or `2-3` or `0,2`: the CPU numbers a taskset list names. */
export function cpuList(spec: string): number[] {
  const cpus = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) throw new Error(`BENCH_DATABASE_CPUS: "${part}" is not a CPU number or range`);
    const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** Pins the cluster to `spec` and this process (and so its future children) to the other CPUs. */
export function pinDatabase(postmasterPid: number, spec: string, cpuCount = availableParallelism()): Pinning {
  const database = cpuList(spec);
  const all = Array.from({ length: cpuCount }, (_, i) => i);
  const rest = all.filter((cpu) => !database.includes(cpu));
  if (database.length === 0 || database.some((cpu) => cpu >= cpuCount)) throw new Error(`BENCH_DATABASE_CPUS=${spec}: this machine has CPUs 0-${cpuCount - 1}`);
  if (rest.length === 0) throw new Error(`BENCH_DATABASE_CPUS=${spec} leaves no CPU for the targets and the load`);
  const pinning = { database: database.join(','), rest: rest.join(',') };
  for (const pid of [postmasterPid, ...childrenOf(postmasterPid).map((c) => Number(c.pid))]) taskset(pinning.database, pid);
  taskset(pinning.rest, process.pid);
  return pinning;
}

/** All threads of `pid` (-a), a CPU list (-c). */
function taskset(cpus: string, pid: number): void {
  execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
}
