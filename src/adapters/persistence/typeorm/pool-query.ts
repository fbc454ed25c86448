import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
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
  return async <Row>(sql: string, params: readonly unknown[]): Promise<Row[]> => {
    const result = await pgPool(dataSource).query({ name: statementName(sql), text: sql, values: params as unknown[] });
    return result.rows as Row[];
  };
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
