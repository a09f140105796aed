import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the entity declares for plans.search_vector (Plan.searchVector); TypeORM compares it with typeorm_metadata. */
const EXPRESSION = 'plan_search_vector(title, subject_code, description)';

/**
 * The plan search vector stored in a column (computed by PostgreSQL when title, subject code or
 * description change), with the GIN index on the column instead of on the expression. Before, every
 * update of a plan row that could not be HOT (the sweeps' marks, for one) recomputed the four
 * to_tsvector calls of the expression for the index entry; a stored generated column is recomputed
 * only when its inputs change, so such an update now copies the vector.
 *
 * typeorm_metadata is where TypeORM keeps a generated column's expression (it cannot read it back
 * from PostgreSQL's own, reformatted, catalog); without the row, `npm run migration:generate` would
 * want to drop and re-add the column. The table is the one TypeORM itself creates.
 */
export class PlanSearchColumn1795441000000 implements MigrationInterface {
  name = 'PlanSearchColumn1795441000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await q.query(`DROP INDEX "plans_search_idx"`);
    await q.query(`ALTER TABLE "plans" ADD "search_vector" tsvector GENERATED ALWAYS AS (${EXPRESSION}) STORED`);
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'plans', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [EXPRESSION],
    );
    await q.query(`CREATE INDEX "plans_search_idx" ON "plans" USING GIN ("search_vector")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "plans_search_idx"`);
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'plans' AND "name" = 'search_vector'`);
    await q.query(`ALTER TABLE "plans" DROP COLUMN "search_vector"`);
    await q.query(`CREATE INDEX "plans_search_idx" ON "plans" USING GIN (${EXPRESSION})`);
  }
}
