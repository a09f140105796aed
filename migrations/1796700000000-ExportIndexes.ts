import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the bulk export of remarks reads every remark in keyset batches on (created_at, id). With
 * that index the planner preferred it for "my remarks" too (walking every remark backwards for one
 * author), so the author's index now carries the id as well and orders that page completely.
 */
export class ExportIndexes1796700000000 implements MigrationInterface {
  name = 'ExportIndexes1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "remarks_created_idx" ON "remarks" ("created_at", "id") `);
    await queryRunner.query(`DROP INDEX "public"."remarks_author_idx"`);
    await queryRunner.query(`CREATE INDEX "remarks_author_idx" ON "remarks" ("author_id", "created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."remarks_author_idx"`);
    await queryRunner.query(`CREATE INDEX "remarks_author_idx" ON "remarks" ("author_id", "created_at") `);
    await queryRunner.query(`DROP INDEX "public"."remarks_created_idx"`);
  }
}
