import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 17: the bulk export of remarks reads every remark in keyset batches on (created_at, id). */
export class ExportIndexes1796700000000 implements MigrationInterface {
  name = 'ExportIndexes1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "remarks_created_idx" ON "remarks" ("created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."remarks_created_idx"`);
  }
}
