import { expect } from 'chai';
import { Client, QueryResult } from 'pg';
import { leanQuery } from '../../../src/adapters/persistence/typeorm/lean-query';
import { testDatabase } from '../../support/test-database';

/**
 * The hot statements' rows come through leanQuery (pool-query.ts): they must
 * be exactly what pg itself gives for the same statement, whatever the
 * columns, however often it runs and if its columns change under it.
 */
describe('leanQuery: the rows pg gives, with the row shape built once per statement', () => {
  let client: Client;

  before(async () => {
    client = new Client({ connectionString: testDatabase().url });
    await client.connect();
  });

  after(async () => {
    await client?.end();
  });

  const lean = (name: string | undefined, text: string, values: unknown[] = []) =>
    new Promise<QueryResult>((resolve, reject) => {
      client.query(leanQuery({ name, text, values }, (error, result) => (error ? reject(error) : resolve(result as QueryResult))));
    });

  const COLUMNS = `SELECT $1::int AS n, now() AS at, NULL::text AS missing, true AS yes, '{"a":1}'::jsonb AS doc, 'x' AS "with space", 7::bigint AS big`;

  it('answers the same rows as pg for a named statement, on its first and later executions', async () => {
    const expected = (await client.query({ text: COLUMNS, values: [5] })).rows;
    for (let i = 0; i < 3; i++) {
      const { rows, fields } = await lean('ih_test_lean_same', COLUMNS, [5]);
      expect(rows.map((r: Record<string, unknown>) => ({ ...r, at: typeof r.at }))).to.deep.equal(expected.map((r) => ({ ...r, at: typeof r.at })));
      expect(rows[0].at).to.be.instanceOf(Date);
      expect(Object.getPrototypeOf(rows[0])).to.equal(Object.prototype);
      expect(fields.map((f) => f.name)).to.deep.equal(['n', 'at', 'missing', 'yes', 'doc', 'with space', 'big']);
    }
  });

  it('builds the shape again when the same statement name answers other columns (a migration under a running service)', () => {
    // What pg does with a RowDescription, driven by hand: the same name, other fields.
    type Internals = { _result: { addFields(f: object[]): void; parseRow(values: (string | null)[]): unknown } };
    const described = (fields: { name: string; dataTypeID: number }[], values: (string | null)[]) => {
      const query = leanQuery({ name: 'ih_test_lean_change', text: 'unused', values: [] }, () => undefined) as unknown as Internals;
      query._result.addFields(fields.map((f) => ({ ...f, format: 'text' })));
      return query._result.parseRow(values);
    };
    expect(described([{ name: 'a', dataTypeID: 23 }, { name: 'b', dataTypeID: 25 }], ['1', 'x'])).to.deep.equal({ a: 1, b: 'x' });
    expect(described([{ name: 'a', dataTypeID: 25 }, { name: 'b', dataTypeID: 25 }], ['1', null])).to.deep.equal({ a: '1', b: null });
    expect(described([{ name: 'c', dataTypeID: 16 }], ['t'])).to.deep.equal({ c: true });
    expect(described([{ name: 'a', dataTypeID: 23 }, { name: 'b', dataTypeID: 25 }], ['2', 'y'])).to.deep.equal({ a: 2, b: 'y' });
  });

  it('leaves a column named __proto__ to pg, as data, not as a prototype', async () => {
    const { rows } = await lean('ih_test_lean_proto', `SELECT 1 AS "__proto__", 2 AS b`);
    expect(Object.getOwnPropertyNames(rows[0])).to.include('__proto__');
    expect(rows[0].b).to.equal(2);
  });

  it('runs an unnamed statement as pg does', async () => {
    const { rows } = await lean(undefined, 'SELECT $1::text AS t', ['v']);
    expect(rows).to.deep.equal([{ t: 'v' }]);
  });

  it('prepares a named statement once on a connection, under its name', async () => {
    await lean('ih_test_lean_named', 'SELECT $1::int + 1 AS n', [1]);
    await lean('ih_test_lean_named', 'SELECT $1::int + 1 AS n', [2]);
    const { rows } = await client.query(`SELECT name FROM pg_prepared_statements WHERE name = 'ih_test_lean_named'`);
    expect(rows).to.have.length(1);
  });

  /** Counts the Describe messages `client` sends while `action` runs. */
  async function describesDuring(on: Client, action: () => Promise<unknown>): Promise<number> {
    const connection = (on as unknown as { connection: { describe(...args: unknown[]): void } }).connection;
    const original = connection.describe;
    let count = 0;
    connection.describe = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
    try {
      await action();
    } finally {
      connection.describe = original;
    }
    return count;
  }

  it('describes a named statement once per connection, and answers the same rows without describing it again', async () => {
    const expected = (await client.query({ text: COLUMNS, values: [9] })).rows;
    const runs: QueryResult[] = [];
    const described = await describesDuring(client, async () => {
      for (let i = 0; i < 3; i++) runs.push(await lean('ih_test_lean_once', COLUMNS, [9]));
    });
    expect(described).to.equal(1);
    for (const { rows, fields } of runs) {
      expect(rows.map((r: Record<string, unknown>) => ({ ...r, at: typeof r.at }))).to.deep.equal(expected.map((r) => ({ ...r, at: typeof r.at })));
      expect(fields.map((f) => f.name)).to.deep.equal(['n', 'at', 'missing', 'yes', 'doc', 'with space', 'big']);
    }
    // Another connection has not been told: it describes on its first execution.
    const other = new Client({ connectionString: testDatabase().url });
    await other.connect();
    try {
      const onOther = (n: number) =>
        new Promise<QueryResult>((resolve, reject) => {
          other.query(leanQuery({ name: 'ih_test_lean_once', text: COLUMNS, values: [n] }, (error, result) => (error ? reject(error) : resolve(result as QueryResult))));
        });
      expect(await describesDuring(other, async () => expect((await onOther(4)).rows[0].n).to.equal(4))).to.equal(1);
      expect(await describesDuring(other, async () => expect((await onOther(6)).rows[0].n).to.equal(6))).to.equal(0);
    } finally {
      await other.end();
    }
  });

  it('answers no rows, and a statement without a result (described each time), as pg does', async () => {
    for (let i = 0; i < 2; i++) {
      const { rows, fields } = await lean('ih_test_lean_empty', 'SELECT 1 AS one WHERE $1::boolean', [false]);
      expect(rows).to.deep.equal([]);
      expect(fields.map((f) => f.name)).to.deep.equal(['one']);
    }
    await client.query('CREATE TEMP TABLE lean_no_result (a int)');
    const described = await describesDuring(client, async () => {
      for (let i = 0; i < 2; i++) expect((await lean('ih_test_lean_insert', 'INSERT INTO lean_no_result VALUES ($1)', [i])).rowCount).to.equal(1);
    });
    expect(described).to.equal(2);
  });

  it('refuses, not misreads, a described statement whose columns changed under it (0A000), as PostgreSQL does', async () => {
    await client.query('CREATE TABLE IF NOT EXISTS lean_changing (a int, b text)');
    await client.query(`INSERT INTO lean_changing VALUES (1, 'x')`);
    try {
      expect((await lean('ih_test_lean_changing', 'SELECT * FROM lean_changing')).rows).to.deep.equal([{ a: 1, b: 'x' }]);
      await client.query('ALTER TABLE lean_changing ADD COLUMN c int');
      const error = await lean('ih_test_lean_changing', 'SELECT * FROM lean_changing').then(() => undefined, (e: unknown) => e);
      expect((error as { code?: string }).code).to.equal('0A000');
      // The connection goes on: other statements still answer.
      expect((await lean('ih_test_lean_after', 'SELECT 2 AS two')).rows).to.deep.equal([{ two: 2 }]);
    } finally {
      await client.query('DROP TABLE lean_changing');
    }
  });

  it('hands a value pg cannot send its error, and the connection goes on, as pg does', async () => {
    await lean('ih_test_lean_bind', 'SELECT $1::text AS t', ['first']);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = await lean('ih_test_lean_bind', 'SELECT $1::text AS t', [circular]).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    // pg's own error path closes the statement (and pg 8 then still counts it parsed): other statements answer.
    expect((await lean('ih_test_lean_after_bind', 'SELECT $1::text AS t', ['again'])).rows).to.deep.equal([{ t: 'again' }]);
  });

  it('hands a refused statement its error', async () => {
    const error = await lean('ih_test_lean_error', 'SELECT 1/0 AS x').then(() => undefined, (e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('22012');
  });
});
