import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { killIfRunning, processesOn, ServerProcess, startServer, stopLeftoverPostgres } from '../support/server-process';

async function ready(server: ServerProcess & { listeningPort: number }): Promise<number> {
  return (await fetch(`http://${server.host}:${server.listeningPort}/readyz`)).status;
}

/**
 * The embedded default with two instances on one DATA_DIR: the first starts
 * PostgreSQL and owns it; the second joins it and leaves it running when it
 * stops; the owner stops it.
 */
describe('two instances on one embedded DATA_DIR', function () {
  this.timeout(180_000);
  let dataDir: string;
  let owner: ServerProcess | undefined;
  let joiner: ServerProcess | undefined;

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ih-cluster-embedded-'));
  });

  after(async () => {
    await killIfRunning(joiner);
    await killIfRunning(owner);
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the second joins the first one\'s PostgreSQL and leaves it running when it stops; the first stops it', async () => {
    const first = await startServer({ dataDir });
    owner = first;
    const postgres = () => processesOn(dataDir).filter((line) => /postgres/.test(line) && !/bootstrap\/main/.test(line));
    expect(postgres().length, 'PostgreSQL runs on the data directory').to.be.greaterThan(0);
    const second = await startServer({ dataDir });
    joiner = second;
    expect(await ready(second)).to.equal(200);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).to.equal(0);
    expect(postgres().length, 'still running after the joiner stopped').to.be.greaterThan(0);
    expect(await ready(first), 'the owner still serves').to.equal(200);

    first.child.kill('SIGTERM');
    expect((await first.exited).code).to.equal(0);
    expect(postgres(), 'the owner stopped it').to.deep.equal([]);
  });
});
