import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The number of a plan item in the organizer's annual procurement plan (the import's key): a plan
 * point number is imported once per organization, also by two imports confirmed at once.
 */
export class PlanPointNumber1796600000000 implements MigrationInterface {
  name = 'PlanPointNumber1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "plan_point_number" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plans_org_plan_point_uq" ON "plans" ("organization_id", "plan_point_number") WHERE plan_point_number IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."plans_org_plan_point_uq"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "plan_point_number"`);
  }
}
