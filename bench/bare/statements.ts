import type { Pool, QueryResult, QueryResultRow } from 'pg';
import type { Statement } from '../../src/database/statements';

/** SQL text, or one of the service's `Statement`s ({name, text}; name undefined for one that stays unnamed). */
export type Sql = string | Statement;

/** What the service's query builders (remarkPageSql, planPageSql) return. */
export interface Built {
  statement: Statement;
  params: unknown[];
}

/** pg's query config: a named statement is parsed and planned once per connection, as the service sends it. */
export function queryConfig(sql: Sql, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  if (typeof sql === 'string') return { text: sql, values };
  return sql.name ? { name: sql.name, text: sql.text, values } : { text: sql.text, values };
}

/** The bare handler's one way to run SQL: the service's statements, sent the way the service sends them. */
export function statementRunner(pool: Pool) {
  const run = <R extends QueryResultRow = QueryResultRow>(sql: Sql, params: unknown[]): Promise<QueryResult<R>> =>
    pool.query<R>(queryConfig(sql, params));
  const runBuilt = <R extends QueryResultRow = QueryResultRow>(built: Built): Promise<QueryResult<R>> =>
    run<R>(built.statement, built.params);
  return { run, runBuilt };
}
