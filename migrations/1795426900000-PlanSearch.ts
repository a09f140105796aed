import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the entity diff cannot express: the plan search index (Russian stemming plus a
 * language-neutral 'simple' vector, which also serves Kazakh words).
 */
export class PlanSearch1795426900000 implements MigrationInterface {
  name = 'PlanSearch1795426900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION plan_search_vector(title text, code text, description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') ||
               setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
               setweight(to_tsvector('russian'::regconfig, coalesce(code, '') || ' ' || coalesce(description, '')), 'B') ||
               setweight(to_tsvector('simple'::regconfig, coalesce(code, '') || ' ' || coalesce(description, '')), 'B')
      $$`);
    await q.query(`CREATE INDEX "plans_search_idx" ON "plans" USING GIN (plan_search_vector(title, subject_code, description))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "plans_search_idx"`);
    await q.query(`DROP FUNCTION plan_search_vector(text, text, text)`);
  }
}
