import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the stored OCDS releases (open-data/ocds), and indexes on the time of every event the
 * OCDS sync looks for (plans with an event since its last pass).
 */

export class OcdsReleases1796400000000 implements MigrationInterface {
  name = 'OcdsReleases1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ocds_releases" ("seq" BIGSERIAL NOT NULL, "plan_id" uuid NOT NULL, "release_id" character varying(200) NOT NULL, "event_key" character varying(120) NOT NULL, "date" TIMESTAMP WITH TIME ZONE NOT NULL, "tags" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "body" jsonb NOT NULL, CONSTRAINT "ocds_releases_pk" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ocds_releases_release_id_uq" ON "ocds_releases" ("release_id") `);
    await queryRunner.query(`CREATE INDEX "ocds_releases_created_idx" ON "ocds_releases" ("created_at", "seq") `);
    await queryRunner.query(`CREATE INDEX "ocds_releases_plan_date_idx" ON "ocds_releases" ("plan_id", "date", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ocds_releases_plan_event_uq" ON "ocds_releases" ("plan_id", "event_key") `);
    await queryRunner.query(`CREATE INDEX "plans_stage2_opens_idx" ON "plans" ("stage2_opens_at") WHERE stage2_opens_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "answers_published_idx" ON "answers" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "notices_published_idx" ON "notices" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "hearing_changes_created_idx" ON "hearing_changes" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "protocols_published_idx" ON "protocols" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "moderation_decisions_created_idx" ON "moderation_decisions" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "outcomes_published_idx" ON "outcomes" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "answer_verdicts_created_idx" ON "answer_verdicts" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "review_conclusions_closed_idx" ON "review_conclusions" ("closed_at") `);
    await queryRunner.query(
      `ALTER TABLE "ocds_releases" ADD CONSTRAINT "ocds_releases_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ocds_releases" DROP CONSTRAINT "ocds_releases_plan_id_fk"`);
    await queryRunner.query(`DROP INDEX "public"."review_conclusions_closed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."answer_verdicts_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outcomes_published_idx"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_decisions_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."protocols_published_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hearing_changes_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notices_published_idx"`);
    await queryRunner.query(`DROP INDEX "public"."answers_published_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_stage2_opens_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ocds_releases_plan_event_uq"`);
    await queryRunner.query(`DROP INDEX "public"."ocds_releases_plan_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ocds_releases_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ocds_releases_release_id_uq"`);
    await queryRunner.query(`DROP TABLE "ocds_releases"`);
  }
}
