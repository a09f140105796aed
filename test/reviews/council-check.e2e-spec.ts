import { Answer } from '../../src/remarks/answer.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import { CouncilFormalFinding } from '../../src/reviews/council-formal-finding.entity';
import { FormalAnswerVote } from '../../src/reviews/formal-answer-vote.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import { ReviewSweepService } from '../../src/reviews/review-sweep.service';
import type { Plan } from '../../src/plans/plan.entity';
import { createUser } from '../support/factories';
import type { CreatedUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from './fixtures';
import { answerRemark, authNow, createPlan, createRemark, createWorld } from './fixtures';

const NOW = '2027-02-15T10:00:00+05:00';
/** Protocol on 3 February, review until 17 February; stage 2 from 5 to 12 February, so the outcome only waits for the council. */
const UNDER_REVIEW: Partial<Plan> = {
  protocolPublishedAt: new Date('2027-02-03T15:00:00+05:00'),
  reviewClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
  noticePublishedAt: new Date('2027-02-05T10:00:00+05:00'),
  stage2OpensAt: new Date('2027-02-05T10:00:00+05:00'),
  stage2ClosesAt: new Date('2027-02-12T23:59:59.999+05:00'),
};
const ANSWERED_AT = new Date('2027-01-20T10:00:00+05:00');

describe("the council's check of formal answers", () => {
  let t: TestApp;
  let w: World;
  let citizen: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    w = await createWorld(t, 3);
    citizen = await createUser(t, 'citizen', { displayName: 'Айгерим' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A plan under review with three answered remarks and one unanswered. */
  async function planWithAnswers(fields: Partial<Plan> = UNDER_REVIEW) {
    const plan = await createPlan(t, w, fields);
    const remarks: Remark[] = [];
    for (const [i, body] of ['Смета завышена', 'Срок поставки слишком короткий', 'Нет гарантии'].entries()) {
      const remark = await createRemark(t, plan.id, citizen.user.id, { body, createdAt: new Date(`2027-01-1${i}T12:00:00+05:00`) });
      await answerRemark(t, remark, w.organizer.user.id, {
        body: `Ответ на «${body}»: учтено.`,
        disposition: 'accepted',
        publishedAt: ANSWERED_AT,
      });
      remarks.push(remark);
    }
    const unanswered = await createRemark(t, plan.id, citizen.user.id, {
      body: 'Без ответа',
      createdAt: new Date('2027-01-14T12:00:00+05:00'),
    });
    return { plan, remarks, unanswered };
  }

  async function verdict(remark: Remark, v: 'reasoned' | 'formal', at: Date, version = 1) {
    const answer = await t.db.getRepository(Answer).findOneByOrFail({ remarkId: remark.id, version });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: answer.id,
      remarkId: remark.id,
      planId: remark.planId,
      authorId: remark.authorId,
      verdict: v,
      reason: v === 'formal' ? 'Ответ не касается сметы вообще' : null,
      createdAt: at,
    });
  }

  const position = (plan: Plan, who: CreatedUser, formalAnswers?: unknown) =>
    t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(authNow(t, who))
      .send({ position: 'object', text: 'The answers are formal', ...(formalAnswers === undefined ? {} : { formalAnswers }) });

  it('422 FORMAL_ANSWERS_INVALID for an unanswered remark, a remark of another plan, an unknown id or not an id; 400 for duplicates; nothing is stored', async () => {
    const { plan, remarks, unanswered } = await planWithAnswers();
    const other = await planWithAnswers();
    for (const ids of [[unanswered.id], [other.remarks[0].id], [remarks[0].id, '00000000-0000-4000-8000-000000000000'], ['not-an-id']]) {
      const res = await position(plan, w.members[1], ids).expect(422);
      expect(res.body.error).toEqual({
        code: 'FORMAL_ANSWERS_INVALID',
        message: 'Only answered remarks of this plan can be named as formal answers.',
      });
    }
    const ru = await position(plan, w.members[1], [unanswered.id]).set('Accept-Language', 'ru').expect(422);
    expect(ru.body.error.message).toBe('Формальными можно назвать только ответы на замечания по этому плану.');
    expect((await position(plan, w.members[1], [remarks[0].id, remarks[0].id]).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await position(plan, w.members[1], 'all').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await position(
          plan,
          w.members[1],
          Array.from({ length: 501 }, () => remarks[0].id),
        ).expect(400)
      ).body.error.code,
    ).toBe('VALIDATION_FAILED');
    // who may act is checked first: a citizen is refused as such, whatever the ids
    expect((await position(plan, citizen, ['not-an-id']).expect(403)).body.error.code).toBe('NOT_COUNCIL_MEMBER');
    expect(await t.db.getRepository(ReviewPosition).countBy({ planId: plan.id })).toBe(0);
    expect(await t.db.getRepository(FormalAnswerVote).countBy({ planId: plan.id })).toBe(0);
  });

  it('the review shows the votes and the verdicts; the chair closes: more than half of the members make a finding; the organizer is e-mailed once; the outcome waits for a correction', async () => {
    const { plan, remarks, unanswered } = await planWithAnswers();
    const [a, b, c] = remarks;
    await verdict(a, 'formal', new Date('2027-01-22T10:00:00+05:00'));
    await verdict(c, 'formal', new Date('2027-01-22T10:00:00+05:00'));
    await verdict(c, 'reasoned', new Date('2027-01-23T10:00:00+05:00')); // changed their mind: the latest row counts

    const created = await position(plan, w.members[1], [b.id, a.id.toUpperCase()]).expect(201);
    expect(created.body.formalAnswers).toEqual([b.id, a.id]);
    await position(plan, w.members[2], [b.id]).expect(201);
    const votes = await t.db.getRepository(FormalAnswerVote).findBy({ planId: plan.id });
    expect(votes.map((v) => v.answerVersion)).toEqual([1, 1, 1]);

    const url = `/api/v1/plans/${plan.id}`;
    const before = (await t.http.get(url).expect(200)).body.review;
    expect(before.conclusion).toBeNull();
    expect(before.formalAnswers).toEqual([
      {
        remarkId: a.id,
        remark: { stage: 1, authorName: 'Айгерим', createdAt: '2027-01-10T07:00:00.000Z' },
        votes: 1,
        authorVerdict: { verdict: 'formal', reason: 'Ответ не касается сметы вообще', at: '2027-01-22T05:00:00.000Z', answerVersion: 1 },
        answerVersion: 1,
        foundFormal: false,
        correctedAt: null,
      },
      {
        remarkId: b.id,
        remark: { stage: 1, authorName: 'Айгерим', createdAt: '2027-01-11T07:00:00.000Z' },
        votes: 2,
        authorVerdict: null,
        answerVersion: 1,
        foundFormal: false,
        correctedAt: null,
      },
    ]);

    // stage 2 has closed, but the review is open: the outcome waits for it (before counting unanswered remarks)
    const organizer = () => authNow(t, w.organizer);
    const outcome = () => t.http.post(`${url}/outcome`).set(organizer()).send({ decision: 'proceed', summary: 'We proceed' });
    const open = await outcome().expect(409);
    expect(open.body.error).toEqual({
      code: 'REVIEW_OPEN',
      message: 'The council review is still open: the outcome waits until the chair closes it or its period ends.',
    });

    t.smtp.messages.length = 0;
    const closed = await t.http.post(`${url}/review/close`).set(authNow(t, w.chair)).expect(200);
    expect(closed.body).toMatchObject({ closedBy: 'chair', formalAnswers: [b.id], membersCount: 3, positionsCount: 2, result: 'objected' });
    const conclusion = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId: plan.id });
    expect(await t.db.getRepository(CouncilFormalFinding).findBy({ planId: plan.id })).toEqual([
      {
        conclusionId: conclusion.id,
        remarkId: b.id,
        planId: plan.id,
        votes: 2,
        membersCount: 3,
        answerVersion: 1,
        foundAt: conclusion.closedAt,
      },
    ]);
    const after = (await t.http.get(url).expect(200)).body.review;
    expect(after.conclusion.formalAnswers).toEqual([b.id]);
    expect(after.formalAnswers.map((f: { remarkId: string; foundFormal: boolean }) => [f.remarkId, f.foundFormal])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);

    await t.flushMail();
    await t.flushMail();
    const findings = t.smtp.to(w.organizer.user.email).filter((m) => m.subject?.startsWith('Answers the council found formal'));
    expect(findings).toHaveLength(1);
    expect(findings[0].text).toContain('Срок поставки слишком короткий');
    expect(findings[0].text).toContain('Named formal by 2 of 3 members');
    expect(findings[0].text).toContain(`http://talqylau.test/organizer/remarks/${b.id}/correction`);
    for (const member of w.members) {
      expect(t.smtp.to(member.user.email).filter((m) => m.subject?.startsWith('Answers the council'))).toHaveLength(0);
      const [mail] = t.smtp.to(member.user.email).filter((m) => m.subject?.startsWith('Council conclusion'));
      expect(mail.text).toContain('The council found 1 answer(s) formal');
    }

    // every remark answered, the review closed: the uncorrected finding still refuses the outcome
    await answerRemark(t, unanswered, w.organizer.user.id, {
      body: 'Ответ',
      disposition: 'explained',
      publishedAt: new Date(NOW),
    });
    const uncorrected = await outcome().expect(409);
    expect(uncorrected.body.error).toEqual({
      code: 'FORMAL_ANSWERS_UNCORRECTED',
      message: '1 answer(s) the council found formal still need a corrected answer.',
      remarkIds: [b.id],
    });
    const kk = await outcome().set('Accept-Language', 'kk').expect(409);
    expect(kk.body.error.message).toBe('Кеңес формальды деп таныған жауаптар әлі түзетілмеген: 1.');

    t.clock.set(new Date('2027-02-16T10:00:00+05:00'));
    await t.http
      .post(`/api/v1/remarks/${b.id}/answer/corrections`)
      .set(organizer())
      .set('Content-Language', 'ru') // the remark is in Russian: its answer must include Russian
      .send({ body: 'Срок поставки продлён до 60 дней, см. п. 4 спецификации.', disposition: 'accepted', reason: 'Council finding' })
      .expect(201);
    const corrected = (await t.http.get(url).expect(200)).body.review.formalAnswers.find((f: { remarkId: string }) => f.remarkId === b.id);
    expect(corrected).toMatchObject({ foundFormal: true, answerVersion: 2, correctedAt: '2027-02-16T05:00:00.000Z' });
    expect((await outcome().expect(201)).body).toMatchObject({ version: 1, decision: 'proceed' });
    t.clock.set(new Date(NOW));
  });

  it('an even council: half of the members is not enough; no votes, no finding, no e-mail to the organizer', async () => {
    const even = await createWorld(t, 4);
    const plan = await createPlan(t, even, UNDER_REVIEW);
    const remark = await createRemark(t, plan.id, citizen.user.id, { body: 'Цена' });
    await answerRemark(t, remark, even.organizer.user.id, { body: 'Цена обоснована', disposition: 'rejected', publishedAt: ANSWERED_AT });
    for (const m of even.members.slice(0, 2)) {
      await t.http
        .post(`/api/v1/plans/${plan.id}/review/positions`)
        .set(authNow(t, m))
        .send({ position: 'object', text: 'Formal', formalAnswers: [remark.id] })
        .expect(201);
    }
    t.smtp.messages.length = 0;
    const closed = await t.http.post(`/api/v1/plans/${plan.id}/review/close`).set(authNow(t, even.chair)).expect(200);
    expect(closed.body.formalAnswers).toEqual([]);
    expect((await t.http.get(`/api/v1/plans/${plan.id}`).expect(200)).body.review.formalAnswers).toEqual([
      expect.objectContaining({ remarkId: remark.id, votes: 2, foundFormal: false }),
    ]);
    await t.flushMail();
    expect(t.smtp.to(even.organizer.user.email).map((m) => m.subject)).toEqual([expect.stringContaining('Council conclusion')]);
  });

  it('at the deadline: the sweep makes the finding; the outcome closes a review past its period itself and keeps that close when it refuses', async () => {
    const ended = { ...UNDER_REVIEW, reviewClosesAt: new Date('2027-02-12T23:59:59.999+05:00') };
    /** A plan whose review ended on 12 February, two of three members having named its third answer formal. */
    const endedWithVotes = async () => {
      const made = await planWithAnswers(ended);
      t.clock.set(new Date('2027-02-12T12:00:00+05:00'));
      for (const m of w.members.slice(1)) await position(made.plan, m, [made.remarks[2].id]).expect(201);
      t.clock.set(new Date(NOW));
      await answerRemark(t, made.unanswered, w.organizer.user.id, { body: 'Ответ', disposition: 'explained', publishedAt: ANSWERED_AT });
      return made;
    };
    const findingMails = () => t.smtp.to(w.organizer.user.email).filter((m) => m.subject?.startsWith('Answers the council found formal'));

    const swept = await endedWithVotes();
    t.smtp.messages.length = 0;
    expect(await t.app.get(ReviewSweepService).runOnce()).toBe(1);
    const sweptConclusion = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId: swept.plan.id });
    expect(sweptConclusion).toMatchObject({ closedBy: 'deadline', closedByUserId: null });
    expect(await t.db.getRepository(CouncilFormalFinding).findBy({ planId: swept.plan.id })).toEqual([
      expect.objectContaining({ remarkId: swept.remarks[2].id, votes: 2, membersCount: 3, foundAt: sweptConclusion.closedAt }),
    ]);
    await t.flushMail();
    expect(findingMails()).toHaveLength(1);
    expect(await t.app.get(ReviewSweepService).runOnce()).toBe(0);

    // the sweep has not come by yet: the outcome closes the review itself, as the period's end would
    const byOutcome = await endedWithVotes();
    t.smtp.messages.length = 0;
    const refused = await t.http
      .post(`/api/v1/plans/${byOutcome.plan.id}/outcome`)
      .set(authNow(t, w.organizer))
      .send({ decision: 'proceed', summary: 'We proceed' })
      .expect(409);
    expect(refused.body.error).toMatchObject({ code: 'FORMAL_ANSWERS_UNCORRECTED', remarkIds: [byOutcome.remarks[2].id] });
    const kept = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId: byOutcome.plan.id });
    expect(kept).toMatchObject({ closedBy: 'deadline', closedByUserId: null, result: 'objected' });
    expect(kept.closedAt.toISOString()).toBe(new Date(NOW).toISOString());
    expect(await t.db.getRepository(CouncilFormalFinding).countBy({ planId: byOutcome.plan.id })).toBe(1);
    // a second attempt finds the review closed and does not close it again
    await t.http
      .post(`/api/v1/plans/${byOutcome.plan.id}/outcome`)
      .set(authNow(t, w.organizer))
      .send({ decision: 'proceed', summary: 'We proceed' })
      .expect(409);
    expect(await t.db.getRepository(ReviewConclusion).countBy({ planId: byOutcome.plan.id })).toBe(1);
    await t.flushMail();
    expect(findingMails()).toHaveLength(1);
    expect(findingMails()[0].text).toContain('Нет гарантии');
  });
});
