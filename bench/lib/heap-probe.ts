/**
 * Preloaded (`node --expose-gc --require …/heap-probe.js`) into the service
 * and baseline children by the bench runner, so memory can be read without
 * adding anything to src/: on the IPC message `bench:heap` it forces a full
 * GC and answers process.memoryUsage(). Between `bench:gc-start` and
 * `bench:gc-stop` it records every GC with V8's GCProfiler and answers what
 * the scavenges promoted to the old generation (the old space's growth across
 * each of them) and what they and the full GCs cost: a request whose objects
 * outlive the young generation shows here first (docs/performance.md, "A
 * callback that aged every request"). The IPC channel is unref'd so it never
 * keeps a child alive.
 */
import { GCProfiler } from 'node:v8';

const gc = (globalThis as { gc?: () => void }).gc;

/** What the probe recorded between `bench:gc-start` and `bench:gc-stop` (processes.ts reads it). */
export interface GcWindow {
  promotedBytes: number;
  scavenges: number;
  scavengeMs: number;
  fullGcs: number;
  fullGcMs: number;
}

function summarise(statistics: ReturnType<GCProfiler['stop']> | undefined): GcWindow {
  const oldSpaceUsed = (spaces: { spaceName: string; spaceUsedSize: number }[]) => spaces.find((x) => x.spaceName === 'old_space')?.spaceUsedSize ?? 0;
  const w: GcWindow = { promotedBytes: 0, scavenges: 0, scavengeMs: 0, fullGcs: 0, fullGcMs: 0 };
  for (const g of statistics?.statistics ?? []) {
    if (g.gcType === 'Scavenge' || g.gcType === 'MinorMarkSweep') {
      w.scavenges++;
      w.scavengeMs += g.cost / 1000;
      w.promotedBytes += Math.max(0, oldSpaceUsed(g.afterGC.heapSpaceStatistics) - oldSpaceUsed(g.beforeGC.heapSpaceStatistics));
    } else if (g.gcType === 'MarkSweepCompact') {
      w.fullGcs++;
      w.fullGcMs += g.cost / 1000;
    }
  }
  return w;
}

if (process.send !== undefined) {
  let profiler: GCProfiler | undefined;
  process.on('message', (message: unknown) => {
    if (message === 'bench:gc-start') {
      profiler = new GCProfiler();
      profiler.start();
    } else if (message === 'bench:gc-stop') {
      const statistics = profiler?.stop();
      profiler = undefined;
      process.send?.({ type: 'bench:gc', ...summarise(statistics) });
    } else if (message === 'bench:heap') {
      gc?.();
      process.send?.({ type: 'bench:heap', gc: gc !== undefined, ...process.memoryUsage() });
    }
  });
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
