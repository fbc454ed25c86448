import { execFile, execFileSync, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { candidateOfFrame } from './profile';

const run = promisify(execFile);

/**
 * On-CPU sampling of the service with Linux `perf` (`-e cpu-clock -g`, every
 * thread, the service started with `--perf-basic-prof` so JIT frames carry
 * their function and file). Unlike V8's `--cpu-prof`, which samples the
 * main thread on a wall clock (so a thread preempted inside a syscall keeps
 * collecting samples there), a cpu-clock sample is only taken while a
 * thread runs: shares of these samples are shares of CPU time.
 */
export interface PerfSummary {
  available: boolean;
  note?: string;
  samples?: number;
  /** Samples by candidate (same taxonomy as the --cpu-prof summary, plus kernel and other threads), busiest first. */
  byCandidate?: { candidate: string; samples: number; share: number }[];
  /** Samples by thread name (MainThread, V8Worker, libuv-worker…). */
  byThread?: { thread: string; share: number }[];
}

export function perfAvailable(): boolean {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Sample {
  thread: string;
  /** Leaf first: symbol and dso of each frame. */
  frames: { sym: string; dso: string }[];
}

/** Parses `perf script -F comm,tid,ip,sym,dso` output: a header line per sample, then one frame per line. */
export function parsePerfScript(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const thread = lines[0].trim().split(/\s+/)[0];
    const frames = lines.slice(1).map((line) => {
      const m = /^\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$/.exec(line);
      return m ? { sym: m[1], dso: m[2] } : { sym: line.trim(), dso: '' };
    });
    samples.push({ thread, frames });
  }
  return samples;
}

const GC = /v8::internal::(Heap::|Scavenger|ScavengerCollector|MarkCompactCollector|MinorMarkSweep|ConcurrentMarking|IncrementalMarking|Sweeper|MarkingVisitor|MarkingBarrier|GCTracer|.*Evacuat)/;
const COMPILER = /v8::internal::(maglev::|compiler::|Compiler::|baseline::|interpreter::BytecodeGenerator|Parser|OptimizingCompileDispatcher)/;
const CRYPTO_NATIVE = /^(EVP_|aes|AES_|gcm_|ossl_|RAND_|rand_|sha256|SHA256|CRYPTO_|node::crypto::|OPENSSL_|evp_|ctr_|drbg|ossl|BN_)/;
const SYSCALL = /^(?:__x64_sys_|__se_sys_|__do_sys_|ksys_|do_)(write|writev|read|readv|epoll_wait|epoll_pwait|futex|getpid|sendto|recvfrom|sendmsg|recvmsg|mprotect|madvise|mmap|munmap|accept4?|io_uring_enter)\b|^(?:__libc_|__)?(write|writev|read|readv|epoll_wait|epoll_pwait|getpid|__getpid|futex)$/;

/** What one on-CPU sample is charged to. */
export function perfCandidate(sample: Sample): string {
  const { thread, frames } = sample;
  if (thread !== 'MainThread' && thread !== 'node') {
    if (frames.some((f) => GC.test(f.sym))) return 'other threads: GC helpers (parallel scavenge, concurrent marking, sweeping)';
    if (frames.some((f) => COMPILER.test(f.sym))) return 'other threads: JIT compilers (Maglev, TurboFan)';
    return `other threads: ${thread}`;
  }
  const leaf = frames[0];
  if (leaf !== undefined && leaf.dso.includes('kernel')) {
    const call = frames.map((f) => SYSCALL.exec(f.sym)).find((m) => m !== null);
    const name = call ? (call[1] ?? call[2]) : undefined;
    if (name === undefined) return 'kernel: interrupts, softirqs, page faults, scheduling';
    if (/^(writev|write|sendto|sendmsg)$/.test(name)) {
      const toPg = frames.some((f) => /node_modules\/pg(-protocol|-pool)?\//.test(f.sym));
      return toPg ? 'kernel: socket writes to PostgreSQL (TCP loopback)' : 'kernel: socket writes of HTTP answers (TCP loopback)';
    }
    if (/^(read|readv|recvfrom|recvmsg)$/.test(name)) return 'kernel: socket reads';
    if (/epoll/.test(name)) return 'kernel: epoll_wait';
    return `kernel: ${name}`;
  }
  for (const frame of frames) {
    if (GC.test(frame.sym)) return 'GC (main thread part)';
    if (COMPILER.test(frame.sym)) return 'V8 compiler on the main thread';
    if (CRYPTO_NATIVE.test(frame.sym)) return 'crypto (AES-256-GCM, sha256 + timingSafeEqual, randomUUID, IV)';
    if (/^(llhttp|node::http_parser)/.test(frame.sym)) return 'Node HTTP server (req/res objects, headers; JS side)';
    if (/JsonStringifier|JsonParser|Builtins_JsonStringify|Builtins_JsonParse/.test(frame.sym)) return 'JSON.stringify / JSON.parse (V8 builtins: answers, bodies, json columns)';
    if (frame.sym.startsWith('JS:')) {
      // `JS:<tier><name> <script>:<line>:<column>` (--perf-basic-prof); the name may be empty or contain spaces.
      const candidate = candidateOfFrame((frame.sym.split(' ').pop() ?? '').replace(/:\d+:\d+$/, ''));
      if (candidate !== null) return candidate;
    }
  }
  return 'native outside JS (libuv, node C++, V8 runtime)';
}

/** perf record on every thread of `pid` while `drive()` runs, then the samples by candidate. */
export async function perfProfile(pid: number, file: string, drive: () => Promise<void>): Promise<PerfSummary> {
  const recorder = spawn('perf', ['record', '-q', '-g', '-e', 'cpu-clock', '-F', '999', '-p', String(pid), '-o', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  recorder.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise((done) => recorder.once('exit', done));
  await new Promise((done) => setTimeout(done, 300));
  if (recorder.exitCode !== null) return { available: false, note: `perf record failed: ${stderr.trim().slice(0, 300)}` };
  try {
    await drive();
  } finally {
    recorder.kill('SIGINT');
    await exited;
  }
  try {
    const { stdout } = await run('perf', ['script', '-i', file, '-F', 'comm,tid,ip,sym,dso'], { maxBuffer: 512 * 1024 * 1024 });
    const samples = parsePerfScript(stdout);
    if (samples.length === 0) return { available: false, note: 'perf recorded no samples' };
    const count = (key: (s: Sample) => string) => {
      const m = new Map<string, number>();
      for (const s of samples) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
      return [...m.entries()].sort((a, b) => b[1] - a[1]);
    };
    return {
      available: true,
      samples: samples.length,
      byCandidate: count(perfCandidate).map(([candidate, n]) => ({ candidate, samples: n, share: n / samples.length })),
      byThread: count((s) => s.thread).map(([thread, n]) => ({ thread, share: n / samples.length })),
    };
  } catch (error) {
    return { available: false, note: `perf script failed: ${String(error).slice(0, 300)}` };
  } finally {
    await rm(file, { force: true });
    await rm(`/tmp/perf-${pid}.map`, { force: true });
  }
}
