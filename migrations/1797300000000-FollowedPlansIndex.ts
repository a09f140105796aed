import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account page lists the plans a person follows, latest first, in keyset pages on
 * (created_at, plan_id): the user's index carries the kind and that order, so a page reads its rows
 * and stops, however many plans the person follows. It still serves every lookup by user.
 */
export class FollowedPlansIndex1797300000000 implements MigrationInterface {
  name = 'FollowedPlansIndex1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."plan_subscriptions_user_idx"`);
    await queryRunner.query(
      `CREATE INDEX "plan_subscriptions_user_idx" ON "plan_subscriptions" ("user_id", "kind", "created_at", "plan_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."plan_subscriptions_user_idx"`);
    await queryRunner.query(`CREATE INDEX "plan_subscriptions_user_idx" ON "plan_subscriptions" ("user_id") `);
  }
}
