import { RemarkActivity1797200000000 } from '../../migrations/1797200000000-RemarkActivity';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { ModerationDecision } from '../../src/moderation/moderation-decision.entity';
import { EXPORT_CHANGED_REMARKS_SQL, EXPORT_REMARKS_SQL } from '../../src/open-data/export/remark-export.repository';
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
 * 1797200000000): triggers keep it at the latest answer version, verdict or moderation decision, the
 * export's index prefilter never drops a remark that the exact changed_at filter keeps, and a `since`
 * from before the tracking began is answered exactly, by computing changed_at for every remark.
 */

const at = (local: string) => new Date(`${local}+05:00`);

const API = '/api/v1';

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

  const ids = async (sql: string, since: Date) =>
    (await t.db.query<{ id: string }[]>(sql, [null, null, null, since, 1000])).map((r) => r.id);

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
    for (const instant of instants) {
      for (const since of [instant - 1, instant, instant + 1].map((ms) => new Date(ms))) {
        expect([since.toISOString(), await ids(EXPORT_CHANGED_REMARKS_SQL, since)]).toEqual([
          since.toISOString(),
          await ids(EXPORT_REMARKS_SQL, since),
        ]);
      }
    }
    // what both keep, by name: the verdict of 01-25, the hide of 02-01, the correction of 02-03; the keep
    // of 02-07 on a visible remark changed nothing public
    const [, , judged, corrected, hidden] = remarks;
    expect(await ids(EXPORT_CHANGED_REMARKS_SQL, at('2027-01-24T00:00:00'))).toEqual([judged.id, corrected.id, hidden.id]);
    expect(await ids(EXPORT_CHANGED_REMARKS_SQL, at('2027-02-04T00:00:00'))).toEqual([]);
    // and the prefilter alone leaves remarks out (else the comparison proves nothing about it)
    const prefiltered = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM remarks WHERE plan_id = $1 AND (created_at >= $2 OR activity_at >= $2)`,
      [plan.id, at('2027-01-24T00:00:00')],
    );
    expect(prefiltered[0].n).toBe(4); // the three above and the reported one kept public
  });

  it('activity is tracked from an hour after the migration; an earlier since is answered exactly, a later one through the prefilter', async () => {
    const runner = t.db.createQueryRunner();
    try {
      await new RemarkActivity1797200000000().down(runner);
      await new RemarkActivity1797200000000().up(runner);
    } finally {
      await runner.release();
    }
    // nothing backfilled (a rewrite of every answered remark under the migration's lock); tracking from now + 1 hour
    expect(await t.db.query(`SELECT count(*)::int AS n FROM remarks WHERE activity_at IS NOT NULL`)).toEqual([{ n: 0 }]);
    const [{ ahead }] = await t.db.query<{ ahead: number }[]>(
      `SELECT extract(epoch FROM since - clock_timestamp())::float8 AS ahead FROM remark_activity_tracking`,
    );
    expect(ahead).toBeGreaterThan(3500);
    expect(ahead).toBeLessThanOrEqual(3600);

    // as if the migration had run on 2027-02-14 (the manual clock is ahead of the database's): the
    // events before it left no activity_at
    await t.db.query(`UPDATE remark_activity_tracking SET since = $1`, [at('2027-02-15T00:00:00')]);
    const exported = async (sinceParam: string) =>
      (
        JSON.parse((await t.http.get(`${API}/export/remarks.json`).query({ since: sinceParam }).expect(200)).text) as { remarkId: string }[]
      ).map((r) => r.remarkId);
    const [untouched, , judged, corrected, hidden] = remarks;
    // before the tracking: every remark's changed_at computed, nothing missed
    expect(await exported('2027-01-24T00:00:00+05:00')).toEqual([judged.id, corrected.id, hidden.id]);
    // after it: the prefilter, and an event written since is found through its trigger
    expect(await exported('2027-02-16T00:00:00+05:00')).toEqual([]);
    await decision(untouched, 'hide', at('2027-02-20T10:00:00'));
    expect(await activity(untouched.id)).toEqual(at('2027-02-20T10:00:00'));
    expect(await exported('2027-02-16T00:00:00+05:00')).toEqual([untouched.id]);
  });
});
