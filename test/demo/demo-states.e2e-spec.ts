import { bootstrapData } from '../../src/bootstrap-data';
import { CalendarService } from '../../src/calendar/calendar.service';
import { CommitmentVerdict } from '../../src/commitments/commitment-verdict.entity';
import { Commitment } from '../../src/commitments/commitment.entity';
import type { LocalizedText } from '../../src/common/i18n/localized-text';
import { answerLanguagesMissing } from '../../src/common/i18n/localized-text';
import { Notice } from '../../src/documentation/notice.entity';
import { Hearing } from '../../src/hearings/hearing.entity';
import { Protocol } from '../../src/hearings/protocol.entity';
import { Council } from '../../src/organizations/council.entity';
import { Organization } from '../../src/organizations/organization.entity';
import { Outcome } from '../../src/outcomes/outcome.entity';
import { Plan } from '../../src/plans/plan.entity';
import { appealClosesAt, isCommitmentVerdictOpen, verdictClosesAt } from '../../src/procedure/deadlines';
import { ModerationDecision } from '../../src/moderation/moderation-decision.entity';
import { RemarkAppeal } from '../../src/moderation/remark-appeal.entity';
import { RemarkReport } from '../../src/moderation/remark-report.entity';
import { remarkDuplicateKey } from '../../src/remarks/remark-moderation';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { CouncilFormalFinding } from '../../src/reviews/council-formal-finding.entity';
import { FormalAnswerVote } from '../../src/reviews/formal-answer-vote.entity';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
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
    expect(correction.body.equals(before.body)).toBe(false);
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

/** The moderation cases of the open plan: a masked phone number, a report waiting, a hidden remark under appeal. */
describe('demo data: moderation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('an open report, and a remark hidden by one moderator whose author appealed within the period', async () => {
    const reports = await t.db.getRepository(RemarkReport).find();
    expect(reports.map((r) => [r.reason, r.decisionId === null]).sort()).toEqual([
      ['insult', false],
      ['off_topic', true],
    ]);
    const [decision] = await t.db.getRepository(ModerationDecision).find();
    expect(decision).toMatchObject({ action: 'hide', reason: 'insult' });
    const hidden = await t.db.getRepository(Remark).findOneByOrFail({ id: decision.remarkId });
    expect(hidden).toMatchObject({ hiddenReason: 'insult', hiddenAt: decision.createdAt });
    const [appeal] = await t.db.getRepository(RemarkAppeal).find();
    expect(appeal).toMatchObject({ remarkId: hidden.id, hideDecisionId: decision.id, authorId: hidden.authorId, decisionId: null });
    const cal = await t.app.get(CalendarService).calendar();
    expect(appeal.createdAt.getTime()).toBeLessThanOrEqual(
      appealClosesAt(decision.createdAt, 'Asia/Almaty', cal, t.config.procedure).getTime(),
    );
  });

  it('every remark but the disputes has its duplicate key, and no author repeats a text in a stage', async () => {
    const remarks = await t.db.getRepository(Remark).find();
    for (const r of remarks) expect(r.duplicateKey).toBe(r.disputesRemarkId === null ? remarkDuplicateKey(r.body) : null);
  });
});

/**
 * Every published text of the demo is in Kazakh and Russian, except the few left in one language on
 * purpose so that the pages' note on a text in the other language can be seen; remarks record the
 * language their author wrote in, and every answer includes it when it is a state language.
 */
