import { readFile } from 'node:fs/promises';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by owner: a package under node_modules, our src/, node internals, GC, idle. */
  byOwner: { owner: string; ms: number; share: number }[];
  /**
   * The same, with native and node-internal frames charged to the nearest
   * package or src/ frame that called them (e.g. pg's socket writev → pg).
   */
  byCallingOwner: { owner: string; ms: number; share: number }[];
  /** byCallingOwner without idle and without the socket writes' syscall time (writev/writeUtf8String/writeBuffer): where the JS CPU goes. */
  busyByCallingOwner: { owner: string; ms: number; share: number }[];
  /** Self time by function, busiest first. */
  topFunctions: { fn: string; ms: number; share: number }[];
  /** Busy main-thread time (idle left out) by candidate cost, see `candidateOf`. */
  busyByCandidate: { candidate: string; ms: number; share: number }[];
  /** Busy main-thread ms (everything but idle). */
  busyMs: number;
}

type Frame = CpuProfileNode['callFrame'];

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);

const CRYPTO = 'crypto (AES-256-GCM, sha256 + timingSafeEqual, randomUUID, IV)';

/** Packages (and node modules) → the candidate they are charged to. */
const PACKAGE_CANDIDATES: [RegExp, string][] = [
  [/node_modules\/prom-client\//, 'prom-client (request counter + latency histogram)'],
  [/node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|@pinojs\/redact|quick-format-unescaped|atomic-sleep|fast-safe-stringify|safe-stable-stringify)\//, 'pino (one log line per request)'],
  [/node_modules\/(@koa\/router|path-to-regexp)\//, '@koa/router (route matching)'],
  [/node_modules\/(@koa\/bodyparser|co-body|raw-body|inflation|iconv-lite|bytes|unpipe)\//, 'body parser (@koa/bodyparser, co-body, raw-body)'],
  [/node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//, 'class-validator / validator / class-transformer'],
  [/node_modules\/pg-protocol\//, 'pg-protocol (wire messages: parse + serialise)'],
  [/node_modules\/(pg-types|postgres-date|postgres-array|postgres-bytea|postgres-interval)\/|node_modules\/pg\/lib\/result\.js/, 'pg row parsing (pg/lib/result, pg-types)'],
  [/node_modules\/(pg|pg-pool|pg-connection-string|pgpass|pg-int8)\//, 'pg client + pool (query objects, queue)'],
  [/node_modules\/typeorm\//, 'TypeORM'],
  [/node_modules\/inversify|node_modules\/@inversifyjs\//, 'Inversify'],
  [/node_modules\/reflect-metadata\//, 'reflect-metadata'],
  [/node_modules\/(koa|koa-compose|on-finished|ee-first|statuses|delegates|accepts|negotiator|cookies|keygrip|vary|content-disposition|type-is|mime-types|mime-db|media-typer|content-type|fresh|encodeurl|escape-html|http-errors|http-assert|depd|only|destroy|setprototypeof|toidentifier)\//, 'Koa (context, compose, request/response helpers)'],
  [/^node:internal\/crypto\/|^node:crypto$/, CRYPTO],
  [/^node:(_http_\w+|http)$/, 'Node HTTP server (req/res objects, headers; JS side)'],
  [/^node:(net|stream|internal\/stream_base_commons|internal\/streams\/.*)$/, 'Node net + streams (JS side)'],
  [/^node:internal\/process\/task_queues$|^node:internal\/async_hooks$|^node:internal\/timers$|^node:timers$/, 'async plumbing (microtasks, nextTick, timers)'],
];

function srcCandidate(url: string): string {
  if (/\/dist\/src\/adapters\/system\/(aes-gcm-secret-cipher|crypto-token-generator)\.js/.test(url)) return CRYPTO;
  if (url.includes('/dist/src/domain/')) return 'service src/: domain (entity, settings rules)';
  if (url.includes('/dist/src/application/')) return 'service src/: use cases';
  if (url.includes('/dist/src/adapters/persistence/')) return 'service src/: persistence adapter (params, rows → entity)';
  if (url.includes('/dist/src/adapters/http/')) return 'service src/: HTTP adapter (middleware, fast body check, presenter)';
  return 'service src/: other';
}

/** The candidate a frame of this script belongs to, or null for a transparent one (node internals not named, builtins). */
export function candidateOfFrame(url: string): string | null {
  for (const [pattern, candidate] of PACKAGE_CANDIDATES) if (pattern.test(url)) return candidate;
  if (url.includes('/dist/src/')) return srcCandidate(url);
  if (url.includes('/dist/bench/baseline/')) return "baseline's own handler code";
  if (url.includes('/dist/bench/')) return 'bench heap probe';
  return null;
}

/**
 * What a busy sample is charged to: GC and native time by their marker, a
 * socket write by whose socket it is, else the innermost frame that belongs to
 * a known package, to node's crypto/HTTP/streams, or to src/. Other node
 * internals and builtins are transparent (`new URL` in src/ → src/).
 */
export function candidateOf(stack: Frame[]): string {
  const leaf = stack[0];
  if (leaf.functionName === '(garbage collector)') return 'GC (main thread part)';
  if (leaf.functionName === '(program)') return '(program): native outside JS (socket reads, HTTP parsing, V8 runtime)';
  if (SOCKET_WRITES.has(leaf.functionName)) {
    return stack.some((f) => /node_modules\/pg(-protocol)?\//.test(f.url)) ? 'socket writes to PostgreSQL (syscalls)' : 'socket writes of HTTP answers (syscalls)';
  }
  if (leaf.url === '' && (leaf.functionName === 'stringify' || leaf.functionName === 'parse')) return 'JSON.stringify / JSON.parse (V8 builtins: answers, bodies, json columns)';
  for (const frame of stack) {
    const candidate = candidateOfFrame(frame.url);
    if (candidate !== null) return candidate;
  }
  if (leaf.url === '') return `native builtin: ${leaf.functionName || '(anonymous)'}`;
  return leaf.url.startsWith('node:') ? 'Node internals (other)' : leaf.url;
}

export interface CandidateEstimate {
  candidate: string;
  /** Share of the busy main-thread samples that are not socket writes. */
  share: number;
  usPerRequest: number;
}

export interface CpuEstimate {
  cpuUsPerRequest: number;
  mainThreadUsPerRequest: number;
  /** The main thread's system time: its syscalls (socket writes and reads, epoll, getpid…). */
  kernelUsPerRequest: number;
  /** The main thread's user time, split over `candidates`. */
  userUsPerRequest: number;
  /** Other threads of the process: V8's parallel/concurrent GC helpers, libuv's pool. */
  otherThreadsUsPerRequest: number;
  /** How the busy samples split between socket writes and the rest (wall-clock: a preempted write counts too). */
  socketWriteSampleShare: number;
  candidates: CandidateEstimate[];
}

/**
 * µs per request per candidate, from what /proc measured without the
 * profiler (median of the service's rounds) and how the profile's samples
 * split. /proc gives the main thread's user and system time; the system
 * time is the syscalls' (strace counts them), the user time is split over
 * the candidates by their share of the busy samples that are not socket
 * writes. Why not the samples alone: they are wall-clock, and on two shared
 * cores a write to a loopback socket wakes the receiver and is often
 * preempted, so `writev` gathers samples far beyond its CPU.
 */
export function estimateCandidates(
  profile: ProfileSummary,
  measured: { cpuUsPerRequest: number | null; mainThreadCpuUsPerRequest: number | null; mainThreadSystemCpuUsPerRequest: number | null },
): CpuEstimate | undefined {
  const { cpuUsPerRequest, mainThreadCpuUsPerRequest: main, mainThreadSystemCpuUsPerRequest: kernel } = measured;
  if (cpuUsPerRequest === null || main === null || kernel === null) return undefined;
  const isWrite = (c: string) => c.startsWith('socket writes');
  const userSamples = profile.busyByCandidate.filter((c) => !isWrite(c.candidate));
  const userMs = userSamples.reduce((sum, c) => sum + c.ms, 0);
  const user = main - kernel;
  return {
    cpuUsPerRequest,
    mainThreadUsPerRequest: main,
    kernelUsPerRequest: kernel,
    userUsPerRequest: user,
    otherThreadsUsPerRequest: cpuUsPerRequest - main,
    socketWriteSampleShare: profile.busyMs === 0 ? 0 : 1 - userMs / profile.busyMs,
    candidates: userSamples.map((c) => ({ candidate: c.candidate, share: c.ms / userMs, usPerRequest: (c.ms / userMs) * user })),
  };
}

function owner(url: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/src/')) return 'service src/';
  if (url.includes('/dist/bench/')) return 'bench probe';
  return url;
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/').replace(/^file:\/\//, '');
}

/**
 * Self time of a V8 .cpuprofile, summed per function, per owner and per
 * candidate. With `window` (µs on the monotonic clock, which V8's profile
 * timestamps and process.hrtime share on Linux) only the samples taken in it
 * count, so start-up, warm-up and shutdown are left out; when the window
 * does not overlap the profile, every sample counts (`windowed` says which).
 */
export async function summariseProfile(file: string, window?: { startUs: number; endUs: number }, top = 25): Promise<ProfileSummary & { windowed: boolean }> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const windowed = window !== undefined && window.startUs < profile.endTime && window.endUs > profile.startTime;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (windowed && (at < window.startUs || at > window.endUs)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callingOwner = (id: number): string => {
    const own = byId.get(id)!.callFrame;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = byId.get(cur)!.callFrame;
      if (url.includes('node_modules/') || url.includes('/dist/')) return owner(url, functionName);
    }
    return owner(own.url, own.functionName);
  };
  const stackOf = (id: number): Frame[] => {
    const frames: Frame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) frames.push(byId.get(cur)!.callFrame);
    return frames;
  };
  const candidates = new Map<string, number>();
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  const callingOwners = new Map<string, number>();
  const busyOwners = new Map<string, number>();
  const NOT_BUSY = new Set(['(idle)', 'writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String']);
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + ms);
    const o = owner(url, functionName);
    owners.set(o, (owners.get(o) ?? 0) + ms);
    const c = callingOwner(id);
    callingOwners.set(c, (callingOwners.get(c) ?? 0) + ms);
    if (!NOT_BUSY.has(functionName)) busyOwners.set(c, (busyOwners.get(c) ?? 0) + ms);
    if (functionName !== '(idle)') {
      const candidate = candidateOf(stackOf(id));
      candidates.set(candidate, (candidates.get(candidate) ?? 0) + ms);
    }
  }
  const busyMs = [...candidates.values()].reduce((a, b) => a + b, 0);
  const busy = [...busyOwners.values()].reduce((a, b) => a + b, 0);
  const rank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs: total,
    byOwner: rank(owners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / total })),
    byCallingOwner: rank(callingOwners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / total })),
    busyByCallingOwner: rank(busyOwners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / busy })),
    topFunctions: rank(fns).slice(0, top).map(([fn, ms]) => ({ fn, ms, share: ms / total })),
    busyByCandidate: rank(candidates).map(([candidate, ms]) => ({ candidate, ms, share: ms / busyMs })),
    busyMs,
    windowed,
  };
}
