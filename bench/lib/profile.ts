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

/** Self time of a V8 .cpuprofile, summed per function and per owner. */
export async function summariseProfile(file: string, top = 25): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
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
  }
  const busy = [...busyOwners.values()].reduce((a, b) => a + b, 0);
  const rank = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs: total,
    byOwner: rank(owners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / total })),
    byCallingOwner: rank(callingOwners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / total })),
    busyByCallingOwner: rank(busyOwners).slice(0, 20).map(([o, ms]) => ({ owner: o, ms, share: ms / busy })),
    topFunctions: rank(fns).slice(0, top).map(([fn, ms]) => ({ fn, ms, share: ms / total })),
  };
}
