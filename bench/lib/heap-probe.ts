/**
 * Preloaded (`node --expose-gc --require …/heap-probe.js`) into the service
 * and baseline children by the bench runner, so memory can be read without
 * adding anything to src/: on the IPC message `bench:heap` it forces a full
 * GC and answers process.memoryUsage(). The IPC channel is unref'd so it
 * never keeps a child alive.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (process.send !== undefined) {
  process.on('message', (message: unknown) => {
    if (message !== 'bench:heap') return;
    gc?.();
    process.send?.({ type: 'bench:heap', gc: gc !== undefined, ...process.memoryUsage() });
  });
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
