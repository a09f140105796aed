import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: unsubscribing from a plan's news (List-Unsubscribe, RFC 8058): who opted out of which plan's
 * news (checked by primary key when recipients are chosen), and the extra header lines of an outbox e-mail.
 */

export class NotificationPreferences1796500000000 implements MigrationInterface {
  name = 'NotificationPreferences1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_news_opt_outs" ("user_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef2c6ccc353739d57713b9a3ea3" PRIMARY KEY ("user_id", "plan_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "plan_news_opt_outs_plan_idx" ON "plan_news_opt_outs" ("plan_id") `);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "headers" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "plan_news_opt_outs" ADD CONSTRAINT "plan_news_opt_outs_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_news_opt_outs" ADD CONSTRAINT "plan_news_opt_outs_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_news_opt_outs" DROP CONSTRAINT "plan_news_opt_outs_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "plan_news_opt_outs" DROP CONSTRAINT "plan_news_opt_outs_user_id_fk"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "headers"`);
    await queryRunner.query(`DROP INDEX "public"."plan_news_opt_outs_plan_idx"`);
    await queryRunner.query(`DROP TABLE "plan_news_opt_outs"`);
  }
}
