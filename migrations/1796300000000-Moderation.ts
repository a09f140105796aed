import type { MigrationInterface, QueryRunner } from 'typeorm';
import { remarkDuplicateKey } from '../src/common/duplicate-text';

/**
 * Issue 16: reports, moderation decisions and appeals; the moderator role; the hidden state of a remark;
 * the duplicate key of a remark (existing remarks get theirs, except disputes of commitments and a
 * later duplicate of an earlier one, which keep null); the consent to publication on an account.
 */

export class Moderation1796300000000 implements MigrationInterface {
  name = 'Moderation1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "moderation_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "moderator_id" uuid NOT NULL, "action" character varying(8) NOT NULL, "reason" character varying(16), "note" text, "appeal_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "moderation_decisions_note_ck" CHECK (note IS NULL OR char_length(note) <= 2000), CONSTRAINT "moderation_decisions_hide_reason_ck" CHECK (action = 'keep' OR reason IS NOT NULL), CONSTRAINT "moderation_decisions_reason_ck" CHECK (reason IS NULL OR reason IN ('insult','personal_data','spam','off_topic','duplicate')), CONSTRAINT "moderation_decisions_action_ck" CHECK (action IN ('hide','keep')), CONSTRAINT "PK_2e82d086a52c4233bcb60bc5b67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "moderation_decisions_remark_idx" ON "moderation_decisions" ("remark_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "remark_appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, "hide_decision_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decision_id" uuid, CONSTRAINT "remark_appeals_text_ck" CHECK (char_length(text) BETWEEN 1 AND 2000), CONSTRAINT "PK_7bc6d59baa7ef6fd70303e28b3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "remark_appeals_remark_idx" ON "remark_appeals" ("remark_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "remark_appeals_plan_pending_idx" ON "remark_appeals" ("plan_id") WHERE decision_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "remark_appeals_pending_idx" ON "remark_appeals" ("created_at", "id") WHERE decision_id IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "remark_appeals_hide_decision_uq" ON "remark_appeals" ("hide_decision_id") `);
    await queryRunner.query(
      `CREATE TABLE "remark_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "remark_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "reason" character varying(16) NOT NULL, "text" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decision_id" uuid, CONSTRAINT "remark_reports_text_ck" CHECK (text IS NULL OR char_length(text) <= 2000), CONSTRAINT "remark_reports_reason_ck" CHECK (reason IN ('insult','personal_data','spam','off_topic','duplicate','other')), CONSTRAINT "PK_84690f82dc60fbf1ac2c8dad977" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "remark_reports_decision_idx" ON "remark_reports" ("decision_id") `);
    await queryRunner.query(`CREATE INDEX "remark_reports_reporter_idx" ON "remark_reports" ("reporter_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "remark_reports_open_idx" ON "remark_reports" ("created_at", "id") WHERE decision_id IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "remark_reports_remark_reporter_uq" ON "remark_reports" ("remark_id", "reporter_id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "consent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "remarks" ADD "hidden_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "remarks" ADD "hidden_reason" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "remarks" ADD "duplicate_key" character varying(64)`);
    await backfillDuplicateKeys(queryRunner);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_ck"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_ck" CHECK (role IN ('citizen','organizer','council_member','moderator','admin'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "remarks_duplicate_uq" ON "remarks" ("author_id", "plan_id", "stage", "duplicate_key") WHERE duplicate_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "remarks_plan_hidden_idx" ON "remarks" ("plan_id", "hidden_reason") WHERE hidden_at IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "remarks" ADD CONSTRAINT "remarks_hidden_ck" CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL) AND (hidden_reason IS NULL OR hidden_reason IN ('insult','personal_data','spam','off_topic','duplicate')))`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_moderator_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_appeals" ADD CONSTRAINT "remark_appeals_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_appeals" ADD CONSTRAINT "remark_appeals_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_appeals" ADD CONSTRAINT "remark_appeals_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_appeals" ADD CONSTRAINT "remark_appeals_hide_decision_id_fk" FOREIGN KEY ("hide_decision_id") REFERENCES "moderation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_appeals" ADD CONSTRAINT "remark_appeals_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "moderation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_reports" ADD CONSTRAINT "remark_reports_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_reports" ADD CONSTRAINT "remark_reports_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_reports" ADD CONSTRAINT "remark_reports_reporter_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remark_reports" ADD CONSTRAINT "remark_reports_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "moderation_decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "remark_reports" DROP CONSTRAINT "remark_reports_decision_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_reports" DROP CONSTRAINT "remark_reports_reporter_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_reports" DROP CONSTRAINT "remark_reports_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_reports" DROP CONSTRAINT "remark_reports_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_appeals" DROP CONSTRAINT "remark_appeals_decision_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_appeals" DROP CONSTRAINT "remark_appeals_hide_decision_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_appeals" DROP CONSTRAINT "remark_appeals_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_appeals" DROP CONSTRAINT "remark_appeals_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remark_appeals" DROP CONSTRAINT "remark_appeals_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "moderation_decisions" DROP CONSTRAINT "moderation_decisions_moderator_id_fk"`);
    await queryRunner.query(`ALTER TABLE "moderation_decisions" DROP CONSTRAINT "moderation_decisions_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "moderation_decisions" DROP CONSTRAINT "moderation_decisions_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP CONSTRAINT "remarks_hidden_ck"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_plan_hidden_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_duplicate_uq"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP COLUMN "duplicate_key"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP COLUMN "hidden_reason"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP COLUMN "hidden_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "consent_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_ck"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_ck" CHECK (role IN ('citizen','organizer','council_member','admin'))`,
    );
    await queryRunner.query(`DROP INDEX "public"."remark_reports_remark_reporter_uq"`);
    await queryRunner.query(`DROP INDEX "public"."remark_reports_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remark_reports_reporter_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remark_reports_decision_idx"`);
    await queryRunner.query(`DROP TABLE "remark_reports"`);
    await queryRunner.query(`DROP INDEX "public"."remark_appeals_hide_decision_uq"`);
    await queryRunner.query(`DROP INDEX "public"."remark_appeals_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remark_appeals_plan_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remark_appeals_remark_idx"`);
    await queryRunner.query(`DROP TABLE "remark_appeals"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_decisions_remark_idx"`);
    await queryRunner.query(`DROP TABLE "moderation_decisions"`);
  }
}

