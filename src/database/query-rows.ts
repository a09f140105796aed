import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { forgetStatement, isStaleStatementError, reportStaleStatement } from './stale-statements';
import type { Statement } from './statements';

let preparedStatements = true;

/**
 * DB_PREPARED_STATEMENTS: with false every `Statement` is sent as text, for PgBouncer in transaction
 * pooling mode and other proxies that hand one client's statements to several server connections.
 * One setting for the process, like the statement names themselves (statements.ts).
 */
export function usePreparedStatements(enabled: boolean): void {
  preparedStatements = enabled;
}

/**
 * Runs SQL and returns its rows. Outside a transaction the statement goes straight to the pool that
 * TypeORM's driver holds (pool-query.ts: an error PostgreSQL answers keeps the connection): its query
 * runner (created, connected, broadcast to and released for each statement) cost more CPU than the three small statements of a remark submission. Inside one it
 * runs on the transaction's connection. A named `Statement` is parsed and planned once per
 * connection (pg sends its Parse only the first time a connection sees the name); plain text is
 * parsed and planned on every call. TypeORM answers UPDATE/DELETE ... RETURNING with
 * [rows, affectedCount] but SELECT and INSERT with rows; this hides the difference.
 */
export async function queryRows<T>(db: DataSource | EntityManager, sql: string | Statement, params: unknown[] = []): Promise<T[]> {
  const source = db instanceof DataSource ? db : db.queryRunner ? null : db.connection;
  if (source && source.driver instanceof PostgresDriver) {
    const pool = source.driver.master as Pool;
    const config = toConfig(sql, params);
    try {
      return (await pool.query(config)).rows as T[];
    } catch (error) {
      if (config.name === undefined || !isStaleStatementError(error)) throw error;
      // the connection was dropped (pool-query.ts), and a statement that failed outside a
      // transaction changed nothing: sent again as text, it runs whichever connection it gets, stale or not
      reportStaleStatement(config.name, error, 'its connection was dropped and it ran again as text');
      return (await pool.query({ text: config.text, values: params })).rows as T[];
    }
  }
  // a released runner falls through to db.query, which refuses it (its connection may be another request's by now)
  if (
    typeof sql !== 'string' &&
    sql.name &&
    preparedStatements &&
    !(db instanceof DataSource) &&
    db.queryRunner &&
    !db.queryRunner.isReleased
  ) {
    const client = await transactionClient(db.queryRunner as PostgresQueryRunner);
    if (client) {
      try {
        return (await client.query({ name: sql.name, text: sql.text, values: params })).rows as T[];
      } catch (error) {
        if (isStaleStatementError(error)) await forgetStaleStatement(client, sql.name, error);
        throw error;
      }
    }
  }
  const result: unknown = await db.query(typeof sql === 'string' ? sql : sql.text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

function toConfig(sql: string | Statement, values: unknown[]): QueryConfig {
  if (typeof sql === 'string') return { text: sql, values };
  return sql.name && preparedStatements ? { name: sql.name, text: sql.text, values } : { text: sql.text, values };
}

/**
 * The error has aborted the transaction, so the statement is not retried; but after the ROLLBACK
 * the connection goes back to the pool and would fail the same way for its next user, so it
 * forgets the statement first and prepares it afresh on its next use.
 */
async function forgetStaleStatement(client: PoolClient, name: string, error: unknown): Promise<void> {
  await forgetStatement(client, name);
  reportStaleStatement(name, error, 'its transaction fails, and its connection prepares it again on its next use');
}

/** The pg connection a PostgreSQL transaction runs on (null for another driver's runner). */
async function transactionClient(runner: PostgresQueryRunner): Promise<PoolClient | null> {
  if (!(runner.connection.driver instanceof PostgresDriver)) return null;
  // connect() hands back the connection the runner already holds (a transaction has one)
  return (await runner.connect()) as PoolClient;
}
