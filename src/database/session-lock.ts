import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `work` while a connection of the pool holds the session-level advisory lock `name` (on every
 * instance), and answers `{ value }`; answers null at once, without running it, while another session
 * holds the lock. Unlike a transaction's lock it spans the many short transactions of `work`, which
 * runs on other connections: the one holding the lock stays idle, in no transaction. The two-key form
 * (`hashtext(name), 0`) keeps these locks apart from the single-key locks of rows
 * (`pg_advisory_xact_lock(hashtext(...))`). A connection whose unlock failed is closed, not pooled,
 * so the lock never outlives the work.
 */
export async function withSessionLock<T>(db: DataSource, name: string, work: () => Promise<T>): Promise<{ value: T } | null> {
  if (!(db.driver instanceof PostgresDriver)) throw new Error('withSessionLock needs PostgreSQL');
  const client: PoolClient = await (db.driver.master as Pool).connect();
  let broken: Error | undefined;
  try {
    const locked = await client
      .query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), 0) AS locked', [name])
      .catch((error: Error) => {
        broken = error;
        throw error;
      });
    if (locked.rows[0]?.locked !== true) return null;
    try {
      return { value: await work() };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), 0)', [name]).catch((error: Error) => {
        broken = error;
      });
    }
  } finally {
    client.release(broken);
  }
}
