import { DateTime } from 'luxon';
import { CalendarService } from '../../src/calendar/calendar.service';
import { remarkDuplicateKey } from '../../src/common/duplicate-text';
import { TokenService } from '../../src/identity/auth/token.service';
import type { Plan } from '../../src/plans/plan.entity';
import { appealClosesAt, restoredAnswerDueAt } from '../../src/procedure/deadlines';
import { SweepService } from '../../src/scheduler/sweep.service';
import type { World } from '../reviews/fixtures';
import { createPlan, createRemark, createWorld } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { captureStatements } from '../support/statements';

const API = '/api/v1';
const TZ = 'Asia/Almaty';
const PHONE = '+7 701 123 45 67';

/** Stage 1 open from 1 March to the end of 22 March 2027 (Almaty). */
const STAGE1_OPEN: Partial<Plan> = {
  publishedAt: new Date('2027-03-01T10:00:00+05:00'),
  stage1ClosesAt: new Date('2027-03-22T23:59:59.999+05:00'),
  stage1CloseDate: '2027-03-22',
  hearingDeadlineDate: '2027-04-01',
  stage1ClosedSweptAt: null,
};
/** Stage 2 closed at the end of 9 March, with nothing else in the way of the outcome. */
const STAGE2_CLOSED: Partial<Plan> = {
  protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00'),
  reviewClosesAt: new Date('2027-03-05T23:59:59.999+05:00'),
  noticePublishedAt: new Date('2027-03-01T10:00:00+05:00'),
  stage2OpensAt: new Date('2027-03-01T10:00:00+05:00'),
  stage2ClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
};

