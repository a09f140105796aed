import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organizer pages (src/web/organizer): each plan item of the list shows its remarks answered
 * and unanswered and the next answer deadline, counted from this index alone (an index-only scan,
 * whatever the number of remarks of a plan).
 */
export class OrganizerPages1795436167751 implements MigrationInterface {
  name = 'OrganizerPages1795436167751';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "remarks_plan_answer_state_idx" ON "remarks" ("plan_id", "answered_at", "answer_due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."remarks_plan_answer_state_idx"`);
  }
}
