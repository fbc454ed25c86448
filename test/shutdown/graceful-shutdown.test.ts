import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CLI, connectError, killIfRunning, MAIN, processesOn, ROOT, ServerProcess, startServer, stopLeftoverPostgres } from '../support/server-process';

/*
 * The real server (dist/src/bootstrap/main.js) as a child process, on the
 * embedded PostgreSQL of a fresh data directory: what Ctrl-C and an
 * orchestrator's SIGTERM do to it.
 */

function cli(dataDir: string, ...args: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [CLI, ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SECRET_KEY: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string>;
}

describe('graceful shutdown of the real server (embedded PostgreSQL)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let current: ServerProcess | undefined;

  before(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: npm run build first`);
  });

  // A data directory per test: a server that a failed test leaves behind cannot lend its PostgreSQL to the next.
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-shutdown-'));
  });

  afterEach(async () => {
    await killIfRunning(current);
    current = undefined;
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = (current = await startServer({ dataDir }));
    const { host, listeningPort: port } = server;
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

    // A POST sent with `Expect: 100-continue`: the server's "100 Continue"
    // proves it has parsed the headers, so the request is in flight (not an
    // idle connection that closing would cut) until the body is sent.
    const req = httpRequest({
      host,
      port,
      method: 'POST',
      path: '/api/v1/app-integrations/authentication',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        Expect: '100-continue',
        'Brand-URL': 'shutdown.example.com',
        'Auth-Key': authKey,
      },
    });
    const continued = new Promise<void>((done) => req.once('continue', done));
    const response = new Promise<{ res: IncomingMessage; text: string }>((done, fail) => {
      req.once('error', fail);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).once('end', () => done({ res, text }));
      });
    });
    req.flushHeaders();
    await continued;

    server.child.kill('SIGTERM');
    // Logged after the listening socket is closed (see main.ts), so this connection cannot sneak into its backlog.
    await server.logged('shutting down');
    expect(await connectError(host, port), 'a new connection after SIGTERM').to.equal('ECONNREFUSED');
    expect(server.child.exitCode, 'still running while a request is in flight').to.equal(null);

    req.end(body);
    const { res, text } = await response;
    expect(res.statusCode, text).to.equal(201);
    expect(JSON.parse(text).data.code).to.equal('IN_FLIGHT');
    // What keeps the drain short: without it this keep-alive connection would hold the exit until the 10 s grace ends.
    expect(res.headers.connection, 'answers while stopping close their connection').to.equal('close');

    const { code, signal } = await server.exited;
    expect({ code, signal }).to.deep.equal({ code: 0, signal: null });
    expect(server.lines.map((l) => l.msg)).to.include('stopped');
  });

  it('on SIGINT stops the embedded PostgreSQL too: no postmaster.pid, no process on the data directory', async () => {
    const server = (current = await startServer({ dataDir }));
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile), 'PostgreSQL runs while the server does').to.equal(true);
    expect(processesOn(dataDir), 'postgres processes while running').not.to.deep.equal([]);

    server.child.kill('SIGINT');
    const { code, signal } = await server.exited;
    expect({ code, signal }).to.deep.equal({ code: 0, signal: null });
    expect(existsSync(pidFile), 'postmaster.pid after exit').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  });
});
