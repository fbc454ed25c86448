import { createHash } from 'node:crypto';
import { DatabaseError, type Pool, type QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { LeanQueryConfig, leanQuery } from './lean-query';
import { endsSession } from './pg-errors';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Runs one statement outside a transaction and answers its rows. */
export type PoolQuery = <Row>(sql: string, params: readonly unknown[]) => Promise<Row[]>;

/**
 * The node-postgres pool an initialised PostgreSQL DataSource owns. TypeORM
 * (0.3 and 1.x alike) keeps it on the driver's public `master` field, typed
 * `any`; it is created by `initialize()` and ended by `destroy()`, so it is
 * read at each use, never kept: a host that destroys and re-initialises its
 * DataSource gets the new pool. A DataSource that is not initialised, or whose
 * driver holds no pool (another driver, a TypeORM that moved the field),
 * fails here with a message that says so, not with a TypeError mid-request.
 */
export function pgPool(dataSource: DataSource): Pool {
  if (!dataSource.isInitialized) throw new Error('the DataSource is not initialised: call initialize() before using the repositories');
  const master: unknown = (dataSource.driver as PostgresDriver).master;
  if (typeof (master as Pool | undefined)?.query !== 'function') {
    throw new Error('the DataSource exposes no node-postgres pool (driver.master): is it a postgres DataSource?');
  }
  return master as Pool;
}

/**
 * The hot statements (auth lookups, the PUT writes and the read that answers
 * them) go straight to the node-postgres pool the DataSource owns instead of
 * through `dataSource.query()`, which builds, connects and releases a
 * TypeORM QueryRunner around every statement: measured 6–13 % of the busy
 * CPU of a PUT (docs/performance.md). Same pool, connections, type parsers
 * and timeouts; errors are pg's own DatabaseError, which pgError() reads as
 * it reads TypeORM's QueryFailedError. Statements inside a transaction still
 * use the transaction's EntityManager.
 */
export function poolQuery(dataSource: DataSource): PoolQuery {
  return async <Row>(sql: string, params: readonly unknown[]): Promise<Row[]> =>
    (await queryKeepingConnection(pgPool(dataSource), { name: statementName(sql), text: sql, values: params as unknown[] })).rows as Row[];
}

const ignoreLateError = () => undefined;

/** PostgreSQL refused the statement and the session goes on: any SQLSTATE but one that ends the session. */
function refusedBySession(error: unknown): boolean {
  return error instanceof DatabaseError && !endsSession(error.code ?? '');
}

/**
 * One statement on a pooled connection, like `pool.query()` but without its
 * rule that any error ends the connection: a statement PostgreSQL refused
 * (a SQLSTATE: a not-found or version mismatch our functions raise, a unique
 * violation, a statement past statement_timeout) leaves an autocommit session
 * as usable as before, and ending it cost each such answer a new backend
 * (fork, authentication, its named statements prepared again) — a 404 or 412
 * answered from SQL churned a connection (docs/performance.md). Anything else
 * (a connection lost or broken mid-statement, SQLSTATE 08 and 57P) still ends it. While the
 * connection is out of the pool, an 'error' it emits must have a listener,
 * as pool.query() gives it, or the process would die of it.
 */
export async function queryKeepingConnection(pool: Pool, config: LeanQueryConfig): Promise<QueryResult> {
  const client = await pool.connect();
  client.on('error', ignoreLateError);
  let broken: Error | undefined;
  try {
    // A submittable with its callback: the same path on a CallbackFormClient and on a host's own client.
    return await new Promise<QueryResult>((resolve, reject) => {
      client.query(leanQuery(config, (error, result) => (error ? reject(error) : resolve(result as QueryResult))));
    });
  } catch (error) {
    if (!refusedBySession(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', ignoreLateError);
    client.release(broken);
  }
}

/** Distinct texts given names; past this, statements go unnamed (a caller with generated SQL cannot grow every connection's cache). */
const MAX_NAMED_STATEMENTS = 64;
const names = new Map<string, string>();

/**
 * The hot statements are named prepared statements: each pooled connection
 * parses and plans a text once (node-postgres keeps the names it prepared
 * per connection), and later calls send only Bind/Execute with the values —
 * not the statement's text (up to 1 KiB each time) — and PostgreSQL skips
 * parse and analysis (docs/performance.md). Names come from the text's
 * digest, so one text always has one name and two texts never share one.
 * Behind a pooler in transaction mode (PgBouncer before 1.21, or without
 * max_prepared_statements) named statements do not work: run without one,
 * or with session pooling.
 */
function statementName(sql: string): string | undefined {
  const known = names.get(sql);
  if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `ih_${createHash('sha256').update(sql).digest('base64url').slice(0, 22)}`;
  names.set(sql, name);
  return name;
}
