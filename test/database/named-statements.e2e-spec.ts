import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { queryRows } from '../../src/database/query-rows';
import { namedStatement } from '../../src/database/statements';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';

const ECHO = namedStatement('test_echo', 'SELECT $1::int + 1 AS n');

describe('named statements on real PostgreSQL', () => {
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await dropTestDatabase(url);
  });

  const prepared = (run: (sql: string) => Promise<{ name: string }[]>) =>
    run(`SELECT name FROM pg_prepared_statements WHERE name = 'test_echo'`).then((rows) => rows.map((r) => r.name));

  it('prepares once per connection and answers every call, outside and inside a transaction', async () => {
    expect(await queryRows(db, ECHO, [1])).toEqual([{ n: 2 }]);
    expect(await queryRows(db, ECHO, [2])).toEqual([{ n: 3 }]);
    // one pooled connection: the statement stays prepared on it
    expect(await prepared((sql) => queryRows(db, sql))).toEqual(['test_echo']);
    const inside = await db.transaction(async (em) => {
      const rows = await queryRows<{ n: number }>(em, ECHO, [41]);
      return { rows, names: await prepared((sql) => queryRows(em, sql)) };
    });
    expect(inside.rows).toEqual([{ n: 42 }]);
    expect(inside.names).toEqual(['test_echo']);
  });

  it('rolls a named statement back with its transaction', async () => {
    await queryRows(db, 'CREATE TABLE named_probe (n int)');
    const insert = namedStatement('test_probe_insert', 'INSERT INTO named_probe (n) VALUES ($1) RETURNING n');
    await expect(
      db.transaction(async (em) => {
        expect(await queryRows(em, insert, [7])).toEqual([{ n: 7 }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await queryRows(db, 'SELECT count(*)::int AS n FROM named_probe')).toEqual([{ n: 0 }]);
  });
});
