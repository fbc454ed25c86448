import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';

/*
 * The real server (dist/src/bootstrap/main.js) as a child process, on the
 * embedded PostgreSQL of a fresh data directory: what Ctrl-C and an
 * orchestrator's SIGTERM do to it.
 */

const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'bootstrap', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'bootstrap', 'cli.js');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  /** Log lines (pino JSON) so far. */
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line whose msg starts with `text`. */
  logged(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

async function startServer(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', SECRET_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { text: string; done: (line: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const logged = (text: string, timeoutMs = 60_000) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const seen = lines.find((l) => String(l.msg ?? '').startsWith(text));
      if (seen) return done(seen);
      const timer = setTimeout(() => fail(new Error(`no "${text}" log line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      waiters.push({ text, done: (line) => (clearTimeout(timer), done(line)) });
      void exited.then(({ code }) => fail(new Error(`server exited (${code}) before "${text}"; stderr: ${stderr}`)));
    });
  const running: Running = { child, port, lines, exited, logged };
  await logged('listening');
  return running;
}

function cli(dataDir: string, ...args: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [CLI, ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SECRET_KEY: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string>;
}

function connectError(port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(undefined)));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code));
  });
}

/** Processes whose command line names the directory: postgres started on it, or anything else left behind. */
function processesOn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

describe('graceful shutdown of the real server (embedded PostgreSQL)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let current: Running | undefined;

  before(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: npm run build first`);
  });

  // A data directory per test: a server that a failed test leaves behind cannot lend its PostgreSQL to the next.
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-shutdown-'));
  });

  afterEach(async () => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill('SIGKILL');
      await current.exited;
    }
    current = undefined;
  });


  afterEach(() => {
    // A server killed by a failed test may leave PostgreSQL behind: stop it before removing its files.
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(execFileSync('head', ['-1', pidFile], { encoding: 'utf8' }).trim()), 'SIGQUIT');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    current = await startServer(dataDir);
    const { port } = current;
    cli(dataDir, 'brands:create', '--url', 'shutdown.example.com');
    const { authKey } = cli(dataDir, 'keys:create', '--brand', 'shutdown.example.com');
    const body = Buffer.from(
      JSON.stringify({
        appIntegrationId: 'GoogleSignIn000001',
        code: 'IN_FLIGHT',
        name: 'Written while the server stops',
        projectId: 'p',
        clientId: 'c',
        clientSecret: 's',
        redirectURI: 'https://app.example.com/cb',
        scope: 'openid',
      }),
    );

    // A POST whose body arrives in two parts: in flight until the second part is sent.
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/app-integrations/authentication',
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Brand-URL': 'shutdown.example.com', 'Auth-Key': authKey },
    });
    const response = new Promise<{ res: IncomingMessage; text: string }>((done, fail) => {
      req.once('error', fail);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).once('end', () => done({ res, text }));
      });
    });
    req.write(body.subarray(0, 20));
    await new Promise((wait) => setTimeout(wait, 300));

    const stoppingAt = Date.now();
    current.child.kill('SIGTERM');
    await current.logged('shutting down');
    const refused = await connectError(port);
    // Seen failing twice in ~20 runs and not reproduced since: print what listens on the port if it happens again.
    if (refused !== 'ECONNREFUSED') console.log(execFileSync('ss', ['-tlnp'], { encoding: 'utf8' }), port, current.child.pid, current.lines);
    expect(refused, 'a new connection after SIGTERM').to.equal('ECONNREFUSED');
    expect(current.child.exitCode, 'still running while a request is in flight').to.equal(null);

    req.end(body.subarray(20));
    const { res, text } = await response;
    expect(res.statusCode, text).to.equal(201);
    expect(JSON.parse(text).data.code).to.equal('IN_FLIGHT');

    const { code, signal } = await current.exited;
    expect({ code, signal }).to.deep.equal({ code: 0, signal: null });
    expect(Date.now() - stoppingAt, 'drained without waiting for the 10 s grace').to.be.below(9_000);
    expect(current.lines.map((l) => l.msg)).to.include('stopped');
  });

  it('on SIGINT stops the embedded PostgreSQL too: no postmaster.pid, no process on the data directory', async () => {
    current = await startServer(dataDir);
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile), 'PostgreSQL runs while the server does').to.equal(true);
    expect(processesOn(dataDir), 'postgres processes while running').not.to.deep.equal([]);

    current.child.kill('SIGINT');
    const { code, signal } = await current.exited;
    expect({ code, signal }).to.deep.equal({ code: 0, signal: null });
    expect(existsSync(pidFile), 'postmaster.pid after exit').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  });
});
