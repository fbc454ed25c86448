import { spawn, execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';

export interface SyscallCount {
  syscall: string;
  calls: number;
  errors: number;
  perRequest: number;
}

export interface SyscallTrace {
  available: boolean;
  note?: string;
  requests?: number;
  /** requests/s under strace (ptrace stops every syscall: far slower than untraced; only the counts matter). */
  requestsPerSecond?: number;
  totalPerRequest?: number;
  syscalls?: SyscallCount[];
}

export function straceAvailable(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Parses the table `strace -c` writes: "% time seconds usecs/call calls [errors] syscall". */
export function parseStraceSummary(text: string): { syscall: string; calls: number; errors: number }[] {
  const rows: { syscall: string; calls: number; errors: number }[] = [];
  for (const line of text.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 5 || !/^\d+\.\d+$/.test(cells[0]) || cells[cells.length - 1] === 'total') continue;
    const syscall = cells[cells.length - 1];
    const numbers = cells.slice(3, -1).map(Number);
    rows.push({ syscall, calls: numbers[0] ?? 0, errors: numbers[1] ?? 0 });
  }
  return rows;
}

/**
 * Attaches `strace -c -f` to every thread of a running process for the
 * duration of `drive()` and counts syscalls per completed request.
 */
export async function countSyscalls(pid: number, file: string, drive: () => Promise<{ requests: number; requestsPerSecond: number; failed: number }>): Promise<SyscallTrace> {
  const tracer = spawn('strace', ['-c', '-f', '-p', String(pid), '-o', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const attached = new Promise<void>((done) => {
    tracer.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('attached')) done();
    });
    tracer.once('exit', () => done());
  });
  await Promise.race([attached, new Promise((done) => setTimeout(done, 5000))]);
  if (tracer.exitCode !== null) return { available: false, note: `strace could not attach: ${stderr.trim().slice(0, 300)}` };
  const exited = new Promise((done) => tracer.once('exit', done));
  let load: { requests: number; requestsPerSecond: number; failed: number };
  try {
    load = await drive();
  } finally {
    tracer.kill('SIGINT');
    await exited;
  }
  const rows = parseStraceSummary(await readFile(file, 'utf8').catch(() => ''));
  await rm(file, { force: true });
  if (rows.length === 0 || load.requests === 0) return { available: false, note: `strace wrote no summary: ${stderr.trim().slice(0, 300)}` };
  if (load.failed > 0) return { available: false, note: `${load.failed} requests failed under strace` };
  const syscalls = rows
    .map((r) => ({ ...r, perRequest: r.calls / load.requests }))
    .sort((a, b) => b.calls - a.calls);
  return {
    available: true,
    requests: load.requests,
    requestsPerSecond: load.requestsPerSecond,
    totalPerRequest: syscalls.reduce((sum, s) => sum + s.calls, 0) / load.requests,
    syscalls,
  };
}
