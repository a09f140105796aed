import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyset indexes of the council and administrator pages (src/web/council, src/web/admin). */
export class CouncilAdminPages1795435246202 implements MigrationInterface {
  name = 'CouncilAdminPages1795435246202';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "councils_name_idx" ON "councils" ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "organizations_name_idx" ON "organizations" ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "users_staff_created_idx" ON "users" ("created_at", "id") WHERE role <> 'citizen'`);
    await queryRunner.query(
      `CREATE INDEX "plans_review_open_idx" ON "plans" ("organization_id", "review_closes_at", "id") WHERE protocol_published_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "review_conclusions_council_closed_idx" ON "review_conclusions" ("council_id", "closed_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."review_conclusions_council_closed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_review_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_staff_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."councils_name_idx"`);
  }
}
