import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: open data on a full-size database.
 * - One organization's Atom feed reads its newest published plans straight from an index in feed
 *   order (published_at DESC, id DESC), stopping at the feed's size, instead of collecting all its
 *   published plans and sorting them. TypeORM sees the columns only (not their order): the entity
 *   declares the same columns and condition.
 * - The OCDS sync backfills plans a bounded number of releases per pass: a plan is listed in
 *   ocds_backfilled_plans once every event up to then has its release, and only then does the
 *   periodic pass follow it by the time of its events (open-data/ocds/ocds-sync.service.ts).
 */
export class OpenDataAtScale1796900000000 implements MigrationInterface {
  name = 'OpenDataAtScale1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "plans_org_published_idx" ON "plans" ("organization_id", "published_at" DESC, "id" DESC) WHERE published_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "ocds_backfilled_plans" (
         "plan_id" uuid NOT NULL,
         "backfilled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         CONSTRAINT "ocds_backfilled_plans_pk" PRIMARY KEY ("plan_id"),
         CONSTRAINT "ocds_backfilled_plans_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE
       )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocds_backfilled_plans"`);
    await queryRunner.query(`DROP INDEX "public"."plans_org_published_idx"`);
  }
}
