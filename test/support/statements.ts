import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The statements a call sends outside a transaction, with their parameters: through TypeORM's
 * DataSource.query or straight to its pool (src/database/query-rows.ts).
 */
export async function captureStatements(db: DataSource, call: () => Promise<unknown>): Promise<[string, unknown[]][]> {
  const pool = (db.driver as PostgresDriver).master as Pool;
  const viaPool = jest.spyOn(pool, 'query');
  const viaDataSource = jest.spyOn(db, 'query');
  try {
    await call();
    // pool.query gets a config object ({ name?, text, values }) from queryRows, text and values from others
    return [...viaDataSource.mock.calls, ...(viaPool.mock.calls as unknown[][])].map(([sql, params]) => {
      const config = sql as { text?: string; values?: unknown[] };
      return typeof sql === 'object' && sql !== null && config.text !== undefined
        ? [config.text, config.values ?? []]
        : [String(sql), (params as unknown[] | undefined) ?? []];
    });
  } finally {
    viaPool.mockRestore();
    viaDataSource.mockRestore();
  }
}
