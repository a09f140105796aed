import { bootstrapData } from '../../src/bootstrap-data';
import { CalendarService } from '../../src/calendar/calendar.service';
import { CommitmentVerdict } from '../../src/commitments/commitment-verdict.entity';
import { Commitment } from '../../src/commitments/commitment.entity';
import { Plan } from '../../src/plans/plan.entity';
import { isCommitmentVerdictOpen, verdictClosesAt } from '../../src/procedure/deadlines';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { CouncilFormalFinding } from '../../src/reviews/council-formal-finding.entity';
import { FormalAnswerVote } from '../../src/reviews/formal-answer-vote.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const TZ = 'Asia/Almaty';

/** Seeds the demo data (DEMO_DATA) at the clock's time. */
async function seedDemo(t: TestApp): Promise<void> {
  await bootstrapData(t.app, { ...t.config, adminEmail: null, adminPassword: null, demoData: true });
}

/**
 * Every state of "answers that count" is in the demo data, and each obeys the procedure's rules:
 * verdicts within their windows on the latest answer version, the council's finding made by the
 * positions that named the answer, the correction after it and before the outcome, commitments
 * accounting for accepted answers, and the dispute a stage-2 remark of the author, answered.
 */
describe('demo data: verdicts, the council finding, commitments', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a reasoned and a formal verdict, each on the latest answer version within its 10 working days', async () => {
    const cal = await t.app.get(CalendarService).calendar();
    const verdicts = await t.db.getRepository(AnswerVerdict).find({ relations: { answer: true, remark: true } });
    expect(new Set(verdicts.map((v) => v.verdict))).toEqual(new Set(['reasoned', 'formal']));
    for (const v of verdicts) {
      expect(v.authorId).toBe(v.remark!.authorId);
      expect(v.createdAt.getTime()).toBeGreaterThan(v.answer!.publishedAt.getTime());
      expect(v.createdAt.getTime()).toBeLessThanOrEqual(verdictClosesAt(v.answer!.publishedAt, TZ, cal, t.config.procedure).getTime());
      expect(v.createdAt.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
      if (v.verdict === 'formal') expect(v.reason!.length).toBeGreaterThanOrEqual(10);
      const later = await t.db
        .getRepository(Answer)
        .createQueryBuilder('a')
        .where('a.remark_id = :r AND a.published_at < :at AND a.version > :v', { r: v.remarkId, at: v.createdAt, v: v.answer!.version })
        .getCount();
      expect(later).toBe(0); // no newer version existed when the verdict was given
    }
  });

  it('a council finding: named by more than half of the members in their positions, then corrected before the outcome', async () => {
    const findings = await t.db.getRepository(CouncilFormalFinding).find();
    expect(findings).toHaveLength(1);
    const [f] = findings;
    const conclusion = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ id: f.conclusionId });
    expect(f.foundAt).toEqual(conclusion.closedAt);
    expect(f.membersCount).toBe(conclusion.membersCount);
    expect(f.votes * 2).toBeGreaterThan(f.membersCount);
    const votes = await t.db.getRepository(FormalAnswerVote).findBy({ remarkId: f.remarkId, planId: f.planId });
    expect(votes).toHaveLength(f.votes);
    for (const vote of votes) {
      const position = await t.db.getRepository(ReviewPosition).findOneByOrFail({ id: vote.positionId });
      expect(position.planId).toBe(f.planId);
      expect(position.createdAt.getTime()).toBeLessThan(conclusion.closedAt.getTime());
      expect(vote.answerVersion).toBe(f.answerVersion);
    }
    // the author had called it formal before the review
    const formal = await t.db.getRepository(AnswerVerdict).findOneByOrFail({ remarkId: f.remarkId, verdict: 'formal' });
    expect(formal.createdAt.getTime()).toBeLessThan(conclusion.closedAt.getTime());
    // the organizer's correction: after the conclusion, a changed text, before the outcome
    const versions = await t.db.getRepository(Answer).find({ where: { remarkId: f.remarkId }, order: { version: 'ASC' } });
    expect(versions.map((a) => a.version)).toEqual([f.answerVersion, f.answerVersion + 1]);
    const [before, correction] = versions;
    expect(correction.publishedAt.getTime()).toBeGreaterThan(f.foundAt.getTime());
    expect(correction.body).not.toBe(before.body);
    expect(correction.correctionReason).toBeTruthy();
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: f.planId });
    expect(plan.outcomePublishedAt!.getTime()).toBeGreaterThan(correction.publishedAt.getTime());
  });

  it('an implemented and a not-implemented commitment, each for an accepted latest answer, published with the notice', async () => {
    const commitments = await t.db.getRepository(Commitment).find({ relations: { answer: true, plan: true } });
    expect(new Set(commitments.map((c) => c.status))).toEqual(new Set(['implemented', 'not_implemented']));
    for (const c of commitments) {
      expect(['accepted', 'partially_accepted']).toContain(c.answer!.disposition);
      expect(c.disposition).toBe(c.answer!.disposition);
      expect(c.publishedAt).toEqual(c.plan!.noticePublishedAt);
      const latest = await t.db.getRepository(Answer).findOne({ where: { remarkId: c.remarkId }, order: { version: 'DESC' } });
      expect(latest!.id).toBe(c.answerId);
      if (c.status === 'implemented') expect([c.document, c.location].every(Boolean)).toBe(true);
    }
    // every stage-1 remark accepted by its latest answer on a plan with a notice is accounted for
    const accounted = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM remarks r JOIN plans p ON p.id = r.plan_id AND p.notice_published_at IS NOT NULL
        JOIN LATERAL (SELECT disposition FROM answers a WHERE a.remark_id = r.id ORDER BY version DESC LIMIT 1) a ON true
       WHERE r.stage = 1 AND a.disposition IN ('accepted', 'partially_accepted')
         AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.remark_id = r.id)`,
    );
    expect(accounted[0].n).toBe(0);
  });

  it('a confirmed and a disputed commitment within their windows; the dispute is a stage-2 remark of the author, answered', async () => {
    const cal = await t.app.get(CalendarService).calendar();
    const verdicts = await t.db.getRepository(CommitmentVerdict).find({ relations: { commitment: true, plan: true, remark: true } });
    expect(new Set(verdicts.map((v) => v.verdict))).toEqual(new Set(['confirmed', 'disputed']));
    for (const v of verdicts) {
      const stage2 = { opensAt: v.plan!.stage2OpensAt!, closesAt: v.plan!.stage2ClosesAt! };
      expect(isCommitmentVerdictOpen(v.createdAt, stage2, v.commitment!.publishedAt, TZ, cal, t.config.procedure)).toBe(true);
      expect(v.authorId).toBe(v.remark!.authorId);
    }
    const disputed = verdicts.find((v) => v.verdict === 'disputed')!;
    const dispute = await t.db.getRepository(Remark).findOneByOrFail({ id: disputed.disputeRemarkId! });
    expect(dispute).toMatchObject({ stage: 2, planId: disputed.planId, authorId: disputed.authorId, disputesRemarkId: disputed.remarkId });
    expect(dispute.body).toBe(disputed.reason);
    expect(dispute.createdAt).toEqual(disputed.createdAt);
    expect(dispute.answeredAt).not.toBeNull();
    expect(dispute.answerDueAt.getTime()).toBeGreaterThanOrEqual(disputed.plan!.stage2ClosesAt!.getTime());
    const answer = await t.db.getRepository(Answer).findOneByOrFail({ remarkId: dispute.id });
    expect(answer.late).toBe(false);
    expect(answer.publishedAt.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('the statistics count them, in the API and on the page', async () => {
    const api = (await t.http.get('/api/v1/statistics').expect(200)).body;
    expect(api).toMatchObject({
      answersFormalByAuthors: 2, // two answers to one author; the third formal one was corrected and found reasoned
      answersFormalByAuthorsDistinctAuthors: 1,
      answersFormalByCouncil: 1,
      commitments: 3,
      commitmentsImplemented: 2,
      commitmentsConfirmed: 1,
      commitmentsDisputed: 1,
    });
    const page = (await t.http.get('/statistics').set('Accept-Language', 'en').expect(200)).text;
    expect(page).toContain('<th scope="row">Commitments</th><td>3</td>');
    expect(page).toContain('<th scope="row">Commitments disputed by their authors</th><td>33.3% (1 of 3)</td>');
  });
});

describe.each(['2027-01-04T09:00:00+05:00', '2027-03-24T08:00:00+05:00', '2027-05-09T23:30:00+05:00', '2027-12-18T12:00:00+05:00'])(
  'demo data seeded at %s (holidays, weekends, late evening)',
  (now) => {
    it('obeys every window (the seeding checks each state) and has every state', async () => {
      const t = await startTestApp({ now });
      try {
        await seedDemo(t);
        expect(await t.db.getRepository(Plan).count()).toBe(6);
        expect(await t.db.getRepository(CouncilFormalFinding).count()).toBe(1);
        const api = (await t.http.get('/api/v1/statistics').expect(200)).body;
        expect(api).toMatchObject({ answersFormalByAuthors: 2, commitments: 3, commitmentsConfirmed: 1, commitmentsDisputed: 1 });
      } finally {
        await t.close();
      }
    });
  },
);
