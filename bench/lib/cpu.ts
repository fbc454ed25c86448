import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes from /proc (Linux): utime + stime in clock ticks
 * (`getconf CLK_TCK`, usually 100 → 10 ms resolution; over a measured round
 * of thousands of requests that is well under 1 µs per request).
 */
let ticks: number | undefined;
export function clockTicksPerSecond(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

interface StatFields {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/** Fields of /proc/<pid>/stat (or /proc/<pid>/task/<tid>/stat), or null when gone or unreadable. */
function stat(path: string): StatFields | null {
  try {
    const text = readFileSync(path, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): field n is rest[n - 3].
    return { ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]), cutime: Number(rest[13]), cstime: Number(rest[14]) };
  } catch {
    return null;
  }
}

export interface CpuReading {
  /** Whole process (every thread), utime + stime, seconds. */
  process: number;
  /** The main (JavaScript) thread only, utime + stime, seconds. */
  mainThread: number;
  /** The main thread's user time (JS, V8, native code) and system time (its syscalls), seconds. */
  mainThreadUser: number;
  mainThreadSystem: number;
}

/** utime + stime of a process and of its main thread, in seconds; null when /proc cannot tell. */
export function processCpu(pid: number): CpuReading | null {
  const all = stat(`/proc/${pid}/stat`);
  const main = stat(`/proc/${pid}/task/${pid}/stat`);
  if (all === null || main === null) return null;
  const hz = clockTicksPerSecond();
  return { process: (all.utime + all.stime) / hz, mainThread: (main.utime + main.stime) / hz, mainThreadUser: main.utime / hz, mainThreadSystem: main.stime / hz };
}

/**
 * CPU of a whole PostgreSQL cluster, seconds: the postmaster's own time and
 * that of its reaped children (cutime/cstime: backends that exited), plus
 * every live child (backends, WAL writer, checkpointer, autovacuum…).
 */
export function clusterCpu(postmasterPid: number): number | null {
  const split = clusterCpuByRole(postmasterPid);
  return split === null ? null : split.clients + split.background;
}

/** PostgreSQL's own processes, by the title it gives them (everything else the postmaster forks serves a client connection). */
const BACKGROUND_TITLE = /^postgres: (?:[^:]*: )?(?:checkpointer|background writer|walwriter|autovacuum|logical replication|stats collector|archiver|startup|walreceiver|walsender|parallel worker)/;

/**
 * The same CPU, split: `clients` = the live backends serving client
 * connections (the target's pool, its LISTEN and job-queue connections);
 * `background` = the postmaster, its background processes (WAL writer,
 * checkpointer, autovacuum launcher) and every reaped child. During a
 * measured window the reaped children are autovacuum and analyze workers
 * (a pool's connections stay open under load), so `background` is the
 * cluster's work that no statement pays for directly: vacuuming and
 * analysing what the writes added, flushing and checkpointing their WAL.
 */
export function clusterCpuByRole(postmasterPid: number): { clients: number; background: number } | null {
  const root = stat(`/proc/${postmasterPid}/stat`);
  if (root === null) return null;
  let background = root.utime + root.stime + root.cutime + root.cstime;
  let clients = 0;
  for (const { pid, fields } of childrenOf(postmasterPid)) {
    if (BACKGROUND_TITLE.test(title(pid))) background += fields.utime + fields.stime;
    else clients += fields.utime + fields.stime;
  }
  const hz = clockTicksPerSecond();
  return { clients: clients / hz, background: background / hz };
}

/** The processes `parent` has forked and that still run (the postmaster's: its backends and background workers), each with its stat fields. */
export function childrenOf(parent: number): { pid: string; fields: StatFields }[] {
  const children: { pid: string; fields: StatFields }[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = stat(`/proc/${pid}/stat`);
    if (fields !== null && fields.ppid === parent) children.push({ pid, fields });
  }
  return children;
}

/** A process's title as `ps` shows it (PostgreSQL rewrites its argv into one string). */
function title(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The parent process id of `pid` (a backend's parent is the postmaster), or null. */
export function parentPid(pid: number): number | null {
  return stat(`/proc/${pid}/stat`)?.ppid ?? null;
}
