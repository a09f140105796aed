import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { queryRows } from '../../src/database/query-rows';
import { namedStatement } from '../../src/database/statements';
import { createTestDatabase, dropTestDatabase, withDatabase } from '../support/test-db';

/**
 * Statements outside a transaction go straight to the pool (query-rows.ts). One pooled connection
 * makes "the same connection" visible as the same backend pid.
 */
describe('a pooled connection after a failed statement', () => {
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
    await queryRows(db, 'CREATE TABLE pool_keep (id int PRIMARY KEY)');
    await queryRows(db, 'INSERT INTO pool_keep VALUES (1)');
  });
  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const pool = () => (db.driver as PostgresDriver).master as Pool;
  const backendPid = async () => (await queryRows<{ pid: number }>(db, 'SELECT pg_backend_pid() AS pid'))[0].pid;

  it.each([
    ['a unique violation', 'INSERT INTO pool_keep VALUES (1)', [], '23505'],
    ['a value out of range', 'SELECT $1::int AS n', ['99999999999'], '22003'],
    ['a division by zero', 'SELECT 1 / 0 AS n', [], '22012'],
  ])('is kept after %s that PostgreSQL answered, with the statements it prepared', async (_what, sql, params, code) => {
    const prepared = namedStatement('pool_keep_count', 'SELECT count(*)::int AS n FROM pool_keep');
    await queryRows(db, prepared);
    const before = await backendPid();
    await expect(queryRows(db, sql, params)).rejects.toMatchObject({ code });
    expect(await backendPid()).toBe(before);
    expect(pool().totalCount).toBe(1);
    // the named statement is still prepared on it: not parsed again
    const stillPrepared = await queryRows<{ name: string }>(db, 'SELECT name FROM pg_prepared_statements WHERE name = $1', [prepared.name]);
    expect(stillPrepared).toEqual([{ name: prepared.name }]);
    expect(await queryRows(db, prepared)).toEqual([{ n: 1 }]);
  });

  it('is kept after a named statement that failed, which stays usable', async () => {
    const before = await backendPid();
    const failing = namedStatement('pool_keep_insert', 'INSERT INTO pool_keep VALUES ($1)');
    await expect(queryRows(db, failing, [1])).rejects.toMatchObject({ code: '23505' });
    await queryRows(db, failing, [2]);
    expect(await backendPid()).toBe(before);
    await queryRows(db, 'DELETE FROM pool_keep WHERE id = 2');
  });

  it('is dropped when the server ends the session under a running statement, and the next statement gets a new one', async () => {
    const before = await backendPid();
    // caught at once: it fails while the other connection is still at work
    const sleeping = queryRows(db, 'SELECT pg_sleep(30)').then(
      () => null,
      (error: unknown) => error,
    );
    await withDatabase(url, async (client) => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`,
          [before],
        );
        if (rows[0].n === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query('SELECT pg_terminate_backend($1)', [before]);
    });
    expect(await sleeping).toMatchObject({ code: '57P01' });
    const after = await backendPid();
    expect(after).not.toBe(before);
    expect(pool().totalCount).toBe(1);
  });

  it('keeps text-and-values calls and callbacks as pg-pool has them', async () => {
    const { rows } = await pool().query<{ n: number }>('SELECT $1::int AS n', [7]);
    expect(rows).toEqual([{ n: 7 }]);
    const viaCallback = await new Promise<number>((resolve, reject) =>
      pool().query<{ n: number }>('SELECT 8 AS n', (error, result) => (error ? reject(error) : resolve(result.rows[0].n))),
    );
    expect(viaCallback).toBe(8);
  });
});
