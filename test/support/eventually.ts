/**
 * Polls `probe` every 50 ms until it answers something other than undefined,
 * and answers that; past `timeoutMs` it fails naming `what`. For effects that
 * happen in another process or on a queue (deliveries, jobs, restarts), where
 * a test can only watch for the result.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