describe('demo data: two state languages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const KAZAKH = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

  /** The texts lacking kk or ru, as "where: languages present". */
  function oneLanguage(texts: [string, LocalizedText | null][]): string[] {
    return texts
      .filter(([, text]) => text !== null && text.missing().length > 0)
      .map(([where, text]) => `${where}: ${text!.languages().join()}`);
  }

  it('organizations, councils, plans, hearings, protocols, reviews, notices and outcomes in kk and ru', async () => {
    const texts: [string, LocalizedText | null][] = [];
    for (const o of await t.db.getRepository(Organization).find())
      texts.push([`organization ${o.bin}`, o.name], [`address ${o.bin}`, o.address]);
    for (const c of await t.db.getRepository(Council).find()) texts.push(['council', c.name]);
    for (const p of await t.db.getRepository(Plan).find()) {
      texts.push([`title ${p.subjectCode}`, p.title], [`place ${p.subjectCode}`, p.deliveryPlace]);
      if (p.publishedAt) texts.push([`description ${p.subjectCode}`, p.description]);
      else expect(p.description.languages()).toEqual(['ru']); // the draft's hub lists the missing translation
    }
    for (const h of await t.db.getRepository(Hearing).find()) texts.push(['venue', h.venue], ['room', h.room]);
    for (const p of await t.db.getRepository(Protocol).find()) {
      texts.push(
        ['summary', p.summary],
        ...[...p.speakers, ...p.positions, ...p.decisions].map((x): [string, LocalizedText] => ['protocol list', x]),
      );
      for (const q of p.questions) texts.push(['question', q.question], ['question answer', q.answer]);
    }
    for (const r of await t.db.getRepository(Recommendation).find()) texts.push(['recommendation', r.text]);
    for (const r of await t.db.getRepository(RecommendationResponse).find()) texts.push(['response', r.text]);
    for (const n of await t.db.getRepository(Notice).find())
      texts.push(...n.documents.map((d): [string, LocalizedText] => ['document', d.title]));
    for (const o of await t.db.getRepository(Outcome).find()) texts.push(['outcome', o.summary]);
    // Kazakh of its own, not a copy of the Russian (only a speaker's name reads the same)
    const copies = texts.filter(([where, text]) => text?.has('kk') && text.get('kk') === text.get('ru') && where !== 'protocol list');
    expect(copies).toEqual([]);
    expect(texts.filter(([, text]) => KAZAKH.test(text?.get('kk') ?? '')).length).toBeGreaterThan(texts.length * 0.8);
    expect(oneLanguage(texts)).toEqual([]);
    // one council member's position only in Kazakh, as written: the Russian page marks it
    const positions = await t.db.getRepository(ReviewPosition).find();
    expect(oneLanguage(positions.map((p) => ['position', p.text]))).toEqual(['position: kk']);
  });

  it("remarks in Kazakh, Russian and English; answers include the remark's language, one only in Russian", async () => {
    const remarks = await t.db.getRepository(Remark).find();
    expect(new Set(remarks.map((r) => r.language))).toEqual(new Set(['kk', 'ru', 'en']));
    expect(remarks.filter((r) => r.language === 'en')).toHaveLength(1);
    for (const r of remarks) expect(KAZAKH.test(r.body)).toBe(r.language === 'kk');
    const answers = await t.db.getRepository(Answer).find({ relations: { remark: true } });
    for (const a of answers) expect(answerLanguagesMissing(a.body, a.remark!.language)).toEqual([]);
    expect(oneLanguage(answers.map((a) => ['answer', a.body]))).toEqual(['answer: ru']);
    const corrected = answers.filter((a) => a.correctionReason !== null);
    expect(corrected.length).toBeGreaterThan(0);
    for (const a of corrected) expect(a.correctionReason!.missing()).toEqual([]);
  });

  it("the API gives the reader's version with every version under i18n", async () => {
    const kk = (await t.http.get('/api/v1/plans').set('Accept-Language', 'kk').expect(200)).body;
    const ru = (await t.http.get('/api/v1/plans').set('Accept-Language', 'ru').expect(200)).body;
    const titles = (body: { items: { title: string }[] }) => body.items.map((p) => p.title);
    expect(titles(kk)).toContain('Абай көшесіндегі скверді көгалдандыру');
    expect(titles(ru)).toContain('Озеленение сквера на улице Абая');
    const item = kk.items.find((p: { title: string }) => p.title === 'Абай көшесіндегі скверді көгалдандыру');
    expect(item.i18n.title).toEqual({
      kk: 'Абай көшесіндегі скверді көгалдандыру',
      ru: 'Озеленение сквера на улице Абая',
      en: 'Greening of the square on Abay Street',
    });
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
