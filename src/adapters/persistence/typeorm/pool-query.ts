import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Runs one statement outside a transaction and answers its rows. */
export type PoolQuery = <Row>(sql: string, params: readonly unknown[]) => Promise<Row[]>;

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
  let pool: Pool | undefined;
  return async <Row>(sql: string, params: readonly unknown[]): Promise<Row[]> => {
    // Looked up on first use: the pool exists once the host has initialised the DataSource.
    pool ??= (dataSource.driver as PostgresDriver).master as Pool;
    const result = await pool.query(sql, params as unknown[]);
    return result.rows as Row[];
  };
}
