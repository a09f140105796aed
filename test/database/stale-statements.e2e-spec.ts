import { Logger } from '@nestjs/common';
import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { queryRows } from '../../src/database/query-rows';
import { namedStatement } from '../../src/database/statements';
import { createTestDatabase, dropTestDatabase, withDatabase } from '../support/test-db';

/**
 * A rolling deploy migrates the schema under instances whose connections hold prepared statements:
 * PostgreSQL then answers such a statement with 0A000 on every later execution on that connection.
 * One pooled connection makes "that connection" the same one each time.
 */
describe('named statements whose prepared state went stale', () => {
  let url: string;
  let db: DataSource;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
  });
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());
  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const backendPid = async () => (await queryRows<{ pid: number }>(db, 'SELECT pg_backend_pid() AS pid'))[0].pid;
  const preparedHere = async (name: string) =>
    (await queryRows<{ name: string }>(db, 'SELECT name FROM pg_prepared_statements WHERE name = $1', [name])).map((r) => r.name);
  const sentToPool = () => jest.spyOn((db.driver as PostgresDriver).master as Pool, 'query');

  it('is refused by PostgreSQL itself after its table changed, again and again (what is recovered from)', async () => {
    await withDatabase(url, async (client) => {
      await client.query('CREATE TABLE stale_raw (id int, label text)');
      const select = { name: 'raw_select_all', text: 'SELECT * FROM stale_raw' };
      await client.query(select);
      await client.query('ALTER TABLE stale_raw ADD COLUMN note text');
      const refused = { code: '0A000', message: 'cached plan must not change result type' };
      await expect(client.query(select)).rejects.toMatchObject(refused);
      await expect(client.query(select)).rejects.toMatchObject(refused);
    });
  });

  it.each([
    {
      change: 'a column added under SELECT *',
      text: 'SELECT * FROM stale_star ORDER BY id',
      alter: `ALTER TABLE stale_star ADD COLUMN note text NOT NULL DEFAULT 'new'`,
      after: [{ id: 1, label: 'a', note: 'new' }],
    },
    {
      change: 'a selected column of another type',
      text: 'SELECT id, label FROM stale_typed ORDER BY id',
      alter: 'ALTER TABLE stale_typed ALTER COLUMN id TYPE bigint',
      after: [{ id: '1', label: 'a' }],
    },
  ])('outside a transaction: $change costs the stale connection, not the call', async ({ text, alter, after }) => {
    const table = /FROM (\w+)/.exec(text)![1];
    await queryRows(db, `CREATE TABLE ${table} (id int, label text); INSERT INTO ${table} VALUES (1, 'a')`);
    const statement = namedStatement(`test_stale_${table}`, text);
    expect(await queryRows(db, statement)).toEqual([{ id: 1, label: 'a' }]);
    const stalePid = await backendPid();
    await queryRows(db, alter);

    const sent = sentToPool();
    expect(await queryRows(db, statement)).toEqual(after);
    const [first, retry] = sent.mock.calls.map(([config]) => config as unknown as QueryConfig);
    sent.mockRestore();
    expect(first.name).toBe(statement.name);
    expect(retry).toMatchObject({ text, values: [] });
    expect(retry.name).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`${statement.name} failed with 0A000`)));

    // pg-pool dropped the stale connection; on the new one the statement is named and prepared again
    expect(await backendPid()).not.toBe(stalePid);
    expect(await queryRows(db, statement)).toEqual(after);
    expect(await preparedHere(statement.name!)).toEqual([statement.name]);
  });

  it('outside a transaction: a pool whose every connection held the statement answers every call after the change', async () => {
    const pool = await new DataSource(dataSourceOptions(url, { extra: { max: 3 } })).initialize();
    try {
      await queryRows(pool, `CREATE TABLE stale_pool (id int); INSERT INTO stale_pool VALUES (1)`);
      const statement = namedStatement('test_stale_pool', 'SELECT *, pg_backend_pid() AS pid FROM stale_pool');
      const stalePids = (await Promise.all([1, 2, 3].map(() => queryRows<{ pid: number }>(pool, statement)))).map(([row]) => row.pid);
      expect(new Set(stalePids).size).toBe(3);
      await withDatabase(url, (client) => client.query('ALTER TABLE stale_pool ADD COLUMN note text'));

      const rows = (await Promise.all([1, 2, 3].map(() => queryRows<{ pid: number }>(pool, statement)))).map(([row]) => row);
      expect(rows.map(({ pid, ...row }) => [row, stalePids.includes(pid)])).toEqual(Array(3).fill([{ id: 1, note: null }, false]));
    } finally {
      await pool.destroy();
    }
  });

  it('outside a transaction: a statement the server no longer holds (26000) or already holds (42P05) still answers', async () => {
    const gone = namedStatement('test_stale_gone', 'SELECT $1::int AS n');
    expect(await queryRows(db, gone, [1])).toEqual([{ n: 1 }]);
    await queryRows(db, 'DEALLOCATE test_stale_gone');
    expect(await queryRows(db, gone, [2])).toEqual([{ n: 2 }]);
    expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/test_stale_gone failed with 26000.*DB_PREPARED_STATEMENTS=false/));

    await queryRows(db, 'PREPARE test_stale_taken AS SELECT 1');
    expect(await queryRows(db, namedStatement('test_stale_taken', 'SELECT $1::int AS n'), [3])).toEqual([{ n: 3 }]);
    expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/test_stale_taken failed with 42P05/));
  });

  it.each([
    {
      change: 'a column added under SELECT *',
      code: '0A000',
      breakIt: (table: string) => `ALTER TABLE ${table} ADD COLUMN note text NOT NULL DEFAULT 'new'`,
    },
    { change: 'a DEALLOCATE', code: '26000', breakIt: (_table: string, name: string) => `DEALLOCATE ${name}` },
  ])(
    'inside a transaction: after $change the transaction fails, and its connection prepares the statement afresh',
    async ({ code, breakIt }) => {
      const table = `stale_tx_${code.toLowerCase()}`;
      const name = `test_${table}`;
      await queryRows(db, `CREATE TABLE ${table} (id int, label text); INSERT INTO ${table} VALUES (1, 'a')`);
      const statement = namedStatement(name, `SELECT * FROM ${table} ORDER BY id`);
      await db.transaction((em) => queryRows(em, statement));
      const pid = await backendPid();
      await queryRows(db, breakIt(table, name));
      const rows = await queryRows(db, statement.text);

      await expect(db.transaction((em) => queryRows(em, statement))).rejects.toMatchObject({ code });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`${name} failed with ${code}`)));
      // the same connection, back in the pool: neither pg nor the server holds the stale statement now
      expect(await backendPid()).toBe(pid);
      expect(await preparedHere(name)).toEqual([]);

      expect(await db.transaction((em) => queryRows(em, statement))).toEqual(rows);
      expect(await backendPid()).toBe(pid);
      expect(await preparedHere(name)).toEqual([name]);
    },
  );
});
