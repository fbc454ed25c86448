import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The victim tenant in a thread of its own, so an attacker's work in the
 * test's main thread never shows in the victim's figures: a steady stream of
 * seed 000 PUTs on one keep-alive connection, one every `intervalMs` (or as
 * soon as the previous one is answered, if that takes longer), each timed
 * from first byte written to last byte read. The tenant runs several
 * instances, each with its own key (`authKeys`, used in turn), so each key
 * stays within its per-minute limit.
 */
interface VictimData {
  readonly base: string;
  readonly path: string;
  readonly brandUrl: string;
  readonly authKeys: readonly string[];
  readonly body: string;
  readonly intervalMs: number;
}

export interface VictimSample {
  /** Date.now() when the request started: windows are cut on it. */
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

const { base, path, brandUrl, authKeys, body, intervalMs } = workerData as VictimData;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let samples: VictimSample[] = [];
let running = true;

function put(authKey: string): Promise<VictimSample> {
  const at = Date.now();
  const started = performance.now();
  return new Promise((done) => {
    const req = request(`${base}${path}`, {
      method: 'PUT',
      agent,
      headers: { 'Brand-URL': brandUrl, 'Auth-Key': authKey, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      timeout: 30_000,
    });
    const fail = () => done({ at, ms: performance.now() - started, status: 0 });
    req.on('timeout', () => req.destroy());
    req.on('error', fail);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done({ at, ms: performance.now() - started, status: res.statusCode ?? 0 }));
      res.on('error', fail);
    });
    req.end(body);
  });
}

parentPort!.on('message', (message: { type: 'collect' | 'stop' }) => {
  if (message.type === 'stop') running = false;
  parentPort!.postMessage(samples);
  samples = [];
});

void (async () => {
  // Bounded: the test stops it; 10 minutes is far past any run.
  const until = Date.now() + 600_000;
  for (let n = 0; running && Date.now() < until; n++) {
    const next = performance.now() + intervalMs;
    samples.push(await put(authKeys[n % authKeys.length]));
    const wait = next - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  }
  agent.destroy();
})();
