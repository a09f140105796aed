import { Pool } from 'pg';
import { statementRunner } from '../../bench/bare/statements';
import { namedStatement, unnamedStatement } from '../../src/database/statements';
import { remarkPageSql } from '../../src/remarks/remarks.repository';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';

describe("the bare handler's statements on real PostgreSQL", () => {
  let url: string;
  let pool: Pool;

  beforeAll(async () => {
    url = await createTestDatabase();
    // one connection, so what one call prepared is visible to the next
    pool = new Pool({ connectionString: url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await dropTestDatabase(url);
  });

  const preparedNames = async () =>
    (await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name);

  it('prepares a named Statement once per connection, as the service does, and sends text and unnamed ones unprepared', async () => {
    const { run } = statementRunner(pool);
    const named = namedStatement('test_bare_add', 'SELECT $1::int + $2::int AS n');
    expect((await run(named, [1, 2])).rows).toEqual([{ n: 3 }]);
    expect((await run(named, [40, 2])).rows).toEqual([{ n: 42 }]);
    expect((await run('SELECT $1::int * 2 AS n', [21])).rows).toEqual([{ n: 42 }]);
    expect((await run(unnamedStatement('SELECT $1::int - 1 AS n'), [43])).rows).toEqual([{ n: 42 }]);
    expect(await preparedNames()).toEqual(['test_bare_add']);
  });

  it("runs a builder's page ({ statement, params }) prepared when the statement is named", async () => {
    const { runBuilt } = statementRunner(pool);
    const planId = '00000000-0000-4000-8000-000000000001';
    const today = remarkPageSql(planId, null, null, 10);
    expect((await runBuilt(today)).rows).toEqual([]);
    expect(await preparedNames()).toContain(today.statement.name);
  });
});
