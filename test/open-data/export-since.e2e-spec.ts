import { RemarkActivity1797200000000 } from '../../migrations/1797200000000-RemarkActivity';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { ModerationDecision } from '../../src/moderation/moderation-decision.entity';
import { EXPORT_REMARKS_SQL } from '../../src/open-data/export/remark-export.repository';
import type { Plan } from '../../src/plans/plan.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

/**
 * The bulk export's `since` finds recently changed remarks through `remarks.activity_at` (migration
 * 1797200000000): triggers keep it at the latest answer version, verdict or moderation decision, and
 * the export's index prefilter must never drop a remark that the exact changed_at filter keeps.
 */

const at = (local: string) => new Date(`${local}+05:00`);

/** The export statement without its activity prefilter: the exact changed_at filter alone. */
const EXACT_ONLY_SQL = EXPORT_REMARKS_SQL.replace(
  /\n\s*AND \(\$4::timestamptz IS NULL OR r\.created_at >= \$4::timestamptz OR r\.activity_at >= \$4::timestamptz\)/,
  '',
);

describe('export since: remarks.activity_at', () => {
  let t: TestApp;
  let w: World;
  let plan: Plan;
  let author: CreatedUser;
  let moderator: CreatedUser;
  const remarks: Remark[] = [];

  const activity = async (remarkId: string): Promise<Date | null> =>
    (await t.db.query<{ activity_at: Date | null }[]>(`SELECT activity_at FROM remarks WHERE id = $1`, [remarkId]))[0].activity_at;

  const verdict = (answer: Answer, remark: Remark, createdAt: Date) =>
    t.db.getRepository(AnswerVerdict).save({
      answerId: answer.id,
      remarkId: remark.id,
      planId: plan.id,
      authorId: author.user.id,
      verdict: 'reasoned',
      reason: null,
      createdAt,
    });

  const decision = (remark: Remark, action: 'hide' | 'keep', createdAt: Date) =>
    t.db.getRepository(ModerationDecision).save({
      remarkId: remark.id,
      planId: plan.id,
      moderatorId: moderator.user.id,
      action,
      reason: action === 'hide' ? 'spam' : null,
      note: 'Reviewed a report.',
      appealId: null,
      createdAt,
    });

  const correction = (remark: Remark, version: number, publishedAt: Date) =>
    t.db.getRepository(Answer).save({
      remarkId: remark.id,
      version,
      body: LocalizedText.single(`Corrected answer ${version}`, 'ru')!,
      disposition: 'accepted',
      authorId: w.organizer.user.id,
      publishedAt,
      late: false,
      correctionReason: LocalizedText.single('A mistake', 'ru')!,
    });

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 1);
    plan = await createPlan(t, w);
    author = await createUser(t, 'citizen');
    moderator = await createUser(t, 'moderator');
    // six remarks, each with another history, every event at its own instant
    for (let day = 10; day < 16; day++) {
      remarks.push(
        await createRemark(t, plan.id, author.user.id, { body: `Remark of January ${day}`, createdAt: at(`2027-01-${day}T12:00:00`) }),
      );
    }
    const [, answered, judged, corrected, hidden, kept] = remarks;
    await answerRemark(t, answered, w.organizer.user.id, {
      body: 'An answer',
      disposition: 'accepted',
      publishedAt: at('2027-01-20T10:00:00'),
    });
    const judgedAnswer = await answerRemark(t, judged, w.organizer.user.id, {
      body: 'An answer',
      disposition: 'rejected',
      publishedAt: at('2027-01-21T10:00:00'),
    });
    await verdict(judgedAnswer, judged, at('2027-01-25T10:00:00'));
    const first = await answerRemark(t, corrected, w.organizer.user.id, {
      body: 'An answer',
      disposition: 'rejected',
      publishedAt: at('2027-01-22T10:00:00'),
    });
    await verdict(first, corrected, at('2027-01-23T10:00:00'));
    await correction(corrected, 2, at('2027-02-03T10:00:00'));
    await t.db.query(`UPDATE remarks SET hidden_at = $2, hidden_reason = 'spam' WHERE id = $1`, [hidden.id, at('2027-02-01T10:00:00')]);
    await decision(hidden, 'hide', at('2027-02-01T10:00:00'));
    // reported and kept public: nothing public changed, but it is activity (the prefilter may keep more)
    await decision(kept, 'keep', at('2027-02-07T10:00:00'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the triggers keep activity_at at the latest answer version, verdict or decision, and never move it back', async () => {
    const [untouched, answered, judged, corrected, hidden, kept] = remarks;
    expect(await activity(untouched.id)).toBeNull();
    expect(await activity(answered.id)).toEqual(at('2027-01-20T10:00:00'));
    expect(await activity(judged.id)).toEqual(at('2027-01-25T10:00:00'));
    expect(await activity(corrected.id)).toEqual(at('2027-02-03T10:00:00'));
    expect(await activity(hidden.id)).toEqual(at('2027-02-01T10:00:00'));
    expect(await activity(kept.id)).toEqual(at('2027-02-07T10:00:00'));

    // an event written later with an earlier instant (a late import, a clock behind) does not lower it
    await decision(corrected, 'keep', at('2027-01-30T10:00:00'));
    expect(await activity(corrected.id)).toEqual(at('2027-02-03T10:00:00'));
  });

  it('finds through the prefilter exactly the remarks the exact changed_at filter keeps, for every since', async () => {
    const instants = (
      await t.db.query<{ t: Date }[]>(
        `SELECT created_at AS t FROM remarks WHERE plan_id = $1
         UNION SELECT a.published_at FROM answers a JOIN remarks r ON r.id = a.remark_id WHERE r.plan_id = $1
         UNION SELECT v.created_at FROM answer_verdicts v WHERE v.plan_id = $1
         UNION SELECT d.created_at FROM moderation_decisions d WHERE d.plan_id = $1`,
        [plan.id],
      )
    ).map((r) => r.t.getTime());
    expect(instants.length).toBeGreaterThan(12);
    const ids = async (sql: string, since: Date) =>
      (await t.db.query<{ id: string }[]>(sql, [null, null, null, since, 1000])).map((r) => r.id);
    for (const instant of instants) {
      for (const since of [instant - 1, instant, instant + 1].map((ms) => new Date(ms))) {
        expect([since.toISOString(), await ids(EXPORT_REMARKS_SQL, since)]).toEqual([
          since.toISOString(),
          await ids(EXACT_ONLY_SQL, since),
        ]);
      }
    }
    // the statement really carries the prefilter (else the comparison above proves nothing)
    expect(EXACT_ONLY_SQL).not.toEqual(EXPORT_REMARKS_SQL);
  });

  it('the migration fills activity_at for the remarks written before it', async () => {
    const before = await t.db.query<{ id: string; activity_at: Date | null }[]>(`SELECT id, activity_at FROM remarks ORDER BY id`);
    expect(before.filter((r) => r.activity_at !== null).length).toBeGreaterThanOrEqual(5);
    const runner = t.db.createQueryRunner();
    try {
      await new RemarkActivity1797200000000().down(runner);
      await new RemarkActivity1797200000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await t.db.query(`SELECT id, activity_at FROM remarks ORDER BY id`)).toEqual(before);
    // and the triggers are back
    const [untouched] = remarks;
    await decision(untouched, 'keep', at('2027-02-20T10:00:00'));
    expect(await activity(untouched.id)).toEqual(at('2027-02-20T10:00:00'));
  });
});
