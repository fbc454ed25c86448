import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { GcWindow } from './heap-probe';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly baseUrl: string;
  /** ms from spawn to the first 200 on /healthz. */
  readonly coldStartMs: number;
  output(): string;
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
}

export interface SpawnOptions {
  readonly name: string;
  readonly script: string;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  readonly nodeArgs?: readonly string[];
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Spawns `node <nodeArgs> <script>` and waits for 200 on /healthz; fails with the child's output. */
export async function spawnChild(options: SpawnOptions): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exit code ${code}, signal ${signal}`;
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${options.name} exited before it was healthy (${exited}):\n${output}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} not healthy within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return { name: options.name, process: child, baseUrl, coldStartMs: performance.now() - started, output: () => output };
}

export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((done) => child.process.once('exit', done));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A field of /proc/<pid>/status in bytes (VmHWM = peak RSS, VmRSS = current). */
export function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples VmRSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 200): () => number {
  let peak = procStatusBytes(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, procStatusBytes(pid, 'VmRSS') ?? 0);
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, procStatusBytes(pid, 'VmRSS') ?? 0);
  };
}

/**
 * Sends `request` to the child's heap probe and answers the fields `pick`
 * takes from its reply of type `replyType`; null when the probe is not
 * loaded or does not answer within `timeoutMs`.
 */
async function askProbe<T>(child: Child, request: string, replyType: string, pick: (reply: Record<string, unknown>) => T, timeoutMs: number): Promise<T | null> {
  if (child.process.send === undefined || !child.process.connected) return null;
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.process.off('message', onMessage);
      done(null);
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const m = message as { type?: string } & Record<string, unknown>;
      if (m?.type !== replyType) return;
      clearTimeout(timer);
      child.process.off('message', onMessage);
      done(pick(m));
    };
    child.process.on('message', onMessage);
    child.process.send(request);
  });
}

/** Asks the child's heap probe for memory after a full GC (null when the probe is not loaded). */
export async function heapAfterGc(child: Child, timeoutMs = 5000): Promise<MemoryUsage | null> {
  return askProbe(child, 'bench:heap', 'bench:heap', (m) => {
    const r = m as unknown as MemoryUsage;
    return { rss: r.rss, heapTotal: r.heapTotal, heapUsed: r.heapUsed, external: r.external, arrayBuffers: r.arrayBuffers, gc: r.gc };
  }, timeoutMs);
}

/** Starts the heap probe's GC recording in `child` (nothing without the probe). */
export function gcWindowStart(child: Child): void {
  if (child.process.send !== undefined && child.process.connected) child.process.send('bench:gc-start');
}

/** Ends it and answers what it recorded, or null without the probe. */
export async function gcWindowStop(child: Child, timeoutMs = 5000): Promise<GcWindow | null> {
  return askProbe(child, 'bench:gc-stop', 'bench:gc', (m) => {
    const r = m as unknown as GcWindow;
    return { promotedBytes: r.promotedBytes, scavenges: r.scavenges, scavengeMs: r.scavengeMs, fullGcs: r.fullGcs, fullGcMs: r.fullGcMs };
  }, timeoutMs);
}

/** A port free on 127.0.0.1 right now, for a process the bench is about to start. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
