import type { DataSource } from 'typeorm';

/** A value as the SQL literal pg would send for it as a text parameter (the statements here bind uuids, texts, numbers, dates and arrays of them). */
function literal(value: string | number | boolean | Date | readonly (string | number)[] | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  const text =
    value instanceof Date ? value.toISOString() : Array.isArray(value) ? `{${value.map((v) => `"${v}"`).join(',')}}` : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * EXPLAIN ANALYZE of a statement as PostgreSQL runs it once it is named and has switched to its
 * generic plan (the plan that ignores the parameters' values): prepared on one connection, with
 * plan_cache_mode forced to the generic plan.
 */
export async function explainGeneric(db: DataSource, text: string, params: readonly unknown[]): Promise<string> {
  const runner = db.createQueryRunner();
  try {
    await runner.query(`PREPARE generic_probe AS ${text}`);
    await runner.query('SET plan_cache_mode = force_generic_plan');
    const rows: { 'QUERY PLAN': string }[] = await runner.query(
      `EXPLAIN (ANALYZE, BUFFERS) EXECUTE generic_probe(${params.map((p) => literal(p as Parameters<typeof literal>[0])).join(', ')})`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await runner.query('DEALLOCATE generic_probe');
    await runner.query('RESET plan_cache_mode');
    await runner.release();
  }
}
