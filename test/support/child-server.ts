import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { request as httpRequest, Agent } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { rememberOutput } from './suite-secrets';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

export interface ChildServer {
  readonly process: ChildProcess;
  readonly base: string;
  readonly port: number;
  output(): string;
  /** Resolves with the exit code once the process ended. */
  readonly exited: Promise<number | null>;
}

/**
 * The real server (`node dist/src/bootstrap/main.js`) in a child process;
 * its stdout and stderr are kept for the log check. Its rate limits are off
 * unless `env` sets them: the load tests drive one key hard on purpose.
 */
/**
 * The V8 flags `npm start` gives the server (package.json's start script; the
 * Dockerfile's CMD has the same), so that the tests' server collects garbage
 * as a deployed one does: the young generation's size decides how often it
 * pauses and for how long.
 */
export const SERVER_NODE_FLAGS: readonly string[] = (() => {
  const start = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return (/\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s/.exec(start)?.[1] ?? '').trim().split(/\s+/).filter((flag) => flag !== '');
})();

export async function startChildServer(name: string, env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/src/bootstrap/main.js'], {
    env: {
      PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  rememberOutput(`child server ${name}`, () => text);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const started = Date.now();
  // Ready when it says so, or (at a quieter LOG_LEVEL) when /healthz answers.
  while (!/"msg":"listening"/.test(text) && !(await healthy(port))) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited ${child.exitCode}: ${text}`);
    if (Date.now() - started > 30_000) throw new Error(`server ${name} did not listen: ${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, base: `http://127.0.0.1:${port}`, port, output: () => text, exited };
}

export interface Answer {
  readonly status: number | null;
  /** Error code when no answer came (ECONNRESET, ECONNREFUSED, …). */
  readonly error: string | null;
  readonly body: any;
  readonly startedAt: number;
  /** When the request was fully written to the socket (null if never). */
  readonly sentAt: number | null;
  readonly ms: number;
}

/** One HTTP request with timings, never throwing: failures are part of what the tests measure. */
export function send(agent: Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: unknown, timeoutMs = 15_000): Promise<Answer> {
  const startedAt = Date.now();
  let sentAt: number | null = null;
  return new Promise((done) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(`${base}${path}`, {
      method,
      agent,
      headers: { ...headers, ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }) },
      timeout: timeoutMs,
    });
    req.on('finish', () => (sentAt = Date.now()));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ status: null, error: error.code ?? error.message, body: null, startedAt, sentAt, ms: Date.now() - startedAt }));
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('error', (error: NodeJS.ErrnoException) =>
        done({ status: null, error: error.code ?? error.message, body: null, startedAt, sentAt, ms: Date.now() - startedAt }));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        done({ status: res.statusCode ?? null, error: null, body: parsed, startedAt, sentAt, ms: Date.now() - startedAt });
      });
    });
    req.end(payload);
  });
}
