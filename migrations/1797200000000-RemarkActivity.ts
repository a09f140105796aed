import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk export's `since` (open-data/export) keeps the remarks whose public state changed at or after
 * it; that instant is computed per remark from its answers, verdicts and moderation decisions, so a
 * consumer syncing every day made PostgreSQL compute it for every remark ever written: 15.5 s for a sync
 * with nothing new at 1,000,000 remarks, 10 s for each batch of a day's changes, against a statement
 * timeout of 30 s (BENCHMARKS.md, "Export of remarks").
 *
 * `remarks.activity_at` is the latest instant of any answer version, verdict or moderation decision on
 * the remark written from now on, kept by triggers, so that no writer (the services, the demo data, a
 * person at psql) can leave a change out; the partial index holds only remarks with some activity, so a
 * new remark (the submission's hot path) costs no index entry more. For a `since` at or after
 * `remark_activity_tracking.since`, activity_at is never earlier than the computed instant, and the
 * export may look only at `created_at >= since OR activity_at >= since` (remark-export.repository.ts).
 *
 * Nothing is backfilled: at 1,000,000 remarks filling the column for the 782,283 answered ones took
 * 139 s under this migration's lock on `remarks` (every page that shows remarks waits) and left as many
 * dead rows (the table grew from 695 to 1,305 MB). An earlier `since` is answered as before, exactly,
 * by computing the instant for every remark. Tracking starts an hour after this migration, so that an
 * event dated by an application clock a little ahead of the database's, and written just before the
 * triggers existed, cannot be missed.
 */
export class RemarkActivity1797200000000 implements MigrationInterface {
  name = 'RemarkActivity1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "remarks" ADD "activity_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE FUNCTION talqylau_remark_activity(remark uuid, at timestamptz) RETURNS void LANGUAGE sql AS $$
        UPDATE remarks SET activity_at = at WHERE id = remark AND (activity_at IS NULL OR activity_at < at)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION talqylau_answer_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM talqylau_remark_activity(NEW.remark_id, NEW.published_at);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION talqylau_verdict_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM talqylau_remark_activity(a.remark_id, NEW.created_at) FROM answers a WHERE a.id = NEW.answer_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION talqylau_decision_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM talqylau_remark_activity(NEW.remark_id, NEW.created_at);
        RETURN NULL;
      END $$`);
    // UPDATE OF the columns the instant and its remark come from: none is changed today, but a change
    // would move changed_at, and activity_at must follow
    await queryRunner.query(`CREATE TRIGGER "answers_remark_activity" AFTER INSERT OR UPDATE OF "published_at", "remark_id" ON "answers"
      FOR EACH ROW EXECUTE FUNCTION talqylau_answer_activity()`);
    await queryRunner.query(`CREATE TRIGGER "answer_verdicts_remark_activity" AFTER INSERT OR UPDATE OF "created_at", "answer_id" ON "answer_verdicts"
      FOR EACH ROW EXECUTE FUNCTION talqylau_verdict_activity()`);
    await queryRunner.query(`CREATE TRIGGER "moderation_decisions_remark_activity" AFTER INSERT OR UPDATE OF "created_at", "remark_id" ON "moderation_decisions"
      FOR EACH ROW EXECUTE FUNCTION talqylau_decision_activity()`);
    await queryRunner.query(`CREATE INDEX "remarks_activity_idx" ON "remarks" ("activity_at") WHERE activity_at IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "remark_activity_tracking" (
      "one" boolean PRIMARY KEY DEFAULT true CHECK ("one"),
      "since" TIMESTAMP WITH TIME ZONE NOT NULL)`);
    await queryRunner.query(`INSERT INTO "remark_activity_tracking" ("since") VALUES (clock_timestamp() + interval '1 hour')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "remark_activity_tracking"`);
    await queryRunner.query(`DROP TRIGGER "moderation_decisions_remark_activity" ON "moderation_decisions"`);
    await queryRunner.query(`DROP TRIGGER "answer_verdicts_remark_activity" ON "answer_verdicts"`);
    await queryRunner.query(`DROP TRIGGER "answers_remark_activity" ON "answers"`);
    await queryRunner.query(`DROP FUNCTION talqylau_decision_activity()`);
    await queryRunner.query(`DROP FUNCTION talqylau_verdict_activity()`);
    await queryRunner.query(`DROP FUNCTION talqylau_answer_activity()`);
    await queryRunner.query(`DROP FUNCTION talqylau_remark_activity(uuid, timestamptz)`);
    await queryRunner.query(`DROP INDEX "public"."remarks_activity_idx"`);
    await queryRunner.query(`ALTER TABLE "remarks" DROP COLUMN "activity_at"`);
  }
}
