import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { eventually } from '../support/eventually';
import { connectError, killIfRunning, processesOn, ServerProcess, startServer, stopLeftoverPostgres } from '../support/server-process';

/*
 * A stop must not wait on what it cannot control: a stdout whose reader
 * stopped reading or went away (`npm start | head -1`, a stuck log shipper),
 * or a database that no longer answers. The server still exits, and the
 * mocha timeout is the bound; the time each stop took is printed.
 */

/** Sends `count` requests one after another over one keep-alive connection: each one is a log line. */
async function requests(host: string, port: number, count: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done, fail) =>
      get({ host, port, path: `/healthz?padding=${'x'.repeat(200)}`, agent }, (res) => res.resume().once('end', done)).once('error', fail),
    );
  }
  agent.destroy();
}

/** The embedded PostgreSQL's postmaster and the backends it forked. */
function postgresPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

describe('shutdown with a stuck stdout or database', function () {
  this.timeout(180_000);
  let dataDir: string;
  let current: ServerProcess | undefined;
  let frozen: number[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-stuck-'));
  });

  afterEach(async () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone already
      }
    }
    frozen = [];
    await killIfRunning(current);
    current = undefined;
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function stopAndMeasure(server: ServerProcess, what: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const sentAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    console.log(`      ${what}: exit ${exit.code} ${Date.now() - sentAt} ms after SIGTERM`);
    return exit;
  }

  it('a stdout nobody reads any more (the pipe full): SIGTERM still stops the server and its PostgreSQL, exit 0', async () => {
    const server = (current = await startServer({ dataDir }));
    server.child.stdout!.pause(); // the reader stops reading: the pipe fills up with log lines
    await requests(server.host, server.listeningPort, 1_500);
    expect(await stopAndMeasure(server, 'stalled stdout')).to.deep.equal({ code: 0, signal: null });
    expect(await connectError(server.host, server.listeningPort)).to.equal('ECONNREFUSED');
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  });

  it('a stdout whose reader is gone (EPIPE): SIGTERM still stops the server and its PostgreSQL, exit 0', async () => {
    const server = (current = await startServer({ dataDir }));
    server.child.stdout!.destroy(); // as `| head -1` does once it has its line
    await requests(server.host, server.listeningPort, 50);
    expect(await stopAndMeasure(server, 'stdout gone')).to.deep.equal({ code: 0, signal: null });
    expect(server.stderr(), 'nothing on stderr').to.equal('');
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid').to.equal(false);
    expect(processesOn(dataDir), 'processes left on the data directory').to.deep.equal([]);
  });

  it('a database that no longer answers (PostgreSQL frozen): the exit is forced after the grace period, exit 1, its own line last, and no PostgreSQL is left once it runs again', async () => {
    const server = (current = await startServer({ dataDir }));
    await requests(server.host, server.listeningPort, 1);
    frozen = postgresPids(dataDir);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    expect(await stopAndMeasure(server, 'frozen database')).to.deep.equal({ code: 1, signal: null });
    // The service's own line is the last one. Before it, graphile-worker may print a console.trace block
    // (not through our logger: "Trace: Error: …" and indented frames) when a queue worker gives up on the
    // frozen database; no other line may be there.
    const stderr = server.stderr();
    expect(stderr.endsWith('shutdown did not finish within 15 s of SIGTERM: exiting now\n'), stderr).to.equal(true);
    const before = stderr.slice(0, -'shutdown did not finish within 15 s of SIGTERM: exiting now\n'.length);
    const foreign = before.split('\n').filter((line) => line !== '' && !/^Trace: |^\s/.test(line));
    expect(foreign, stderr).to.deep.equal([]);
    expect(await connectError(server.host, server.listeningPort)).to.equal('ECONNREFUSED');
    // The stop signals sent before the forced exit wait while PostgreSQL is stopped; once it runs again it shuts
    // down instead of living on as an orphan holding the data directory (afterEach's own SIGQUIT comes later).
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    await eventually('the embedded PostgreSQL to stop after SIGCONT', () => (processesOn(dataDir).length === 0 ? true : undefined), 10_000);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid').to.equal(false);
  });
});
