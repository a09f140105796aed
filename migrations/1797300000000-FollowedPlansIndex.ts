import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account page lists the plans a person follows, latest first, in keyset pages on
 * (created_at, plan_id): the user's index carries the kind and that order, so a page reads its rows
 * and stops, however many plans the person follows. It still serves every lookup by user.
 *
 * Built CONCURRENTLY, outside a transaction: a plain DROP and CREATE would lock plan_subscriptions,
 * which every remark's submission writes (its author's follow), for the whole build (1.2 s at 947,263
 * rows), while the instances of the previous version still serve. Each step may be run again after an
 * interruption (an unfinished concurrent build leaves an invalid index, dropped first).
 */
export class FollowedPlansIndex1797300000000 implements MigrationInterface {
  name = 'FollowedPlansIndex1797300000000';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replaceUserIndex(queryRunner, '"user_id", "kind", "created_at", "plan_id"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceUserIndex(queryRunner, '"user_id"');
  }
}

/** CONCURRENTLY where it may be (TypeORM's undoLastMigration runs down() in a transaction whatever `transaction` says). */
async function replaceUserIndex(queryRunner: QueryRunner, columns: string): Promise<void> {
  const concurrently = queryRunner.isTransactionActive ? '' : 'CONCURRENTLY ';
  await queryRunner.query(`DROP INDEX ${concurrently}IF EXISTS "plan_subscriptions_user_idx_new"`);
  await queryRunner.query(`CREATE INDEX ${concurrently}"plan_subscriptions_user_idx_new" ON "plan_subscriptions" (${columns})`);
  await queryRunner.query(`DROP INDEX ${concurrently}IF EXISTS "plan_subscriptions_user_idx"`);
  await queryRunner.query(`ALTER INDEX "plan_subscriptions_user_idx_new" RENAME TO "plan_subscriptions_user_idx"`);
}