describe('moderation: reports, hiding, appeals and the answer duty (issue 16)', () => {
  let t: TestApp;
  let w: World;
  let author: CreatedUser;
  let reporter: CreatedUser;
  let other: CreatedUser;
  let moderator: CreatedUser;
  let moderator2: CreatedUser;
  let admin: CreatedUser;

  const at = (iso: string) => t.clock.set(new Date(iso));
  /** Tokens expire by the clock: sign one at the current (moved) time. */
  const auth = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });
  const post = (who: CreatedUser | null, url: string, body: Record<string, unknown> = {}) => {
    const req = t.http.post(`${API}${url}`);
    return (who ? req.set(auth(who)) : req).send(body);
  };
  const get = (who: CreatedUser | null, url: string) => {
    const req = t.http.get(`${API}${url}`);
    return who ? req.set(auth(who)) : req;
  };
  const remark = (who: CreatedUser, planId: string, body: string, key?: string) => {
    const req = t.http.post(`${API}/plans/${planId}/remarks`).set(auth(who));
    return (key ? req.set('Idempotency-Key', key) : req).send({ body });
  };
  const hide = (who: CreatedUser, remarkId: string, reason = 'insult', note = 'A personal attack on another participant.') =>
    post(who, `/remarks/${remarkId}/moderation`, { action: 'hide', reason, note });
  const keep = (who: CreatedUser, remarkId: string, note?: string) =>
    post(who, `/remarks/${remarkId}/moderation`, { action: 'keep', note });
  const remarksOf = async (who: CreatedUser | null, planId: string) =>
    (await get(who, `/plans/${planId}/remarks`).expect(200)).body.items as {
      id: string;
      body: string | null;
      hidden: { reason: string; at: string } | null;
      personalDataMasked: boolean;
      answerDueAt: string | null;
      answer: { body: string } | null;
    }[];
  const openPlan = () => createPlan(t, w, STAGE1_OPEN);

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-02T10:00:00+05:00' });
    w = await createWorld(t, 1);
    author = await createUser(t, 'citizen', { locale: 'kk', displayName: 'Айгерім С.' });
    reporter = await createUser(t, 'citizen');
    other = await createUser(t, 'citizen');
    moderator = await createUser(t, 'moderator', { displayName: 'Moderator One' });
    moderator2 = await createUser(t, 'moderator', { displayName: 'Moderator Two' });
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('hides a reported remark, the author appeals, another moderator restores it, and the answer is due again from the restoration', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    // an answered remark and an unanswered one, both by the author
    const answeredId = (await remark(author, plan.id, `Басшы ақымақ, маған ${PHONE} нөміріне хабарласыңыз`).expect(201)).body.id as string;
    await post(w.organizer, `/remarks/${answeredId}/answer`, {
      body: { kk: 'Ескерту қаралды, смета өзгеріссіз қалады.', ru: 'Замечание рассмотрено, смета остаётся без изменений.' },
      disposition: 'rejected',
    }).expect(201);
    const created = await remark(author, plan.id, 'Бұл жоба ұрлық, ұйымдастырушылар ұры').expect(201);
    const remarkId = created.body.id as string;
    const [{ answer_due_at: originalDue }] = await t.db.query(`SELECT answer_due_at FROM remarks WHERE id = $1`, [remarkId]);

    // the public reads the phone number masked; the author and the organizer read it as written
    const publicBefore = (await remarksOf(null, plan.id)).find((r) => r.id === answeredId)!;
    expect(publicBefore.body).not.toContain(PHONE);
    expect(publicBefore.personalDataMasked).toBe(true);
    expect((await remarksOf(author, plan.id)).find((r) => r.id === answeredId)!.body).toContain(PHONE);
    expect((await remarksOf(w.organizer, plan.id)).find((r) => r.id === answeredId)!.body).toContain(PHONE);

    // reports: once per user; the queue shows the remark with its open reports, to moderators only
    const report = await post(reporter, `/remarks/${remarkId}/reports`, { reason: 'insult', text: 'Calls the organizers thieves' }).expect(
      201,
    );
    expect(report.body).toEqual({ id: expect.any(String), remarkId, reason: 'insult', createdAt: '2027-03-02T05:00:00.000Z' });
    expect((await post(reporter, `/remarks/${remarkId}/reports`, { reason: 'spam' }).expect(409)).body.error.code).toBe('ALREADY_REPORTED');
    await post(other, `/remarks/${answeredId}/reports`, { reason: 'personal_data' }).expect(201);
    await get(w.organizer, '/moderation/queue').expect(403);
    await get(reporter, '/moderation/queue').expect(403);
    const queue = (await get(moderator, '/moderation/queue').expect(200)).body;
    const item = queue.items.find((i: { remarkId: string }) => i.remarkId === remarkId);
    expect(item).toMatchObject({
      kind: 'reports',
      since: '2027-03-02T05:00:00.000Z',
      plan: { id: plan.id },
      remark: { body: 'Бұл жоба ұрлық, ұйымдастырушылар ұры', stage: 1, authorName: 'Айгерім С.', hidden: null },
      reports: [{ reason: 'insult', text: 'Calls the organizers thieves', createdAt: '2027-03-02T05:00:00.000Z' }],
      appeal: null,
    });

    // the organizer cannot moderate; a moderator hides both remarks
    expect((await hide(w.organizer, remarkId).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect(
      (await post(moderator, `/remarks/${remarkId}/moderation`, { action: 'hide', reason: 'insult' }).expect(400)).body.error.code,
    ).toBe('VALIDATION_FAILED');
    const hidden = await hide(moderator, remarkId).expect(200);
    expect(hidden.body).toEqual({
      decision: {
        id: expect.any(String),
        action: 'hide',
        reason: 'insult',
        note: 'A personal attack on another participant.',
        at: '2027-03-02T05:00:00.000Z',
        appeal: false,
        moderatorName: 'Moderator One',
      },
      // hidden, it owes no answer, so it has no deadline (the stored one is kept for a restoration)
      remark: { id: remarkId, hidden: { reason: 'insult', at: '2027-03-02T05:00:00.000Z' }, answerDueAt: null },
    });
    await hide(moderator, answeredId, 'personal_data', 'Another person’s phone number.').expect(200);
    expect((await hide(moderator2, remarkId).expect(409)).body.error.code).toBe('ALREADY_HIDDEN');
    expect((await post(other, `/remarks/${remarkId}/reports`, { reason: 'spam' }).expect(409)).body.error.code).toBe('ALREADY_HIDDEN');
    // the decision closed the reports: the remark left the queue
    expect((await get(moderator, '/moderation/queue').expect(200)).body.items.map((i: { remarkId: string }) => i.remarkId)).not.toContain(
      remarkId,
    );
    const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM remark_reports WHERE remark_id = $1 AND decision_id IS NULL`, [
      remarkId,
    ]);
    expect(open).toBe(0);

    // the author is e-mailed in their language: reason, note, their text, the appeal link and its deadline
    const calendar = await t.app.get(CalendarService).calendar();
    const closesAt = appealClosesAt(new Date('2027-03-02T05:00:00.000Z'), TZ, calendar, t.config.procedure);
    await t.flushMail();
    const hiddenMail = t.smtp
      .to(author.user.email)
      .find((m) => m.subject === 'Ескертуіңіз жасырылды: №5 мектепті жөндеу' && m.text!.includes(`/remarks/${remarkId}/appeal`))!;
    expect(hiddenMail).toBeDefined();
    expect(hiddenMail.text).toContain('қорлау');
    expect(hiddenMail.text).toContain('A personal attack on another participant.');
    expect(hiddenMail.text).toContain('Бұл жоба ұрлық, ұйымдастырушылар ұры');
    expect(hiddenMail.text).toContain(`http://talqylau.test/remarks/${remarkId}/appeal`);
    // five working days: 8 March is a holiday
    expect(closesAt.toISOString()).toBe('2027-03-10T18:59:59.999Z');
    expect(hiddenMail.text).toContain('2027-03-10 23:59 (Asia/Almaty)');

    // the public reads when and why, not the text; the answer stays public; the author and moderators read the text
    const publicView = await remarksOf(null, plan.id);
    expect(publicView.find((r) => r.id === remarkId)).toMatchObject({
      body: null,
      hidden: { reason: 'insult', at: '2027-03-02T05:00:00.000Z' },
      answerDueAt: null,
    });
    // a hidden remark needs no answer (README, "The answer duty"): no reader is told a deadline for it,
    // not the organizer, not the author, not a moderator; the stored deadline stays for a restoration
    for (const reader of [w.organizer, author, moderator])
      expect((await remarksOf(reader, plan.id)).find((r) => r.id === remarkId)!.answerDueAt).toBeNull();
    expect((await get(moderator, `/remarks/${remarkId}/moderation`).expect(200)).body.remark).toMatchObject({
      answerDueAt: null,
      answered: false,
    });
    const [{ answer_due_at: storedDue }] = await t.db.query(`SELECT answer_due_at FROM remarks WHERE id = $1`, [remarkId]);
    expect(storedDue).toEqual(originalDue);
    const answeredPublic = publicView.find((r) => r.id === answeredId)!;
    // withheld, it tells nothing of its text, not even that it had personal data
    expect(answeredPublic).toMatchObject({ body: null, hidden: { reason: 'personal_data' }, personalDataMasked: false });
    expect((await remarksOf(author, plan.id)).find((r) => r.id === answeredId)).toMatchObject({
      body: expect.stringContaining(PHONE),
      personalDataMasked: true,
    });
    expect(JSON.stringify(answeredPublic.answer)).toContain('Ескерту қаралды, смета өзгеріссіз қалады.');
    expect((await remarksOf(w.organizer, plan.id)).find((r) => r.id === remarkId)!.body).toBeNull();
    expect((await remarksOf(author, plan.id)).find((r) => r.id === remarkId)!.body).toBe('Бұл жоба ұрлық, ұйымдастырушылар ұры');
    expect((await remarksOf(moderator, plan.id)).find((r) => r.id === remarkId)!.body).toBe('Бұл жоба ұрлық, ұйымдастырушылар ұры');
    const planView = (await get(null, `/plans/${plan.id}`).expect(200)).body;
    expect(planView.moderation).toEqual({
      hidden: 2,
      reasons: { insult: 1, personal_data: 1, spam: 0, off_topic: 0, duplicate: 0 },
    });

    // the history: the author sees no moderator names and no reports, and may appeal until closesAt
    const own = (await get(author, `/remarks/${remarkId}/moderation`).expect(200)).body;
    expect(own.decisions).toEqual([expect.objectContaining({ action: 'hide', reason: 'insult', moderatorName: null, appeal: false })]);
    expect(own.reports).toEqual([]);
    expect(own.appeal).toEqual({ allowed: true, closesAt: closesAt.toISOString(), reason: null });
    await get(other, `/remarks/${remarkId}/moderation`).expect(403);
    await get(w.organizer, `/remarks/${remarkId}/moderation`).expect(403);
    const forModerator = (await get(moderator, `/remarks/${remarkId}/moderation`).expect(200)).body;
    expect(forModerator.decisions[0].moderatorName).toBe('Moderator One');
    expect(forModerator.reports).toEqual([expect.objectContaining({ reason: 'insult', open: false })]);
    expect(forModerator.canDecide).toBe(true);

    // the appeal: the author only, once
    at('2027-03-03T10:00:00+05:00');
    expect((await post(other, `/remarks/${remarkId}/appeal`, { text: 'Not mine' }).expect(403)).body.error.code).toBe('NOT_AUTHOR');
    const appeal = await post(author, `/remarks/${remarkId}/appeal`, { text: 'Бұл сын, қорлау емес.' }).expect(201);
    expect(appeal.body).toEqual({ id: expect.any(String), remarkId, createdAt: '2027-03-03T05:00:00.000Z' });
    expect((await post(author, `/remarks/${remarkId}/appeal`, { text: 'Тағы да' }).expect(409)).body.error.code).toBe('ALREADY_APPEALED');
    const appealItem = (await get(moderator2, '/moderation/queue').expect(200)).body.items.find(
      (i: { remarkId: string; kind: string }) => i.remarkId === remarkId,
    );
    expect(appealItem).toMatchObject({
      kind: 'appeal',
      since: '2027-03-03T05:00:00.000Z',
      remark: { hidden: { reason: 'insult' } },
      reports: [],
      appeal: {
        id: appeal.body.id,
        text: 'Бұл сын, қорлау емес.',
        hideDecision: { moderatorId: moderator.user.id, moderatorName: 'Moderator One', reason: 'insult' },
      },
    });

    // the one who hid it cannot decide the appeal
    expect((await get(moderator, `/remarks/${remarkId}/moderation`).expect(200)).body.canDecide).toBe(false);
    expect((await keep(moderator, remarkId).expect(409)).body.error.code).toBe('SAME_MODERATOR');

    // hidden, the remark needs no answer: past its original deadline the sweep tells the organizer nothing
    at('2027-03-31T09:00:00+05:00'); // the original deadline was the end of 30 March (Nauryz holidays in between)
    expect(new Date(originalDue).getTime()).toBeLessThan(t.clock.now().getTime());
    await t.app.get(SweepService).runOnce();
    await t.flushMail();
    expect(t.smtp.to(w.organizer.user.email).filter((m) => m.subject!.startsWith('Answers overdue'))).toEqual([]);

    // another moderator keeps it: restored, due again from the restoration
    const restored = await keep(moderator2, remarkId, 'Criticism of the plan, not an insult.').expect(200);
    const dueAgain = restoredAnswerDueAt(
      { stage: 1, answerDueAt: new Date(originalDue), hiddenAt: new Date('2027-03-02T05:00:00.000Z') },
      new Date('2027-03-31T04:00:00.000Z'),
      TZ,
      calendar,
      t.config.procedure,
    );
    expect(dueAgain.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(restored.body).toEqual({
      decision: expect.objectContaining({ action: 'keep', appeal: true, moderatorName: 'Moderator Two' }),
      remark: { id: remarkId, hidden: null, answerDueAt: dueAgain.toISOString() },
    });
    const [row] = await t.db.query(`SELECT hidden_at, hidden_reason, answer_due_at, overdue_swept_at FROM remarks WHERE id = $1`, [
      remarkId,
    ]);
    expect(row).toEqual({ hidden_at: null, hidden_reason: null, answer_due_at: dueAgain, overdue_swept_at: null });
    const publicAfter = (await remarksOf(null, plan.id)).find((r) => r.id === remarkId)!;
    expect(publicAfter).toMatchObject({ body: 'Бұл жоба ұрлық, ұйымдастырушылар ұры', hidden: null, answerDueAt: dueAgain.toISOString() });
    const history = (await get(author, `/remarks/${remarkId}/moderation`).expect(200)).body;
    expect(history.decisions.map((d: { action: string; appeal: boolean }) => [d.action, d.appeal])).toEqual([
      ['hide', false],
      ['keep', true],
    ]);
    expect(history.appeals).toEqual([expect.objectContaining({ id: appeal.body.id, decided: true })]);
    expect(history.appeal).toEqual({ allowed: false, closesAt: null, reason: 'not_hidden' });
    expect((await post(author, `/remarks/${remarkId}/appeal`, { text: 'Again' }).expect(409)).body.error.code).toBe('NOT_HIDDEN');

    // the author is told, in Kazakh, with the new deadline
    await t.flushMail();
    const restoredMail = t.smtp.to(author.user.email).find((m) => m.subject === 'Ескертуіңіз қайта ашылды: №5 мектепті жөндеу')!;
    expect(restoredMail).toBeDefined();
    expect(restoredMail.text).toContain('Апелляцияңыз қанағаттандырылды.');

    // before the new deadline the sweep stays silent; after it the organizer is told
    at('2027-04-02T09:00:00+05:00');
    await t.app.get(SweepService).runOnce();
    await t.flushMail();
    expect(t.smtp.to(w.organizer.user.email).filter((m) => m.subject!.startsWith('Answers overdue'))).toEqual([]);
    t.clock.set(new Date(dueAgain.getTime() + 1));
    await t.app.get(SweepService).runOnce();
    await t.flushMail();
    const overdue = t.smtp.to(w.organizer.user.email).filter((m) => m.subject!.startsWith('Answers overdue'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain('1 remark(s)');
  });

  it('lets an administrator decide an appeal, and refusing it keeps the remark hidden and tells the author', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const r = await createRemark(t, plan.id, author.user.id, { body: 'Spam spam spam', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    await hide(moderator, r.id, 'spam', 'Advertising.').expect(200);
    await post(author, `/remarks/${r.id}/appeal`, { text: 'It is about the plan.' }).expect(201);
    const upheld = await hide(admin, r.id, 'spam', 'Still advertising.').expect(200);
    expect(upheld.body.decision).toMatchObject({ action: 'hide', appeal: true, reason: 'spam' });
    expect(upheld.body.remark.hidden).toEqual({ reason: 'spam', at: '2027-03-02T05:00:00.000Z' });
    await t.flushMail();
    expect(t.smtp.to(author.user.email).map((m) => m.subject)).toContain('Апелляцияңыз бойынша шешім: №5 мектепті жөндеу');
    // one appeal per decision to hide
    const history = (await get(author, `/remarks/${r.id}/moderation`).expect(200)).body;
    expect(history.appeal).toMatchObject({ allowed: false, reason: 'already_appealed' });
    expect((await post(author, `/remarks/${r.id}/appeal`, { text: 'Once more' }).expect(409)).body.error.code).toBe('ALREADY_APPEALED');
  });

  it('refuses an appeal after its window (APPEAL_WINDOW_CLOSED with closesAt)', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const r = await createRemark(t, plan.id, author.user.id, { body: 'Off topic words', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    await hide(moderator, r.id, 'off_topic', 'Not about this plan.').expect(200);
    const calendar = await t.app.get(CalendarService).calendar();
    const closesAt = appealClosesAt(t.clock.now(), TZ, calendar, t.config.procedure);
    t.clock.set(closesAt);
    expect((await get(author, `/remarks/${r.id}/moderation`).expect(200)).body.appeal).toEqual({
      allowed: true,
      closesAt: closesAt.toISOString(),
      reason: null,
    });
    t.clock.set(new Date(closesAt.getTime() + 1));
    const late = await post(author, `/remarks/${r.id}/appeal`, { text: 'Too late?' }).expect(409);
    expect(late.body.error).toMatchObject({ code: 'APPEAL_WINDOW_CLOSED', closesAt: closesAt.toISOString() });
    expect((await get(author, `/remarks/${r.id}/moderation`).expect(200)).body.appeal).toMatchObject({
      allowed: false,
      reason: 'window_closed',
    });
  });

  it('makes the outcome wait for a pending appeal (409 APPEAL_PENDING); a hidden remark does not block it', async () => {
    at('2027-03-10T10:00:00+05:00');
    const plan = await createPlan(t, w, STAGE2_CLOSED);
    const r = await createRemark(t, plan.id, author.user.id, {
      body: 'Insulting words',
      stage: 2,
      createdAt: new Date('2027-03-05T10:00:00+05:00'),
      answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
    });
    // unanswered and public: the outcome waits for the answer
    const unanswered = await post(w.organizer, `/plans/${plan.id}/outcome`, { decision: 'proceed', summary: 'Go' }).expect(409);
    expect(unanswered.body.error.code).toBe('UNANSWERED_REMARKS');
    await hide(moderator, r.id).expect(200);
    await post(author, `/remarks/${r.id}/appeal`, { text: 'Please look again.' }).expect(201);
    const waiting = await post(w.organizer, `/plans/${plan.id}/outcome`, { decision: 'proceed', summary: 'Go' }).expect(409);
    expect(waiting.body.error.code).toBe('APPEAL_PENDING');
    await hide(moderator2, r.id).expect(200); // the appeal refused: hidden, and needing no answer
    await post(w.organizer, `/plans/${plan.id}/outcome`, { decision: 'proceed', summary: 'Go' }).expect(201);
  });

  it('refuses the moderator overturned on appeal to hide the restored remark again (SAME_MODERATOR); another moderator or an administrator may', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const r = await createRemark(t, plan.id, author.user.id, { body: 'Sharp criticism', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    await hide(moderator, r.id).expect(200);
    await post(author, `/remarks/${r.id}/appeal`, { text: 'It is criticism, not an insult.' }).expect(201);
    await keep(moderator2, r.id, 'Criticism of the plan.').expect(200);
    // the overturned moderator: refused, and the decision page says so
    expect((await get(moderator, `/remarks/${r.id}/moderation`).expect(200)).body.canDecide).toBe(false);
    expect((await hide(moderator, r.id).expect(409)).body.error.code).toBe('SAME_MODERATOR');
    const [{ hidden_at: stillPublic }] = await t.db.query(`SELECT hidden_at FROM remarks WHERE id = $1`, [r.id]);
    expect(stillPublic).toBeNull();
    // the moderator who restored it, and an administrator, may decide
    expect((await get(moderator2, `/remarks/${r.id}/moderation`).expect(200)).body.canDecide).toBe(true);
    expect((await get(admin, `/remarks/${r.id}/moderation`).expect(200)).body.canDecide).toBe(true);
    await hide(admin, r.id, 'spam', 'Now it is advertising.').expect(200);

    // a restoration without an appeal does not bar the moderator who hid the remark
    const s = await createRemark(t, plan.id, author.user.id, { body: 'Another remark', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    await hide(moderator, s.id).expect(200);
    await keep(moderator2, s.id, 'Not an insult.').expect(200);
    expect((await get(moderator, `/remarks/${s.id}/moderation`).expect(200)).body.canDecide).toBe(true);
    await hide(moderator, s.id).expect(200);
  });

  it('makes the outcome wait while a hidden remark may still be appealed (409 APPEAL_WINDOW_OPEN with closesAt)', async () => {
    at('2027-03-10T10:00:00+05:00');
    const plan = await createPlan(t, w, STAGE2_CLOSED);
    const first = await createRemark(t, plan.id, author.user.id, {
      body: 'Insulting words',
      stage: 2,
      createdAt: new Date('2027-03-05T10:00:00+05:00'),
      answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
    });
    const second = await createRemark(t, plan.id, other.user.id, {
      body: 'More insulting words',
      stage: 2,
      createdAt: new Date('2027-03-05T11:00:00+05:00'),
      answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
    });
    await hide(moderator, first.id).expect(200);
    at('2027-03-11T10:00:00+05:00');
    await hide(moderator, second.id).expect(200);
    const calendar = await t.app.get(CalendarService).calendar();
    const firstCloses = appealClosesAt(new Date('2027-03-10T10:00:00+05:00'), TZ, calendar, t.config.procedure);
    const closesAt = appealClosesAt(new Date('2027-03-11T10:00:00+05:00'), TZ, calendar, t.config.procedure);
    expect(closesAt.getTime()).toBeGreaterThan(firstCloses.getTime());

    // the window that closes last is the one the outcome waits for
    const publish = () =>
      t.http
        .post(`${API}/plans/${plan.id}/outcome`)
        .set(auth(w.organizer))
        .set('Accept-Language', 'en')
        .send({ decision: 'proceed', summary: 'Go' });
    const waiting = await publish().expect(409);
    expect(waiting.body.error).toMatchObject({ code: 'APPEAL_WINDOW_OPEN', closesAt: closesAt.toISOString() });
    expect(waiting.body.error.message).toContain(
      `may still appeal until ${DateTime.fromJSDate(closesAt, { zone: TZ }).toFormat('yyyy-MM-dd HH:mm')} (${TZ})`,
    );
    // the organizer's outcome form says so next to the form
    const session = `session=${t.app.get(TokenService).sign(w.organizer.user.id).token}`;
    const formPage = await t.http
      .get(`/organizer/plans/${plan.id}/outcome`)
      .set('cookie', session)
      .set('accept-language', 'en')
      .expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(formPage.text)![1];
    const refusedForm = await t.http
      .post(`/organizer/plans/${plan.id}/outcome`)
      .set('cookie', session)
      .set('accept-language', 'en')
      .type('form')
      .send({ decision: 'proceed', summary_en: 'Go', _csrf: csrf });
    expect(refusedForm.status).toBe(409);
    expect(refusedForm.text).toContain('its author may still appeal until');
    expect(refusedForm.text).toContain('>Go</textarea>'); // the form again, with what was written
    // an appealed decision waits as APPEAL_PENDING, then no longer keeps the window open
    await post(other, `/remarks/${second.id}/appeal`, { text: 'Please look again.' }).expect(201);
    expect((await publish().expect(409)).body.error.code).toBe('APPEAL_PENDING');
    await hide(moderator2, second.id).expect(200);
    const firstOnly = await publish().expect(409);
    expect(firstOnly.body.error).toMatchObject({ code: 'APPEAL_WINDOW_OPEN', closesAt: firstCloses.toISOString() });
    // at the window's last moment it is still open; past it the outcome is published
    t.clock.set(firstCloses);
    expect((await publish().expect(409)).body.error.code).toBe('APPEAL_WINDOW_OPEN');
    t.clock.set(new Date(firstCloses.getTime() + 1));
    await publish().expect(201);
  });

  it('stores exactly reportsPerHour of concurrent reports by one user, and refuses a report of a remark hidden meanwhile', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        (await createRemark(t, plan.id, author.user.id, { body: `Race ${i}`, createdAt: new Date('2027-03-02T09:00:00+05:00') })).id,
      );
    }
    const racer = await createUser(t, 'citizen');
    const limit = t.config.moderation.reportsPerHour;
    t.config.moderation.reportsPerHour = 3;
    try {
      const results = await Promise.all(ids.map((id) => post(racer, `/remarks/${id}/reports`, { reason: 'spam' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM remark_reports WHERE reporter_id = $1`, [racer.user.id]);
      expect(count).toBe(3);
    } finally {
      t.config.moderation.reportsPerHour = limit;
    }
    // the same report twice at once: one stored, the other ALREADY_REPORTED
    const twice = await Promise.all([0, 1].map(() => post(other, `/remarks/${ids[0]}/reports`, { reason: 'spam' })));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(twice.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_REPORTED');

    // a report and a decision to hide at once: either the report comes first and the decision closes it,
    // or the report is refused as ALREADY_HIDDEN; never an open report on a hidden remark
    const [reported, hidden] = await Promise.all([
      post(reporter, `/remarks/${ids[1]}/reports`, { reason: 'insult' }),
      hide(moderator, ids[1]),
    ]);
    expect(hidden.status).toBe(200);
    if (reported.status !== 201) expect(reported.body.error.code).toBe('ALREADY_HIDDEN');
    const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM remark_reports WHERE remark_id = $1 AND decision_id IS NULL`, [
      ids[1],
    ]);
    expect(open).toBe(0);
    expect((await post(other, `/remarks/${ids[1]}/reports`, { reason: 'spam' }).expect(409)).body.error.code).toBe('ALREADY_HIDDEN');
  });

  it('refuses the author’s same text on the same plan in the same stage, but not in stage 2; an Idempotency-Key replay still replays', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const first = await remark(other, plan.id, 'Срок поставки слишком короткий', 'dup-1').expect(201);
    expect((await remark(other, plan.id, '  срок  ПОСТАВКИ слишком\nкороткий ').expect(409)).body.error.code).toBe('DUPLICATE_REMARK');
    expect((await remark(other, plan.id, 'Срок поставки слишком короткий', 'dup-2').expect(409)).body.error.code).toBe('DUPLICATE_REMARK');
    // the same key and text replays the original
    expect((await remark(other, plan.id, 'Срок поставки слишком короткий', 'dup-1').expect(201)).body.id).toBe(first.body.id);
    // the same text from someone else is their own remark
    await remark(reporter, plan.id, 'Срок поставки слишком короткий').expect(201);

    // stage 2: repeating an unaddressed stage-1 point is legitimate, once
    const stage2 = await createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-26T23:59:59.999+05:00'),
      noticePublishedAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-03-01T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-03-12T23:59:59.999+05:00'),
    });
    await createRemark(t, stage2.id, other.user.id, {
      body: 'Лоты слишком крупные',
      duplicateKey: remarkDuplicateKey('Лоты слишком крупные'),
    });
    const again = await remark(other, stage2.id, 'Лоты слишком крупные').expect(201);
    expect(again.body.stage).toBe(2);
    expect((await remark(other, stage2.id, 'лоты слишком  крупные').expect(409)).body.error.code).toBe('DUPLICATE_REMARK');
  });

  it('refuses the 21st remark of an author on a plan within an hour (429 RATE_LIMITED with Retry-After)', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const another = await openPlan();
    const writer = await createUser(t, 'citizen');
    for (let i = 1; i <= 20; i++) {
      await remark(writer, plan.id, `Remark number ${i}`).expect(201);
      t.clock.advance(60_000);
    }
    // 20 remarks from 10:00 to 10:19; at 10:20 the oldest leaves the hour at 11:00
    const limited = await remark(writer, plan.id, 'Remark number 21').expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe(String(40 * 60));
    await remark(writer, another.id, 'Remark number 21').expect(201); // per plan
    at('2027-03-02T11:00:00.001+05:00');
    await remark(writer, plan.id, 'Remark number 21').expect(201);
  });

  it('rate-limits reports per user and hour, and needs a verified e-mail and a visible remark', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const ids: string[] = [];
    for (let i = 0; i <= t.config.moderation.reportsPerHour; i++) {
      ids.push(
        (await createRemark(t, plan.id, author.user.id, { body: `Report me ${i}`, createdAt: new Date('2027-03-02T09:00:00+05:00') })).id,
      );
    }
    const busy = await createUser(t, 'citizen');
    for (const id of ids.slice(0, -1)) await post(busy, `/remarks/${id}/reports`, { reason: 'spam' }).expect(201);
    const limited = await post(busy, `/remarks/${ids[ids.length - 1]}/reports`, { reason: 'spam' }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBe(3600);

    const unverified = await createUser(t, 'citizen', { emailVerifiedAt: null });
    expect((await post(unverified, `/remarks/${ids[0]}/reports`, { reason: 'spam' }).expect(403)).body.error.code).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    await post(null, `/remarks/${ids[0]}/reports`, { reason: 'spam' }).expect(401);
    await post(other, `/remarks/${ids[0]}/reports`, { reason: 'nonsense' }).expect(400);
    const draft = await createPlan(t, w, { publishedAt: null, stage1ClosesAt: null, stage1CloseDate: null, hearingDeadlineDate: null });
    const onDraft = await createRemark(t, draft.id, author.user.id, { body: 'On a draft' });
    expect((await post(other, `/remarks/${onDraft.id}/reports`, { reason: 'spam' }).expect(404)).body.error.code).toBe('REMARK_NOT_FOUND');
    expect(
      (await post(other, `/remarks/00000000-0000-4000-8000-000000000000/reports`, { reason: 'spam' }).expect(404)).body.error.code,
    ).toBe('REMARK_NOT_FOUND');
  });

  it('keeps a moderator out of the organizer’s, citizen’s and council’s part, and makes moderators without organization or council', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    await remark(moderator, plan.id, 'A moderator’s remark').expect(403);
    const r = await createRemark(t, plan.id, author.user.id, { body: 'Please answer', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    await post(moderator, `/remarks/${r.id}/answer`, { body: 'Answered by a moderator?', disposition: 'explained' }).expect(403);
    await post(moderator, `/plans/${plan.id}/outcome`, { decision: 'proceed', summary: 'Go' }).expect(403);
    // a citizen cannot moderate either
    await keep(reporter, r.id).expect(403);

    const created = await post(admin, '/admin/users', {
      email: 'new-moderator@example.test',
      password: PASSWORD,
      displayName: 'New moderator',
      role: 'moderator',
      organizationId: w.organization.id,
      councilId: w.council.id,
    }).expect(201);
    const [row] = await t.db.query(`SELECT role, organization_id, council_id, email_verified_at FROM users WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row).toMatchObject({ role: 'moderator', organization_id: null, council_id: null });
    expect(row.email_verified_at).not.toBeNull();
    const me = (
      await t.http
        .get(`${API}/me`)
        .set({ Authorization: `Bearer ${t.app.get(TokenService).sign(created.body.id).token}` })
        .expect(200)
    ).body;
    expect(me).toMatchObject({ role: 'moderator', organization: null, council: null });
  });

  it('records the consent to publication given at registration', async () => {
    const withConsent = await t.http
      .post(`${API}/auth/register`)
      .send({ email: 'consenting@example.test', password: PASSWORD, displayName: 'Consenting', consent: true })
      .expect(201);
    const without = await t.http
      .post(`${API}/auth/register`)
      .send({ email: 'silent@example.test', password: PASSWORD, displayName: 'Silent' })
      .expect(201);
    await t.http
      .post(`${API}/auth/register`)
      .send({ email: 'odd@example.test', password: PASSWORD, displayName: 'Odd', consent: 'yes' })
      .expect(400);
    const rows: { id: string; consent_at: Date | null }[] = await t.db.query(
      `SELECT id, consent_at FROM users WHERE id = ANY($1::uuid[])`,
      [[withConsent.body.id, without.body.id]],
    );
    expect(rows.find((r) => r.id === withConsent.body.id)!.consent_at).not.toBeNull();
    expect(rows.find((r) => r.id === without.body.id)!.consent_at).toBeNull();
    const me = (
      await t.http
        .get(`${API}/me`)
        .set({ Authorization: `Bearer ${t.app.get(TokenService).sign(withConsent.body.id).token}` })
        .expect(200)
    ).body;
    expect(me.consentAt).toEqual(expect.any(String));
  });

  it('leaves a hidden unanswered remark out of the statistics’ unanswered figures', async () => {
    at('2027-03-02T10:00:00+05:00');
    const own = await createWorld(t, 1);
    const plan = await createPlan(t, own, STAGE1_OPEN);
    const hiddenOne = await createRemark(t, plan.id, author.user.id, {
      body: 'Hidden, unanswered',
      createdAt: new Date('2027-03-02T09:00:00+05:00'),
    });
    await createRemark(t, plan.id, author.user.id, { body: 'Public, unanswered', createdAt: new Date('2027-03-02T09:00:00+05:00') });
    const before = (await get(null, `/statistics/organizations/${own.organization.id}`).expect(200)).body;
    expect(before.remarks).toMatchObject({ received: 2, answered: 0 });
    await hide(moderator, hiddenOne.id).expect(200);
    const after = (await get(null, `/statistics/organizations/${own.organization.id}`).expect(200)).body;
    expect(after.remarks).toMatchObject({ received: 1, answered: 0 });
  });

  it('pages the queue oldest first with a keyset cursor', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    for (let i = 0; i < 3; i++) {
      const r = await createRemark(t, plan.id, author.user.id, { body: `Queue ${i}`, createdAt: new Date('2027-03-02T09:00:00+05:00') });
      t.clock.advance(1000);
      await post(reporter, `/remarks/${r.id}/reports`, { reason: 'other', text: `Why ${i}` }).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null as string | null;
    do {
      const res: { body: { items: { since: string; remarkId: string; kind: string }[]; nextCursor: string | null } } = await get(
        admin,
        `/moderation/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      seen.push(...res.body.items.map((i: { since: string; remarkId: string; kind: string }) => `${i.since} ${i.remarkId} ${i.kind}`));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    await get(admin, '/moderation/queue?cursor=nonsense').expect(400);
  });
  it('reaches reports, appeals, decisions and the author’s recent remarks through indexes', async () => {
    at('2027-03-02T10:00:00+05:00');
    const plan = await openPlan();
    const writer = await createUser(t, 'citizen');
    const r = (await remark(writer, plan.id, 'Indexed remark').expect(201)).body.id as string;
    await post(reporter, `/remarks/${r}/reports`, { reason: 'spam' }).expect(201);
    await hide(moderator, r, 'spam', 'Spam').expect(200);
    await post(writer, `/remarks/${r}/appeal`, { text: 'Not spam' }).expect(201);
    const closed = await createPlan(t, w, STAGE2_CLOSED);
    const onClosed = await createRemark(t, closed.id, author.user.id, { body: 'Hidden on a closed plan', stage: 2 });
    await hide(moderator, onClosed.id).expect(200);
    const toHide = await createRemark(t, plan.id, author.user.id, { body: 'To hide' });
    const statements = await captureStatements(t.db, async () => {
      await hide(moderator2, toHide.id, 'spam', 'Spam').expect(200);
      await post(w.organizer, `/plans/${closed.id}/outcome`, { decision: 'proceed', summary: 'Go' }).expect(409);
      await remark(writer, plan.id, 'Another indexed remark').expect(201);
      await post(
        reporter,
        `/remarks/${await createRemark(t, plan.id, author.user.id, { body: 'Report target' }).then((x) => x.id)}/reports`,
        {
          reason: 'spam',
        },
      ).expect(201);
      await get(moderator2, '/moderation/queue').expect(200);
      await get(moderator2, `/remarks/${r}/moderation`).expect(200);
      await get(null, `/plans/${plan.id}`).expect(200);
    });
    const moderationTables = /\b(remark_reports|remark_appeals|moderation_decisions)\b|AS recent_count|hidden_reason AS reason/;
    const selects = statements.filter(([sql]) => /^\s*(SELECT|WITH)/i.test(sql) && moderationTables.test(sql));
    expect(selects.length).toBeGreaterThanOrEqual(6);
    const runner = t.db.createQueryRunner();
    try {
      await runner.startTransaction();
      // with sequential scans priced out, any scan left on these tables means no index serves the query
      await runner.query('SET LOCAL enable_seqscan = off');
      for (const [sql, params] of selects) {
        const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, params);
        const text = plan.map((row) => row['QUERY PLAN']).join('\n');
        expect(`${sql}\n${text}`).not.toMatch(/Seq Scan on (remarks|remark_reports|remark_appeals|moderation_decisions)\b/);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
