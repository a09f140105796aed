import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795426800000 implements MigrationInterface {
  name = 'Initial1795426800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_overrides" ("date" date NOT NULL, "working" boolean NOT NULL, "reason" character varying(300) NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5da0adcfdcb3ce929cd0845d9a4" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "councils" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4966fa6c4948bab2ea3e31e054d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "bin" character(12) NOT NULL, "address" character varying(500) NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Almaty', "council_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "organizations_bin_uq" ON "organizations" ("bin") `);
    await queryRunner.query(`CREATE INDEX "organizations_council_idx" ON "organizations" ("council_id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "email_key" character varying(320) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(100) NOT NULL, "locale" character varying(2) NOT NULL DEFAULT 'ru', "role" character varying(20) NOT NULL, "organization_id" uuid, "council_id" uuid, "is_chair" boolean NOT NULL DEFAULT false, "email_verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_locale_ck" CHECK (locale IN ('kk','ru','en')), CONSTRAINT "users_role_ck" CHECK (role IN ('citizen','organizer','council_member','admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key_uq" ON "users" ("email_key") `);
    await queryRunner.query(`CREATE INDEX "users_organization_idx" ON "users" ("organization_id") `);
    await queryRunner.query(`CREATE INDEX "users_council_idx" ON "users" ("council_id") `);
    await queryRunner.query(
      `CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_by" uuid NOT NULL, "title" character varying(500) NOT NULL, "description" text NOT NULL, "subject_code" character varying(64) NOT NULL, "amount" bigint NOT NULL, "method" character varying(32) NOT NULL, "planned_quarter" character varying(7), "delivery_place" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "stage1_closes_at" TIMESTAMP WITH TIME ZONE, "stage1_close_date" date, "hearing_deadline_date" date, "stage1_closed_swept_at" TIMESTAMP WITH TIME ZONE, "hearing_overdue_at" TIMESTAMP WITH TIME ZONE, "protocol_published_at" TIMESTAMP WITH TIME ZONE, "review_closes_at" TIMESTAMP WITH TIME ZONE, "notice_published_at" TIMESTAMP WITH TIME ZONE, "stage2_opens_at" TIMESTAMP WITH TIME ZONE, "stage2_closes_at" TIMESTAMP WITH TIME ZONE, "stage2_closed_swept_at" TIMESTAMP WITH TIME ZONE, "outcome_published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "plans_method_ck" CHECK (method IN ('open_tender','auction','price_offers','single_source','commodity_exchange','e_shop')), CONSTRAINT "plans_amount_ck" CHECK (amount >= 0), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "plans_hearing_deadline_sweep_idx" ON "plans" ("hearing_deadline_date") WHERE hearing_overdue_at IS NULL AND protocol_published_at IS NULL AND hearing_deadline_date IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "plans_stage2_close_sweep_idx" ON "plans" ("stage2_closes_at") WHERE stage2_closed_swept_at IS NULL AND stage2_closes_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "plans_stage1_close_sweep_idx" ON "plans" ("stage1_closes_at") WHERE stage1_closed_swept_at IS NULL AND stage1_closes_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "plans_published_idx" ON "plans" ("published_at", "id") WHERE published_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "plans_org_created_idx" ON "plans" ("organization_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "notice_number" character varying(100) NOT NULL, "documents" jsonb NOT NULL, "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "correction_reason" text, CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "notices_plan_version_uq" ON "notices" ("plan_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "hearings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "local_date" date NOT NULL, "venue" character varying(500) NOT NULL, "room" character varying(200), "livestream_url" character varying(500), "ical_uid" character varying(200) NOT NULL, "sequence" integer NOT NULL DEFAULT '0', "cancel_reason" text, "reminder_swept_for" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hearings_status_ck" CHECK (status IN ('scheduled','cancelled')), CONSTRAINT "PK_79d1a17d4ddd70a11c44bf3b42c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "hearings_plan_uq" ON "hearings" ("plan_id") `);
    await queryRunner.query(`CREATE INDEX "hearings_upcoming_idx" ON "hearings" ("status", "starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "hearings_reminder_sweep_idx" ON "hearings" ("starts_at") WHERE status = 'scheduled' AND reminder_swept_for IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "hearing_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "hearing_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "sequence" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "room" character varying(200), "livestream_url" character varying(500), "reason" text, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_68deed47fbb95239e034c6c8100" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "hearing_changes_hearing_idx" ON "hearing_changes" ("hearing_id", "sequence") `);
    await queryRunner.query(
      `CREATE TABLE "protocols" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "attendees_count" integer NOT NULL, "speakers" jsonb NOT NULL DEFAULT '[]', "positions" jsonb NOT NULL DEFAULT '[]', "questions" jsonb NOT NULL DEFAULT '[]', "summary" text NOT NULL, "decisions" jsonb NOT NULL DEFAULT '[]', "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "late" boolean NOT NULL DEFAULT false, "correction_reason" text, CONSTRAINT "PK_69900eec42c88582ac8affff3e1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "protocols_plan_version_uq" ON "protocols" ("plan_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "user_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63764db9d9aaa4af33e07b2f4bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "user_tokens_user_idx" ON "user_tokens" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "user_tokens_hash_uq" ON "user_tokens" ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(300) NOT NULL, "kind" character varying(64) NOT NULL, "recipient" character varying(320) NOT NULL, "locale" character varying(2) NOT NULL, "subject" character varying(500) NOT NULL, "text_body" text NOT NULL, "html_body" text, "attachments" jsonb NOT NULL DEFAULT '[]', "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "locked_by" character varying(100), "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "outbox_status_ck" CHECK (status IN ('pending','sent','failed')), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "outbox_dedupe_key_uq" ON "outbox_messages" ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "outbox_status_idx" ON "outbox_messages" ("status", "created_at") `);
    await queryRunner.query(`CREATE INDEX "outbox_due_idx" ON "outbox_messages" ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(
      `CREATE TABLE "outcomes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "decision" character varying(16) NOT NULL, "summary" text NOT NULL, "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "correction_reason" text, CONSTRAINT "outcomes_decision_ck" CHECK (decision IN ('proceed','amend','cancel')), CONSTRAINT "PK_f5b8391e8300f8962eb1842dfca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "outcomes_plan_version_uq" ON "outcomes" ("plan_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "plan_subscriptions" ("plan_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_603c0e99ef2a0e784ea062d5529" PRIMARY KEY ("plan_id", "user_id", "kind"))`,
    );
    await queryRunner.query(`CREATE INDEX "plan_subscriptions_user_idx" ON "plan_subscriptions" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "remarks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "stage" smallint NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idempotency_key" character varying(200), "body_hash" character varying(64) NOT NULL, "answer_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "overdue_swept_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "remarks_body_ck" CHECK (char_length(body) BETWEEN 1 AND 10000), CONSTRAINT "remarks_stage_ck" CHECK (stage IN (1,2)), CONSTRAINT "PK_d2fb9d856201fedb9767195bb73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "remarks_overdue_sweep_idx" ON "remarks" ("answer_due_at") WHERE answered_at IS NULL AND overdue_swept_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "remarks_unanswered_due_idx" ON "remarks" ("plan_id", "answer_due_at") WHERE answered_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "remarks_author_idempotency_uq" ON "remarks" ("author_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "remarks_author_idx" ON "remarks" ("author_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "remarks_plan_stage_page_idx" ON "remarks" ("plan_id", "stage", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "remarks_plan_page_idx" ON "remarks" ("plan_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "remark_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "body" text NOT NULL, "disposition" character varying(24) NOT NULL, "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "late" boolean NOT NULL DEFAULT false, "correction_reason" text, CONSTRAINT "answers_disposition_ck" CHECK (disposition IN ('accepted','partially_accepted','rejected','explained')), CONSTRAINT "PK_9c32cec6c71e06da0254f2226c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "answers_remark_version_uq" ON "answers" ("remark_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "review_positions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "member_id" uuid NOT NULL, "position" character varying(32) NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "review_positions_position_ck" CHECK (position IN ('endorse','endorse_with_recommendations','object')), CONSTRAINT "PK_45f53b8e0660aad72cbdb7c48b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "review_positions_plan_member_uq" ON "review_positions" ("plan_id", "member_id") `);
    await queryRunner.query(
      `CREATE TABLE "recommendations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "position_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_23a8d2db26db8cabb6ae9d6cd87" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "recommendations_unanswered_due_idx" ON "recommendations" ("response_due_at") WHERE responded_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "recommendations_plan_idx" ON "recommendations" ("plan_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "recommendation_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "accepted" boolean NOT NULL, "text" text NOT NULL, "author_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "late" boolean NOT NULL DEFAULT false, "correction_reason" text, CONSTRAINT "PK_d01d396af6db67606186110c43d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "recommendation_responses_version_uq" ON "recommendation_responses" ("recommendation_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_conclusions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "council_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_by" character varying(16) NOT NULL, "closed_by_user_id" uuid, "members_count" integer NOT NULL, "positions_count" integer NOT NULL, "endorse_count" integer NOT NULL, "endorse_with_recommendations_count" integer NOT NULL, "object_count" integer NOT NULL, "result" character varying(32) NOT NULL, "quorum" boolean NOT NULL, CONSTRAINT "PK_80593cad9c552a87ceab65d7bbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "review_conclusions_plan_uq" ON "review_conclusions" ("plan_id") `);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_council_id_fk" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_council_id_fk" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "notices_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearings" ADD CONSTRAINT "hearings_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_changes" ADD CONSTRAINT "hearing_changes_hearing_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "protocols" ADD CONSTRAINT "protocols_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_subscriptions" ADD CONSTRAINT "plan_subscriptions_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_subscriptions" ADD CONSTRAINT "plan_subscriptions_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remarks" ADD CONSTRAINT "remarks_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "remarks" ADD CONSTRAINT "remarks_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answers" ADD CONSTRAINT "answers_remark_id_fk" FOREIGN KEY ("remark_id") REFERENCES "remarks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answers" ADD CONSTRAINT "answers_author_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_positions" ADD CONSTRAINT "review_positions_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_positions" ADD CONSTRAINT "review_positions_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_position_id_fk" FOREIGN KEY ("position_id") REFERENCES "review_positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_council_id_fk" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_conclusions" DROP CONSTRAINT "review_conclusions_council_id_fk"`);
    await queryRunner.query(`ALTER TABLE "review_conclusions" DROP CONSTRAINT "review_conclusions_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "recommendation_responses" DROP CONSTRAINT "recommendation_responses_recommendation_id_fk"`);
    await queryRunner.query(`ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_position_id_fk"`);
    await queryRunner.query(`ALTER TABLE "recommendations" DROP CONSTRAINT "recommendations_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "review_positions" DROP CONSTRAINT "review_positions_member_id_fk"`);
    await queryRunner.query(`ALTER TABLE "review_positions" DROP CONSTRAINT "review_positions_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answers" DROP CONSTRAINT "answers_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "answers" DROP CONSTRAINT "answers_remark_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP CONSTRAINT "remarks_author_id_fk"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP CONSTRAINT "remarks_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "plan_subscriptions" DROP CONSTRAINT "plan_subscriptions_user_id_fk"`);
    await queryRunner.query(`ALTER TABLE "plan_subscriptions" DROP CONSTRAINT "plan_subscriptions_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "outcomes" DROP CONSTRAINT "outcomes_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_user_id_fk"`);
    await queryRunner.query(`ALTER TABLE "protocols" DROP CONSTRAINT "protocols_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "hearing_changes" DROP CONSTRAINT "hearing_changes_hearing_id_fk"`);
    await queryRunner.query(`ALTER TABLE "hearings" DROP CONSTRAINT "hearings_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "notices_plan_id_fk"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "plans_created_by_fk"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "plans_organization_id_fk"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_council_id_fk"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_organization_id_fk"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_council_id_fk"`);
    await queryRunner.query(`DROP INDEX "public"."review_conclusions_plan_uq"`);
    await queryRunner.query(`DROP TABLE "review_conclusions"`);
    await queryRunner.query(`DROP INDEX "public"."recommendation_responses_version_uq"`);
    await queryRunner.query(`DROP TABLE "recommendation_responses"`);
    await queryRunner.query(`DROP INDEX "public"."recommendations_plan_idx"`);
    await queryRunner.query(`DROP INDEX "public"."recommendations_unanswered_due_idx"`);
    await queryRunner.query(`DROP TABLE "recommendations"`);
    await queryRunner.query(`DROP INDEX "public"."review_positions_plan_member_uq"`);
    await queryRunner.query(`DROP TABLE "review_positions"`);
    await queryRunner.query(`DROP INDEX "public"."answers_remark_version_uq"`);
    await queryRunner.query(`DROP TABLE "answers"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_plan_page_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_plan_stage_page_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_author_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_author_idempotency_uq"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_unanswered_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."remarks_overdue_sweep_idx"`);
    await queryRunner.query(`DROP TABLE "remarks"`);
    await queryRunner.query(`DROP INDEX "public"."plan_subscriptions_user_idx"`);
    await queryRunner.query(`DROP TABLE "plan_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."outcomes_plan_version_uq"`);
    await queryRunner.query(`DROP TABLE "outcomes"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_dedupe_key_uq"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP INDEX "public"."user_tokens_hash_uq"`);
    await queryRunner.query(`DROP INDEX "public"."user_tokens_user_idx"`);
    await queryRunner.query(`DROP TABLE "user_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."protocols_plan_version_uq"`);
    await queryRunner.query(`DROP TABLE "protocols"`);
    await queryRunner.query(`DROP INDEX "public"."hearing_changes_hearing_idx"`);
    await queryRunner.query(`DROP TABLE "hearing_changes"`);
    await queryRunner.query(`DROP INDEX "public"."hearings_reminder_sweep_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hearings_upcoming_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hearings_plan_uq"`);
    await queryRunner.query(`DROP TABLE "hearings"`);
    await queryRunner.query(`DROP INDEX "public"."notices_plan_version_uq"`);
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP INDEX "public"."plans_org_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_published_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_stage1_close_sweep_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_stage2_close_sweep_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plans_hearing_deadline_sweep_idx"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP INDEX "public"."users_council_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key_uq"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_council_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_bin_uq"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP TABLE "councils"`);
    await queryRunner.query(`DROP TABLE "calendar_overrides"`);
  }
}