interface RemarkRow {
  id: string;
  created_at: Date;
  author_id: string;
  plan_id: string;
  stage: number;
  body: string;
  disputes_remark_id: string | null;
}

/** Each existing remark's duplicate key, oldest first; a later remark with a key already taken keeps null. */
async function backfillDuplicateKeys(queryRunner: QueryRunner): Promise<void> {
  const batch = 5000;
  const taken = new Set<string>();
  let after: { created_at: Date; id: string } | null = null;
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, created_at, author_id, plan_id, stage, body, disputes_remark_id FROM remarks
          WHERE $1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid)
          ORDER BY created_at, id LIMIT ${batch}`,
      [after?.created_at ?? null, after?.id ?? null],
    )) as RemarkRow[];
    if (rows.length === 0) return;
    const ids: string[] = [];
    const keys: string[] = [];
    for (const r of rows) {
      if (r.disputes_remark_id !== null) continue;
      const key = remarkDuplicateKey(r.body);
      const scope = `${r.author_id} ${r.plan_id} ${r.stage} ${key}`;
      if (taken.has(scope)) continue;
      taken.add(scope);
      ids.push(r.id);
      keys.push(key);
    }
    await queryRunner.query(
      `UPDATE remarks r SET duplicate_key = k.key FROM unnest($1::uuid[], $2::text[]) AS k(id, key) WHERE r.id = k.id`,
      [ids, keys],
    );
    const last = rows[rows.length - 1];
    after = { created_at: last.created_at, id: last.id };
  }
}
