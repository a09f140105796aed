import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { queryRows, usePreparedStatements } from '../../src/database/query-rows';
import { namedStatement, statementVariant } from '../../src/database/statements';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';

/** The statement configs queryRows hands to the data source's pool during `call`. */
async function sentToPool(db: DataSource, call: () => Promise<unknown>): Promise<QueryConfig[]> {
  const spy = jest.spyOn((db.driver as PostgresDriver).master as Pool, 'query');
  try {
    await call();
    return spy.mock.calls.map(([config]) => config as unknown as QueryConfig);
  } finally {
    spy.mockRestore();
  }
}

/** DB_PREPARED_STATEMENTS=false: behind PgBouncer in transaction pooling mode no statement may be named. */
describe('DB_PREPARED_STATEMENTS=false', () => {
  afterEach(() => usePreparedStatements(true));

  describe('queryRows', () => {
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

    it('sends named statements and builder variants as text, outside and inside a transaction', async () => {
      usePreparedStatements(false);
      const fixed = namedStatement('test_unprepared_fixed', 'SELECT $1::int * 2 AS n');
      const variant = statementVariant('test_unprepared_variant', 'SELECT $1::int * 3 AS n');
      const sent = await sentToPool(db, async () => {
        expect(await queryRows(db, fixed, [2])).toEqual([{ n: 4 }]);
        expect(await queryRows(db, variant, [2])).toEqual([{ n: 6 }]);
      });
      expect(sent.map((config) => [config.name, config.text])).toEqual([
        [undefined, fixed.text],
        [undefined, variant.text],
      ]);
      const inside = await db.transaction(async (em) => [await queryRows(em, fixed, [3]), await queryRows(em, variant, [3])]);
      expect(inside).toEqual([[{ n: 6 }], [{ n: 9 }]]);
      expect(await queryRows(db, 'SELECT name FROM pg_prepared_statements')).toEqual([]);

      usePreparedStatements(true);
      expect(await queryRows(db, fixed, [1])).toEqual([{ n: 2 }]);
      expect(await queryRows(db, 'SELECT name FROM pg_prepared_statements')).toEqual([{ name: fixed.name }]);
    });
  });

  describe('the application', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { DB_PREPARED_STATEMENTS: 'false' } });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('takes the setting from the environment: its hot statements go as text', async () => {
      const citizen = await createUser(t, 'citizen');
      const listPlans = () => t.http.get('/api/v1/plans?limit=1').set(citizen.auth).expect(200);
      const unnamed = await sentToPool(t.db, listPlans);
      expect(unnamed.length).toBeGreaterThan(0);
      expect(unnamed.filter((config) => config.name !== undefined)).toEqual([]);

      // the same request names its statements when the setting is on
      usePreparedStatements(true);
      const named = await sentToPool(t.db, listPlans);
      expect(named.map((config) => config.name)).toEqual(expect.arrayContaining(['user_session']));
    });
  });
});
