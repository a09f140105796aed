import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers that count (issue 14): the authors' verdicts on answer versions, the council members' votes
 * on formal answers and the council's findings, commitments with their versions and the authors'
 * confirmations and disputes (a dispute links a stage-2 remark to the remark it disputes).
 */
export class AnswersThatCount1796145835067 implements MigrationInterface {
  name = 'AnswersThatCount1796145835067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "commitments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "remark_id" uuid NOT NULL, "version" integer NOT NULL, "answer_id" uuid NOT NULL, "disposition" character varying(24) NOT NULL, "status" character varying(16) NOT NULL, "document" text, "location" text, "explanation" text NOT NULL, "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "commitments_implemented_ck" CHECK (status = 'not_implemented' OR (document IS NOT NULL AND location IS NOT NULL)), CONSTRAINT "commitments_disposition_ck" CHECK (disposition IN ('accepted','partially_accepted')), CONSTRAINT "commitments_status_ck" CHECK (status IN ('implemented','not_implemented')), CONSTRAINT "PK_82060edcfe810ce82b7565521af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "commitments_plan_idx" ON "commitments" ("plan_id", "remark_id", "version") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "commitments_remark_version_uq" ON "commitments" ("remark_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "commitment_verdicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "author_id" uuid NOT NULL, "verdict" character varying(16) NOT NULL, "reason" text, "dispute_remark_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "commitment_verdicts_reason_ck" CHECK (verdict = 'confirmed' OR reason IS NOT NULL), CONSTRAINT "commitment_verdicts_verdict_ck" CHECK (verdict IN ('confirmed','disputed')), CONSTRAINT "PK_a8984fc87ad4b973b67858f66fc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "commitment_verdicts_dispute_uq" ON "commitment_verdicts" ("dispute_remark_id") WHERE dispute_remark_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "commitment_verdicts_plan_idx" ON "commitment_verdicts" ("plan_id", "remark_id") `);
    await queryRunner.query(
      `CREATE INDEX "commitment_verdicts_commitment_idx" ON "commitment_verdicts" ("commitment_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "answer_verdicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "answer_id" uuid NOT NULL, "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "author_id" uuid NOT NULL, "verdict" character varying(16) NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "answer_verdicts_reason_ck" CHECK (verdict = 'reasoned' OR reason IS NOT NULL), CONSTRAINT "answer_verdicts_verdict_ck" CHECK (verdict IN ('reasoned','formal')), CONSTRAINT "PK_0c74cdc71af70e6a7442168b8d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "answer_verdicts_plan_idx" ON "answer_verdicts" ("plan_id", "remark_id") `);
    await queryRunner.query(`CREATE INDEX "answer_verdicts_answer_idx" ON "answer_verdicts" ("answer_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "council_formal_findings" ("conclusion_id" uuid NOT NULL, "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "votes" integer NOT NULL, "members_count" integer NOT NULL, "answer_version" integer NOT NULL, "found_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "council_formal_findings_pk" PRIMARY KEY ("conclusion_id", "remark_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "council_formal_findings_plan_idx" ON "council_formal_findings" ("plan_id", "remark_id") `);
    await queryRunner.query(
      `CREATE TABLE "review_formal_answers" ("position_id" uuid NOT NULL, "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "answer_version" integer NOT NULL, CONSTRAINT "review_formal_answers_pk" PRIMARY KEY ("position_id", "remark_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "review_formal_answers_plan_idx" ON "review_formal_answers" ("plan_id", "remark_id") `);
    await queryRunner.query(`ALTER TABLE "remarks" ADD "disputes_remark_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "remarks" ADD CONSTRAINT "remarks_disputes_remark_id_fk" FOREIGN KEY ("disputes_remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitments" ADD CONSTRAINT "commitments_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitments" ADD CONSTRAINT "commitments_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitments" ADD CONSTRAINT "commitments_answer_id_fk" FOREIGN KEY ("answer_id") REFERENCES "answers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitments" ADD CONSTRAINT "commitments_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_verdicts" ADD CONSTRAINT "commitment_verdicts_commitment_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_verdicts" ADD CONSTRAINT "commitment_verdicts_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_verdicts" ADD CONSTRAINT "commitment_verdicts_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_verdicts" ADD CONSTRAINT "commitment_verdicts_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_verdicts" ADD CONSTRAINT "commitment_verdicts_dispute_remark_id_fk" FOREIGN KEY ("dispute_remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_verdicts" ADD CONSTRAINT "answer_verdicts_answer_id_fk" FOREIGN KEY ("answer_id") REFERENCES "answers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_verdicts" ADD CONSTRAINT "answer_verdicts_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_verdicts" ADD CONSTRAINT "answer_verdicts_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_verdicts" ADD CONSTRAINT "answer_verdicts_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "council_formal_findings" ADD CONSTRAINT "council_formal_findings_conclusion_id_fk" FOREIGN KEY ("conclusion_id") REFERENCES "review_conclusions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "council_formal_findings" ADD CONSTRAINT "council_formal_findings_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "council_formal_findings" ADD CONSTRAINT "council_formal_findings_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_formal_answers" ADD CONSTRAINT "review_formal_answers_position_id_fk" FOREIGN KEY ("position_id") REFERENCES "review_positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_formal_answers" ADD CONSTRAINT "review_formal_answers_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_formal_answers" ADD CONSTRAINT "review_formal_answers_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_formal_answers" DROP CONSTRAINT "review_formal_answers_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "review_formal_answers" DROP CONSTRAINT "review_formal_answers_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "review_formal_answers" DROP CONSTRAINT "review_formal_answers_position_id_fk"`);
    await queryRunner.query(`ALTER TABLE "council_formal_findings" DROP CONSTRAINT "council_formal_findings_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "council_formal_findings" DROP CONSTRAINT "council_formal_findings_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "council_formal_findings" DROP CONSTRAINT "council_formal_findings_conclusion_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answer_verdicts" DROP CONSTRAINT "answer_verdicts_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answer_verdicts" DROP CONSTRAINT "answer_verdicts_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answer_verdicts" DROP CONSTRAINT "answer_verdicts_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answer_verdicts" DROP CONSTRAINT "answer_verdicts_answer_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitment_verdicts" DROP CONSTRAINT "commitment_verdicts_dispute_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitment_verdicts" DROP CONSTRAINT "commitment_verdicts_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitment_verdicts" DROP CONSTRAINT "commitment_verdicts_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitment_verdicts" DROP CONSTRAINT "commitment_verdicts_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitment_verdicts" DROP CONSTRAINT "commitment_verdicts_commitment_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP CONSTRAINT "commitments_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP CONSTRAINT "commitments_answer_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP CONSTRAINT "commitments_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "commitments" DROP CONSTRAINT "commitments_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP CONSTRAINT "remarks_disputes_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP COLUMN "disputes_remark_id"`);
    await queryRunner.query(`DROP INDEX "public"."review_formal_answers_plan_idx"`);
    await queryRunner.query(`DROP TABLE "review_formal_answers"`);
    await queryRunner.query(`DROP INDEX "public"."council_formal_findings_plan_idx"`);
    await queryRunner.query(`DROP TABLE "council_formal_findings"`);
    await queryRunner.query(`DROP INDEX "public"."answer_verdicts_answer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."answer_verdicts_plan_idx"`);
    await queryRunner.query(`DROP TABLE "answer_verdicts"`);
    await queryRunner.query(`DROP INDEX "public"."commitment_verdicts_commitment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitment_verdicts_plan_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commitment_verdicts_dispute_uq"`);
    await queryRunner.query(`DROP TABLE "commitment_verdicts"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_remark_version_uq"`);
    await queryRunner.query(`DROP INDEX "public"."commitments_plan_idx"`);
    await queryRunner.query(`DROP TABLE "commitments"`);
  }
}
