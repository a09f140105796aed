import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs SQL and returns its rows. Outside a transaction the statement goes straight to the pool that
 * TypeORM's driver holds: its query runner (created, connected, broadcast to and released for each
 * statement) cost more CPU than the three small statements of a remark submission. Inside one it
 * runs on the transaction's connection. TypeORM answers UPDATE/DELETE ... RETURNING with
 * [rows, affectedCount] but SELECT and INSERT with rows; this hides the difference.
 */
export async function queryRows<T>(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const source = db instanceof DataSource ? db : db.queryRunner ? null : db.connection;
  if (source && source.driver instanceof PostgresDriver) {
    const pool = source.driver.master as Pool;
    return (await pool.query(sql, params)).rows as T[];
  }
  const result: unknown = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
