import { expect } from 'chai';
import { Client, DatabaseError, Query } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CallbackFormClient } from '../../../src/adapters/persistence/typeorm/callback-form-client';
import { createDataSource } from '../../../src/adapters/persistence/typeorm/data-source';
import { isDatabaseUnavailable, QUERY_CANCELED } from '../../../src/adapters/persistence/typeorm/pg-errors';
import { pgPool, poolQuery } from '../../../src/adapters/persistence/typeorm/pool-query';
import { createContainer } from '../../../src/bootstrap/container';
import { buildHttpApp } from '../../../src/bootstrap/http-app.factory';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { RecordingLogger } from '../../support/recording-logger';
import { aBrandWithKey, TEST_SECRET_KEY } from '../../support/test-app';
import { eventually } from '../../support/eventually';
import { testDatabase } from '../../support/test-database';

const PATH = '/api/v1/app-integrations/authentication';
const TIMEOUT_MS = 300;

/**
 * The statement bound of a pool is PostgreSQL's statement_timeout, not
 * node-postgres' query_timeout (data-source.ts says why): a statement past
 * it is cancelled by the server, answers 503, and its connection goes on.
 * A statement the server refuses keeps its connection too (pool-query.ts).
 */
describe('pooled connections: statement_timeout, and errors that keep the session', () => {
  let dataSource: DataSource;

  before(async () => {
    dataSource = createDataSource({ url: testDatabase().url, poolSize: 2, timeoutMs: TIMEOUT_MS });
    await dataSource.initialize();
  });

  after(async () => {
    await dataSource?.destroy();
  });

  it('is cancelled by PostgreSQL (57014), counts as the database being unavailable, and leaves its connection usable', async () => {
    const query = poolQuery(dataSource);
    const error = await query('SELECT pg_sleep(5)', []).then(() => undefined, (e: unknown) => e);
    expect((error as { code?: string } | undefined)?.code).to.equal(QUERY_CANCELED);
    expect(isDatabaseUnavailable(error)).to.equal(true);
    const pool = pgPool(dataSource);
    const connections = pool.totalCount;
    expect(await query<{ one: number }>('SELECT 1 AS one', [])).to.deep.equal([{ one: 1 }]);
    expect(pool.totalCount, 'the cancelled statement did not cost its connection').to.equal(connections);
    expect(await query<{ statement_timeout: string }>('SHOW statement_timeout', [])).to.deep.equal([{ statement_timeout: `${TIMEOUT_MS}ms` }]);
  });

  it('keeps the connection after a statement PostgreSQL refused, and replaces one the server ended', async () => {
    const single = createDataSource({ url: testDatabase().url, poolSize: 1, timeoutMs: 5_000 });
    await single.initialize();
    const admin = new Client({ connectionString: testDatabase().url });
    await admin.connect();
    try {
      const query = poolQuery(single);
      const pid = async () => (await query<{ pid: number }>('SELECT pg_backend_pid() AS pid', []))[0]!.pid;
      const first = await pid();
      for (const refused of ['SELECT 1 / 0', "SELECT 'x'::int", 'SELECT * FROM no_such_table']) {
        const error = await query(refused, []).then(() => undefined, (e: unknown) => e);
        expect(error, refused).to.be.instanceOf(Error);
      }
      expect(await pid(), 'the same backend answers after three refusals').to.equal(first);
      // Ended by the server mid-statement (57P01): that session must not go back to the pool.
      const sleeping = query('SELECT pg_sleep(30)', []).then(() => undefined, (e: unknown) => e);
      await eventually('the statement running', async () => {
        const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`, [first]);
        return rows.length === 1 ? true : undefined;
      });
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      expect(((await sleeping) as { code?: string } | undefined)?.code).to.equal('57P01');
      const next = await pid();
      expect(next, 'a new backend answers after the server ended the old one').not.to.equal(first);
      expect(await pid()).to.equal(next);
    } finally {
      await admin.end();
      await single.destroy();
    }
  });

  it("gives the pool's clients pg's promise form through its callback form: same rows, same errors, other forms untouched", async () => {
    const client = await pgPool(dataSource).connect();
    try {
      expect(client).to.be.instanceOf(CallbackFormClient);
      const promised = await client.query({ text: 'SELECT $1::int + 1 AS n', values: [41] });
      expect(promised.rows).to.deep.equal([{ n: 42 }]);
      expect((await client.query('SELECT 2 AS n')).rows).to.deep.equal([{ n: 2 }]);
      expect((await client.query('SELECT $1::text AS t', ['x'])).rows).to.deep.equal([{ t: 'x' }]);
      const refused = await client.query('SELECT 1 / 0').then(() => undefined, (e: unknown) => e);
      expect(refused).to.be.instanceOf(DatabaseError);
      expect((refused as DatabaseError).code).to.equal('22012');
      const called = await new Promise<number>((done, fail) => {
        client.query('SELECT 3 AS n', (error: Error | null, result: { rows: { n: number }[] }) => (error ? fail(error) : done(result.rows[0]!.n)));
      });
      expect(called).to.equal(3);
      const submitted = client.query(new Query('SELECT 4 AS n'));
      const rows: unknown[] = [];
      await new Promise<void>((done, fail) => submitted.on('row', (row: unknown) => rows.push(row)).on('end', () => done()).on('error', fail));
      expect(rows).to.deep.equal([{ n: 4 }]);
    } finally {
      client.release();
    }
  });

  it("sets no per-query read timeout of node-postgres (its callback wrapper aged every request)", () => {
    const options = pgPool(dataSource).options as { query_timeout?: number; statement_timeout?: number };
    expect(options.query_timeout).to.equal(undefined);
    expect(options.statement_timeout).to.equal(TIMEOUT_MS);
  });

  it('answers 503 to a PUT that waits on a row lock past the bound, and the next PUT after the lock goes succeeds', async () => {
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource }, secretKey: TEST_SECRET_KEY });
    // The request deadline is far away: what answers here is PostgreSQL cancelling the statement.
    const server = buildHttpApp(container, new RecordingLogger(), dataSource, { rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 0 }, dbTimeoutMs: 60_000 }).callback();
    const { headers } = await aBrandWithKey(container);
    const created = await request(server).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201);
    const id = created.body.data.id as string;
    const holder = new Client({ connectionString: testDatabase().url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM integration_authentications WHERE id = $1 FOR UPDATE', [id]);
      const blocked = await request(server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ name: 'blocked' })).expect(503);
      expect(blocked.body.errors).to.deep.equal([{ code: 'ServiceUnavailable', message: 'The database is unavailable; retry later' }]);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const after = await request(server).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ name: 'after the lock' })).expect(200);
    expect(after.body.data.name).to.equal('after the lock');
  });
});
