import { CalendarService } from '../../src/calendar/calendar.service';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import { ReviewSweepService } from '../../src/reviews/review-sweep.service';
import { recommendationResponseDueAt, reviewClosesAt } from '../../src/procedure/deadlines';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from './fixtures';
import { authNow, createPlan, createWorld } from './fixtures';

const PROTOCOL_AT = new Date('2027-02-03T15:00:00+05:00');

describe('council review', () => {
  let t: TestApp;
  let w: World;
  let closesAt: Date;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-05T10:00:00+05:00' });
    w = await createWorld(t, 3);
    const cal = await t.app.get(CalendarService).calendar();
    closesAt = reviewClosesAt(PROTOCOL_AT, 'Asia/Almaty', cal, t.config.procedure);
  });
  afterAll(async () => {
    await t.close();
  });

  const reviewedPlan = () => createPlan(t, w, { protocolPublishedAt: PROTOCOL_AT, reviewClosesAt: closesAt });

  it('the review period is 10 working days after the protocol (Nauryz-free February: 17 February)', () => {
    expect(closesAt.toISOString()).toBe(new Date('2027-02-17T23:59:59.999+05:00').toISOString());
  });

  it('refuses a non-member, a member of another council, an organizer and anonymous users', async () => {
    const plan = await reviewedPlan();
    const citizen = await createUser(t, 'citizen');
    const other = await createWorld(t, 1);
    for (const who of [citizen, other.members[0], w.organizer]) {
      const res = await t.http
        .post(`/api/v1/plans/${plan.id}/review/positions`)
        .set(who.auth)
        .send({ position: 'endorse', text: 'Fine' })
        .expect(403);
      expect(res.body.error.code).toBe('NOT_COUNCIL_MEMBER');
    }
    await t.http.post(`/api/v1/plans/${plan.id}/review/positions`).send({ position: 'endorse', text: 'Fine' }).expect(401);
  });

  it('refuses a position before the protocol is published', async () => {
    const plan = await createPlan(t, w, {}, false);
    const res = await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(w.members[1].auth)
      .send({ position: 'endorse', text: 'ok' })
      .expect(409);
    expect(res.body.error.code).toBe('PROTOCOL_NOT_PUBLISHED');
  });

  it('one position per member: a second one is 409 POSITION_EXISTS, also when sent in parallel', async () => {
    const plan = await reviewedPlan();
    await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(w.members[1].auth)
      .send({ position: 'endorse', text: 'Fine' })
      .expect(201);
    const again = await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(w.members[1].auth)
      .send({ position: 'object', text: 'Changed my mind' })
      .expect(409);
    expect(again.body.error.code).toBe('POSITION_EXISTS');
    const parallel = await Promise.all(
      [1, 2, 3, 4].map(() =>
        t.http.post(`/api/v1/plans/${plan.id}/review/positions`).set(w.members[2].auth).send({ position: 'object', text: 'No' }),
      ),
    );
    expect(parallel.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(parallel.filter((r) => r.status === 409).every((r) => r.body.error.code === 'POSITION_EXISTS')).toBe(true);
  });

  it('validates: endorse_with_recommendations needs recommendations; bad position and empty text are 400', async () => {
    const plan = await reviewedPlan();
    const url = `/api/v1/plans/${plan.id}/review/positions`;
    expect(
      (await t.http.post(url).set(w.members[1].auth).send({ position: 'endorse_with_recommendations', text: 'x' }).expect(400)).body.error
        .code,
    ).toBe('VALIDATION_FAILED');
    await t.http
      .post(url)
      .set(w.members[1].auth)
      .send({ position: 'endorse_with_recommendations', text: 'x', recommendations: [] })
      .expect(400);
    await t.http.post(url).set(w.members[1].auth).send({ position: 'maybe', text: 'x' }).expect(400);
    await t.http.post(url).set(w.members[1].auth).send({ position: 'endorse', text: '' }).expect(400);
    await t.http
      .post(url)
      .set(w.members[1].auth)
      .send({ position: 'object', text: 'No', recommendations: ['Redo the estimate'] })
      .expect(201);
  });

  it('a non-chair cannot close; the chair closes: 3 members, 2 endorse -> endorsed with quorum; e-mails organizer and members; closed afterwards', async () => {
    const plan = await reviewedPlan();
    const url = `/api/v1/plans/${plan.id}/review`;
    const created = await t.http
      .post(`${url}/positions`)
      .set(w.members[0].auth)
      .send({ position: 'endorse_with_recommendations', text: 'Good, but', recommendations: ['Publish the estimate', 'Add a warranty'] })
      .expect(201);
    const cal = await t.app.get(CalendarService).calendar();
    const due = recommendationResponseDueAt(t.clock.now(), 'Asia/Almaty', cal, t.config.procedure);
    expect(due.toISOString()).toBe(new Date('2027-03-05T23:59:59.999+05:00').toISOString());
    expect(created.body.recommendations.map((r: { responseDueAt: string }) => r.responseDueAt)).toEqual([
      due.toISOString(),
      due.toISOString(),
    ]);
    await t.http.post(`${url}/positions`).set(w.members[1].auth).send({ position: 'endorse', text: 'Fine' }).expect(201);
    await t.http.post(`${url}/positions`).set(w.members[2].auth).send({ position: 'endorse', text: 'Fine too' }).expect(201);

    const notChair = await t.http.post(`${url}/close`).set(w.members[1].auth).expect(403);
    expect(notChair.body.error.code).toBe('NOT_CHAIR');
    const otherChair = (await createWorld(t, 1)).chair;
    expect((await t.http.post(`${url}/close`).set(otherChair.auth).expect(403)).body.error.code).toBe('NOT_COUNCIL_MEMBER');

    t.smtp.messages.length = 0;
    const closed = await t.http.post(`${url}/close`).set(w.chair.auth).expect(200);
    expect(closed.body).toMatchObject({
      closedBy: 'chair',
      membersCount: 3,
      positionsCount: 3,
      counts: { endorse: 2, endorse_with_recommendations: 1, object: 0 },
      result: 'endorsed',
      quorum: true,
    });
    expect((await t.http.post(`${url}/close`).set(w.chair.auth).expect(409)).body.error.code).toBe('REVIEW_CLOSED');
    const late = await createUser(t, 'council_member', { councilId: w.council.id });
    expect((await t.http.post(`${url}/positions`).set(late.auth).send({ position: 'object', text: 'x' }).expect(409)).body.error.code).toBe(
      'REVIEW_CLOSED',
    );

    await t.flushMail();
    for (const who of [w.organizer, ...w.members]) {
      const mails = t.smtp.to(who.user.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain('Council conclusion');
      expect(mails[0].text).toContain('endorsed');
    }

    const view = await t.http.get(url).expect(200);
    expect(view.body.closesAt).toBe(closesAt.toISOString());
    expect(view.body.conclusion).toMatchObject({ result: 'endorsed', quorum: true });
    expect(view.body.positions).toHaveLength(3);
    const first = view.body.positions.find((p: { memberName: string }) => p.memberName === 'Member 1');
    expect(first).toMatchObject({ position: 'endorse_with_recommendations', text: 'Good, but' });
    expect(first.recommendations.map((r: { text: string }) => r.text)).toEqual(['Publish the estimate', 'Add a warranty']);
    expect(first.recommendations[0]).toMatchObject({ overdue: false, response: null });
    expect(view.body.recommendations).toHaveLength(2);
    expect(JSON.stringify(view.body)).not.toContain('@example.test');
  });

  it('after the period, positions are refused and the sweep closes the review once (run twice, in parallel)', async () => {
    const plan = await reviewedPlan();
    await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(w.members[1].auth)
      .send({ position: 'object', text: 'No' })
      .expect(201);
    const sweep = t.app.get(ReviewSweepService);
    expect(await sweep.runOnce()).toBe(0); // not yet due (other plans of this file are closed or not due either)
    t.clock.set(new Date(closesAt.getTime() + 1));
    try {
      const res = await t.http
        .post(`/api/v1/plans/${plan.id}/review/positions`)
        .set(authNow(t, w.members[2]))
        .send({ position: 'endorse', text: 'late' })
        .expect(409);
      expect(res.body.error.code).toBe('REVIEW_CLOSED');
      const runs = await Promise.all([sweep.runOnce(), sweep.runOnce()]);
      await sweep.runOnce();
      const conclusions = await t.db.getRepository(ReviewConclusion).find({ where: { planId: plan.id } });
      expect(conclusions).toHaveLength(1);
      expect(conclusions[0]).toMatchObject({
        closedBy: 'deadline',
        closedByUserId: null,
        result: 'objected',
        quorum: false,
        positionsCount: 1,
      });
      expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      t.smtp.messages.length = 0;
      await t.flushMail();
      const organizerMails = t.smtp.to(w.organizer.user.email).filter((m) => m.subject?.includes('Council conclusion'));
      expect(organizerMails.length).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.set(new Date('2027-02-05T10:00:00+05:00'));
    }
  });

  it('recommendation responses: organizer only, once (409 ALREADY_RESPONDED), late after the due date, member e-mailed; corrections are versions', async () => {
    const plan = await reviewedPlan();
    const created = await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(w.members[1].auth)
      .send({ position: 'endorse_with_recommendations', text: 'ok', recommendations: ['Split into lots', 'Extend the deadline'] })
      .expect(201);
    const [r1, r2] = created.body.recommendations as { id: string; responseDueAt: string }[];
    const other = await createWorld(t, 0);
    expect(
      (
        await t.http
          .post(`/api/v1/recommendations/${r1.id}/response`)
          .set(other.organizer.auth)
          .send({ accepted: true, text: 'x' })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await t.http
          .post(`/api/v1/recommendations/${r1.id}/response`)
          .set(w.members[1].auth)
          .send({ accepted: true, text: 'x' })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    await t.http
      .post('/api/v1/recommendations/00000000-0000-0000-0000-000000000000/response')
      .set(w.organizer.auth)
      .send({ accepted: true, text: 'x' })
      .expect(404);

    t.smtp.messages.length = 0;
    const onTime = await t.http
      .post(`/api/v1/recommendations/${r1.id}/response`)
      .set(w.organizer.auth)
      .send({ accepted: true, text: 'We will split it into 3 lots' })
      .expect(201);
    expect(onTime.body).toMatchObject({ version: 1, accepted: true, late: false });
    const again = await t.http
      .post(`/api/v1/recommendations/${r1.id}/response`)
      .set(w.organizer.auth)
      .send({ accepted: false, text: 'x' })
      .expect(409);
    expect(again.body.error.code).toBe('ALREADY_RESPONDED');
    const fixed = await t.http
      .post(`/api/v1/recommendations/${r1.id}/response/corrections`)
      .set(w.organizer.auth)
      .send({ accepted: true, text: 'We will split it into 4 lots', reason: 'Typo' })
      .expect(201);
    expect(fixed.body).toMatchObject({ version: 2 });
    expect(
      (
        await t.http
          .post(`/api/v1/recommendations/${r2.id}/response/corrections`)
          .set(w.organizer.auth)
          .send({ accepted: true, text: 'x', reason: 'y' })
          .expect(409)
      ).body.error.code,
    ).toBe('NOT_RESPONDED');

    const view1 = await t.http.get(`/api/v1/plans/${plan.id}/review`).expect(200);
    const rec2Before = view1.body.positions[0].recommendations.find((r: { id: string }) => r.id === r2.id);
    expect(rec2Before).toMatchObject({ overdue: false, response: null });

    t.clock.set(new Date(new Date(r2.responseDueAt).getTime() + 1));
    try {
      const view2 = await t.http.get(`/api/v1/plans/${plan.id}/review`).expect(200);
      expect(view2.body.positions[0].recommendations.find((r: { id: string }) => r.id === r2.id).overdue).toBe(true);
      const late = await t.http
        .post(`/api/v1/recommendations/${r2.id}/response`)
        .set(authNow(t, w.organizer))
        .send({ accepted: false, text: 'The deadline is fixed by law' })
        .expect(201);
      expect(late.body).toMatchObject({ late: true, accepted: false });
    } finally {
      t.clock.set(new Date('2027-02-05T10:00:00+05:00'));
    }
    const view = await t.http.get(`/api/v1/plans/${plan.id}/review`).expect(200);
    const recs = view.body.positions[0].recommendations;
    expect(recs.find((r: { id: string }) => r.id === r1.id).response).toMatchObject({
      version: 2,
      text: 'We will split it into 4 lots',
      late: false,
      correctionReason: 'Typo',
    });
    expect(recs.find((r: { id: string }) => r.id === r2.id)).toMatchObject({ overdue: false, response: { late: true, accepted: false } });

    await t.flushMail();
    const mails = t.smtp.to(w.members[1].user.email).filter((m) => /recommendation/.test(m.subject ?? ''));
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Response to your recommendation'), expect.stringContaining('Corrected response')]),
    );
    expect(mails).toHaveLength(3);
    // the dispatcher sends in parallel, so the order of arrival is not the order of the responses
    expect(mails.filter((m) => m.text?.includes('Split into lots'))).toHaveLength(2);
    expect(mails.filter((m) => m.text?.includes('The deadline is fixed by law'))).toHaveLength(1);
  });

  it("positions, recommendations and responses in kk and ru: i18n in reads, translations by index without e-mail, 409 TRANSLATION_EXISTS, e-mail in the member's language", async () => {
    const plan = await reviewedPlan();
    const member = await createUser(t, 'council_member', { councilId: w.council.id, locale: 'kk', displayName: 'Member kk' });
    const created = await t.http
      .post(`/api/v1/plans/${plan.id}/review/positions`)
      .set(member.auth)
      .set('Content-Language', 'ru')
      .send({
        position: 'endorse_with_recommendations',
        text: { kk: 'Жалпы келісемін', ru: 'В целом согласен' },
        recommendations: ['Разделить на лоты', { kk: 'Мерзімді ұзарту' }],
      })
      .expect(201);
    const [r1, r2] = created.body.recommendations as { id: string }[];
    const stored = await t.db.getRepository(Recommendation).findOneByOrFail({ id: r1.id });
    expect(stored.text.toJSON()).toEqual({ kk: null, ru: 'Разделить на лоты', en: null });

    const kkView = await t.http.get(`/api/v1/plans/${plan.id}/review`).set('Accept-Language', 'kk').expect(200);
    const mine = kkView.body.positions.find((p: { memberName: string }) => p.memberName === 'Member kk');
    expect(mine.text).toBe('Жалпы келісемін');
    expect(mine.i18n.text).toEqual({ kk: 'Жалпы келісемін', ru: 'В целом согласен', en: null });
    expect(mine.recommendations.map((r: { text: string }) => r.text)).toEqual(['Разделить на лоты', 'Мерзімді ұзарту']);
    expect(mine.recommendations[0].i18n.text).toEqual({ kk: null, ru: 'Разделить на лоты', en: null });

    // the member adds the Kazakh of the first recommendation and the Russian of the second, nothing else changes
    const url = `/api/v1/plans/${plan.id}/review/positions/mine/translations`;
    await t.http
      .put(url)
      .set(w.organizer.auth)
      .send({ text: { en: 'Agree' } })
      .expect(403);
    await t.http
      .put(url)
      .set(w.members[2].auth)
      .send({ text: { en: 'Agree' } })
      .expect(404); // no position of theirs
    const translated = await t.http
      .put(url)
      .set(member.auth)
      .set('Accept-Language', 'kk')
      .send({ recommendations: [{ kk: 'Лоттарға бөлу' }, { ru: 'Продлить срок' }] })
      .expect(200);
    expect(translated.body.recommendations.map((r: { text: string }) => r.text)).toEqual(['Лоттарға бөлу', 'Мерзімді ұзарту']);
    expect(translated.body.recommendations[1].i18n.text).toEqual({ kk: 'Мерзімді ұзарту', ru: 'Продлить срок', en: null });
    const conflict = await t.http
      .put(url)
      .set(member.auth)
      .send({ text: { ru: 'Согласен' } })
      .expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
    expect(await t.db.getRepository(ReviewPosition).countBy({ planId: plan.id })).toBe(1);

    // the organizer responds in Russian; the member (kk) gets the e-mail in Kazakh with the other language marked
    t.smtp.messages.length = 0;
    await t.http
      .post(`/api/v1/recommendations/${r1.id}/response`)
      .set(w.organizer.auth)
      .set('Content-Language', 'ru')
      .send({ accepted: true, text: 'Разделим на три лота' })
      .expect(201);
    await t.flushMail();
    const mail = t.smtp.to(member.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('№5 мектепті жөндеу');
    expect(mail[0].text).toContain('Лоттарға бөлу');
    expect(mail[0].text).toContain('Разделим на три лота');
    expect(mail[0].html).toContain('lang="ru"');

    const responseUrl = `/api/v1/recommendations/${r1.id}/response/translations`;
    await t.http
      .put(responseUrl)
      .set(member.auth)
      .send({ text: { kk: 'Үш лотқа бөлеміз' } })
      .expect(403);
    await t.http
      .put(`/api/v1/recommendations/${r2.id}/response/translations`)
      .set(w.organizer.auth)
      .send({ text: { kk: 'x' } })
      .expect(409);
    const response = await t.http
      .put(responseUrl)
      .set(w.organizer.auth)
      .set('Accept-Language', 'kk')
      .send({ text: { kk: 'Үш лотқа бөлеміз', ru: 'Разделим на три лота' } })
      .expect(200);
    expect(response.body).toMatchObject({ version: 1, text: 'Үш лотқа бөлеміз' });
    const taken = await t.http
      .put(responseUrl)
      .set(w.organizer.auth)
      .send({ text: { ru: 'Иначе' } })
      .expect(409);
    expect(taken.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
    expect(await t.db.getRepository(RecommendationResponse).countBy({ recommendationId: r1.id })).toBe(1);
    const view = await t.http.get(`/api/v1/plans/${plan.id}/review`).set('Accept-Language', 'kk').expect(200);
    const rec = view.body.recommendations.find((r: { id: string }) => r.id === r1.id);
    expect(rec.response).toMatchObject({ version: 1, text: 'Үш лотқа бөлеміз' });
    expect(rec.response.i18n.text).toEqual({ kk: 'Үш лотқа бөлеміз', ru: 'Разделим на три лота', en: null });
    await t.flushMail();
    expect(t.smtp.to(member.user.email)).toHaveLength(1); // the translations sent nothing
  });
});
