import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk export's `since` (open-data/export) keeps the remarks whose public state changed at or after
 * it; that instant is computed per remark from its answers, verdicts and moderation decisions, so a
 * consumer syncing every day made PostgreSQL compute it for every remark ever written: 15.5 s for a sync
 * with nothing new at 1,000,000 remarks, 10 s for each batch of a day's changes, against a statement
 * timeout of 30 s (BENCHMARKS.md, "Export of remarks"). `remarks.activity_at` is the latest instant of any answer
 * version, verdict or moderation decision on the remark (NULL while there is none). It is never earlier
 * than the computed instant, so `created_at >= since OR activity_at >= since` keeps every remark the
 * exact filter can keep: through two indexes when they are few, and as a cheap test before the exact
 * one when they are many. Triggers keep it, so that no writer (the services, the
 * demo data, a person at psql) can leave a change out of the next export; the partial index holds only
 * remarks with some activity, so a new remark (the submission's hot path) costs no index entry more.
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
    await queryRunner.query(`CREATE TRIGGER "answers_remark_activity" AFTER INSERT OR UPDATE OF "published_at" ON "answers"
      FOR EACH ROW EXECUTE FUNCTION talqylau_answer_activity()`);
    await queryRunner.query(`CREATE TRIGGER "answer_verdicts_remark_activity" AFTER INSERT OR UPDATE OF "created_at" ON "answer_verdicts"
      FOR EACH ROW EXECUTE FUNCTION talqylau_verdict_activity()`);
    await queryRunner.query(`CREATE TRIGGER "moderation_decisions_remark_activity" AFTER INSERT OR UPDATE OF "created_at" ON "moderation_decisions"
      FOR EACH ROW EXECUTE FUNCTION talqylau_decision_activity()`);
    await queryRunner.query(`
      UPDATE remarks r SET activity_at = m.at
        FROM (SELECT remark_id, max(at) AS at
                FROM (SELECT a.remark_id, a.published_at AS at FROM answers a
                      UNION ALL
                      SELECT a.remark_id, v.created_at FROM answer_verdicts v JOIN answers a ON a.id = v.answer_id
                      UNION ALL
                      SELECT d.remark_id, d.created_at FROM moderation_decisions d) e
               GROUP BY remark_id) m
       WHERE r.id = m.remark_id`);
    await queryRunner.query(`CREATE INDEX "remarks_activity_idx" ON "remarks" ("activity_at") WHERE activity_at IS NOT NULL`);
    await queryRunner.query(`ANALYZE remarks`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
