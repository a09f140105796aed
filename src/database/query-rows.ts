import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { Statement } from './statements';

/**
 * Runs SQL and returns its rows. Outside a transaction the statement goes straight to the pool that
 * TypeORM's driver holds: its query runner (created, connected, broadcast to and released for each
 * statement) cost more CPU than the three small statements of a remark submission. Inside one it
 * runs on the transaction's connection. A named `Statement` is parsed and planned once per
 * connection (pg sends its Parse only the first time a connection sees the name); plain text is
 * parsed and planned on every call. TypeORM answers UPDATE/DELETE ... RETURNING with
 * [rows, affectedCount] but SELECT and INSERT with rows; this hides the difference.
 */
export async function queryRows<T>(db: DataSource | EntityManager, sql: string | Statement, params: unknown[] = []): Promise<T[]> {
  const source = db instanceof DataSource ? db : db.queryRunner ? null : db.connection;
  if (source && source.driver instanceof PostgresDriver) {
    const pool = source.driver.master as Pool;
    return (await pool.query(toConfig(sql, params))).rows as T[];
  }
  // a released runner falls through to db.query, which refuses it (its connection may be another request's by now)
  if (typeof sql !== 'string' && sql.name && !(db instanceof DataSource) && db.queryRunner && !db.queryRunner.isReleased) {
    const client = await transactionClient(db.queryRunner as PostgresQueryRunner);
    if (client) return (await client.query(toConfig(sql, params))).rows as T[];
  }
  const result: unknown = await db.query(typeof sql === 'string' ? sql : sql.text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

function toConfig(sql: string | Statement, values: unknown[]) {
  if (typeof sql === 'string') return { text: sql, values };
  return sql.name ? { name: sql.name, text: sql.text, values } : { text: sql.text, values };
}

/** The pg connection a PostgreSQL transaction runs on (null for another driver's runner). */
async function transactionClient(runner: PostgresQueryRunner): Promise<PoolClient | null> {
  if (!(runner.connection.driver instanceof PostgresDriver)) return null;
  // connect() hands back the connection the runner already holds (a transaction has one)
  return (await runner.connect()) as PoolClient;
}
