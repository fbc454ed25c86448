import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/*
 * The real server as a child process, started the ways a user starts it
 * (`node dist/src/bootstrap/main.js`, `npm start`), with what these suites
 * watch: its JSON log lines, its exit, and the processes left on its data
 * directory.
 *
 * Ports: the server listens on PORT=0 (the kernel picks a free port at bind
 * time, so nothing can take it between choosing and binding) on a loopback
 * address of its own (127.a.b.c: all of 127/8 is loopback on Linux). Once
 * the server closes its socket, another process may well bind the same port
 * number, but on 127.0.0.1 or its own address, not on ours: a connection to
 * ours is refused (only a wildcard 0.0.0.0 listener on that very port could
 * answer it).
 */

export const ROOT = resolve(__dirname, '..', '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'bootstrap', 'main.js');
export const CLI = join(ROOT, 'dist', 'src', 'bootstrap', 'cli.js');

/** A loopback address no other test or service uses. */
export function privateLoopbackHost(): string {
  const byte = (min: number) => min + Math.floor(Math.random() * (255 - min));
  return `127.${byte(1)}.${byte(0)}.${byte(1)}`;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly host: string;
  /** Log lines (pino JSON) so far. */
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<Exit>;
  stderr(): string;
  /** Everything written to stdout so far, JSON log lines and anything else. */
  stdout(): string;
  /** Resolves with the first log line whose msg starts with `text`. */
  logged(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The port from the `listening` line. */
  port(): Promise<number>;
}

export interface StartOptions {
  readonly dataDir: string;
  /** `node` runs main.js directly; `npm` runs `npm start` (npm → exec node → the server). */
  readonly via?: 'node' | 'npm';
  readonly env?: Record<string, string>;
  readonly host?: string;
  /** Extra node arguments before the script (e.g. `--import` of a loader hook). */
  readonly nodeArgs?: readonly string[];
}

/** The npm CLI that runs this suite (npm_execpath), else the one on PATH. */
function npmCommand(): { file: string; args: string[] } {
  const cli = process.env.npm_execpath;
  if (cli !== undefined && /npm-cli\.js$/.test(cli) && existsSync(cli)) return { file: process.execPath, args: [cli] };
  return { file: 'npm', args: [] };
}

export function spawnServer(options: StartOptions): ServerProcess {
  const host = options.host ?? privateLoopbackHost();
  const env = {
    ...process.env,
    // `exec node` in the start script finds this Node first.
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    PORT: '0',
    HOST: host,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
    SECRET_KEY: '',
    ...options.env,
  };
  const npm = npmCommand();
  const child =
    options.via === 'npm'
      ? spawn(npm.file, [...npm.args, 'start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: { text: string; done: (line: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  let stdout = '';
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue; // npm's own lines
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (String(line.msg ?? '').startsWith(w.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(line);
        }
      }
    }
  });
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const logged = (text: string, timeoutMs = 90_000) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const seen = lines.find((l) => String(l.msg ?? '').startsWith(text));
      if (seen) return done(seen);
      const timer = setTimeout(() => fail(new Error(`no "${text}" log line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      waiters.push({ text, done: (line) => (clearTimeout(timer), done(line)) });
      void exited.then(({ code }) => (clearTimeout(timer), fail(new Error(`server exited (${code}) before "${text}"; stderr: ${stderr}`))));
    });
  return {
    child,
    host,
    lines,
    exited,
    stderr: () => stderr,
    stdout: () => stdout,
    logged,
    port: async () => Number((await logged('listening')).port),
  };
}

/** Starts the server and waits for its `listening` line. */
export async function startServer(options: StartOptions): Promise<ServerProcess & { readonly listeningPort: number }> {
  const server = spawnServer(options);
  return Object.assign(server, { listeningPort: await server.port() });
}

/** The error code of a TCP connection attempt, or undefined when it was accepted. */
export function connectError(host: string, port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), done(undefined)));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code));
  });
}

/** Processes whose command line names the directory: postgres started on it, or anything else left behind. */
export function processesOn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

/** Direct children of a process (npm's: the server it exec'd into). */
export function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After a failed test: stop a PostgreSQL a killed server left on the directory, so its files can go. */
export function stopLeftoverPostgres(dataDir: string): void {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
  } catch {
    // already gone
  }
}

/** Kills the server if a failed test left it running. */
export async function killIfRunning(server: ServerProcess | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null || server.child.signalCode !== null) return;
  for (const pid of childrenOf(server.child.pid!)) process.kill(pid, 'SIGKILL');
  server.child.kill('SIGKILL');
  await server.exited;
}
