import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { childrenOf, connectError, isAlive, killIfRunning, processesOn, ServerProcess, startServer, stopLeftoverPostgres } from '../support/server-process';

/*
 * `npm start` as a service manager or a script runs it: `npm start &`, then
 * a signal to the PID it got, which is npm's. npm forwards SIGTERM and SIGINT
 * to its script's process; the start script `exec`s node, so that process is
 * the server (not a shell that would die and leave the server running).
 */
describe('npm start: a signal to the PID npm start returns', function () {
  this.timeout(180_000);
  let dataDir: string;
  let current: ServerProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-npm-start-'));
  });

  afterEach(async () => {
    await killIfRunning(current);
    current = undefined;
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops the server and its embedded PostgreSQL, and npm exits 0`, async () => {
      const npm = (current = await startServer({ dataDir, via: 'npm' }));
      const [server, ...others] = childrenOf(npm.child.pid!);
      expect(others, 'npm runs one process: the server itself, no shell between').to.deep.equal([]);
      expect(processesOn(dataDir), 'PostgreSQL while running').not.to.deep.equal([]);

      npm.child.kill(signal);
      const { code, signal: killedBy } = await npm.exited;
      expect({ code, signal: killedBy }, npm.stderr()).to.deep.equal({ code: 0, signal: null });
      expect(npm.lines.map((l) => l.msg)).to.include('stopped');
      expect(isAlive(server!), 'the server process after npm exited').to.equal(false);
      expect(await connectError(npm.host, npm.listeningPort)).to.equal('ECONNREFUSED');
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid').to.equal(false);
      expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
    });
  }
});
