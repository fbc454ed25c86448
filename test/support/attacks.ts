import { Agent, request } from 'node:http';
import { connect, Socket } from 'node:net';

/** What one attacking request got: an HTTP status, or how the connection ended without one. */
export interface Outcome {
  readonly status: number | null;
  readonly error: string | null;
  readonly ms: number;
}

export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === null ? (o.error ?? 'none') : String(o.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** One request from `localAddress` (a loopback address of the attacker's own), never throwing. */
export function send(base: string, agent: Agent, localAddress: string, spec: RequestSpec, timeoutMs = 20_000): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      done({ status, error, ms: performance.now() - started });
    };
    const body = spec.body;
    const req = request(`${base}${spec.path}`, {
      method: spec.method,
      agent,
      localAddress,
      headers: { ...spec.headers, ...(body ? { 'Content-Length': body.length } : {}) },
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? null, null));
      res.on('error', () => finish(res.statusCode ?? null, null));
    });
    req.end(body);
  });
}

/**
 * `senders` loops, each sending the next request as soon as the previous one
 * was answered (but not sooner than `minIntervalMs` after the previous one
 * started, when given), for `durationMs` and never more than `maxRequests`.
 */
export async function flood(
  base: string,
  localAddress: string,
  options: { senders: number; durationMs: number; maxRequests?: number; minIntervalMs?: number; next: (n: number) => RequestSpec },
): Promise<Outcome[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.senders });
  const outcomes: Outcome[] = [];
  const until = Date.now() + options.durationMs;
  const max = options.maxRequests ?? 100_000;
  let n = 0;
  await Promise.all(
    Array.from({ length: options.senders }, async () => {
      while (Date.now() < until && n < max) {
        const earliestNext = Date.now() + (options.minIntervalMs ?? 0);
        outcomes.push(await send(base, agent, localAddress, options.next(n++)));
        const wait = earliestNext - Date.now();
        if (wait > 0 && Date.now() + wait < until) await sleep(wait);
      }
    }),
  );
  agent.destroy();
  return outcomes;
}

/** A raw socket that records the status line of whatever answer comes, and how it ended. */
export interface RawConnection {
  readonly socket: Socket;
  status(): number | null;
  ended(): string | null;
}

export function rawConnection(port: number, localAddress: string): Promise<RawConnection> {
  return new Promise((done) => {
    let status: number | null = null;
    let ended: string | null = null;
    let head = '';
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.on('data', (chunk: Buffer) => {
      if (status !== null) return;
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (match) status = Number(match[1]);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (ended ??= error.code ?? 'error'));
    socket.on('close', () => (ended ??= 'closed'));
    const connection = { socket, status: () => status, ended: () => ended };
    socket.once('connect', () => done(connection));
    socket.once('error', () => done(connection));
  });
}

/** How a raw connection ended, as an Outcome: its answer's status if one came, else how it was closed. */
export function outcomeOf(connection: RawConnection, ms: number): Outcome {
  const status = connection.status();
  return { status, error: status === null ? (connection.ended() ?? 'still open') : null, ms };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
