import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/adapters/persistence/embedded-postgres/embedded-postgres-server';
import { eventually } from '../support/eventually';
import { processesOn, stopLeftoverPostgres } from '../support/server-process';

/*
 * EmbeddedDatabase.abandon(): what the server calls when its stop runs out of
 * time (SHUTDOWN_GRACE_MS + STOP_AFTER_GRACE_MS) and it exits anyway. Whatever
 * the stop was stuck on, the embedded PostgreSQL this process started must not
 * outlive it, holding DATA_DIR and its port; one another process started (the
 * CLI next to a server) is not ours to end.
 */
describe('EmbeddedDatabase.abandon(): the immediate shutdown at a forced exit', function () {
  this.timeout(120_000);
  let dataDir: string;
  const started: EmbeddedDatabase[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-abandon-'));
  });

  afterEach(async () => {
    for (const db of started.splice(0)) await db.stop().catch(() => undefined);
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the server this process started at once, a session in the middle of a query included', async () => {
    const db = await startEmbeddedPostgres({ dataDir, database: 'abandoned' }); // not stopped after: it is gone
    const client = new Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const sleeping = client.query('SELECT pg_sleep(60)').then(() => 'answered', (error: Error) => error.message);
    expect(processesOn(dataDir), 'the postmaster runs').not.to.deep.equal([]);
    db.abandon();
    expect(await sleeping).not.to.equal('answered');
    await eventually('no process left on the data directory', () => (processesOn(dataDir).length === 0 ? true : undefined), 20_000);
  });

  it('leaves a server it found running (started by another process) alone', async () => {
    const owner = await startEmbeddedPostgres({ dataDir, database: 'abandoned' });
    started.push(owner);
    const joined = await startEmbeddedPostgres({ dataDir, database: 'abandoned' });
    joined.abandon();
    const client = new Client({ connectionString: owner.url });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).to.deep.equal([{ one: 1 }]);
    await client.end();
  });
});
