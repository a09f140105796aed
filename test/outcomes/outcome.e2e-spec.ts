import { parse } from 'csv-parse/sync';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Plan } from '../../src/plans/plan.entity';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, authNow, createPlan, createRemark, createWorld } from '../reviews/fixtures';

const STAGE2 = {
  protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00'),
  reviewClosesAt: new Date('2027-03-05T23:59:59.999+05:00'),
  noticePublishedAt: new Date('2027-03-01T10:00:00+05:00'),
  stage2OpensAt: new Date('2027-03-01T10:00:00+05:00'),
  stage2ClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
};

describe('outcome and report', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-09T18:00:00+05:00' });
    w = await createWorld(t, 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the outcome while stage 2 is open or was never opened (409 STAGE2_NOT_CLOSED), and from others (403)', async () => {
    const open = await createPlan(t, w, STAGE2);
    const res = await t.http
      .post(`/api/v1/plans/${open.id}/outcome`)
      .set(w.organizer.auth)
      .send({ decision: 'proceed', summary: 'Go' })
      .expect(409);
    expect(res.body.error.code).toBe('STAGE2_NOT_CLOSED');
    const noNotice = await createPlan(t, w, { protocolPublishedAt: STAGE2.protocolPublishedAt });
    expect(
      (
        await t.http
          .post(`/api/v1/plans/${noNotice.id}/outcome`)
          .set(w.organizer.auth)
          .send({ decision: 'proceed', summary: 'Go' })
          .expect(409)
      ).body.error.code,
    ).toBe('STAGE2_NOT_CLOSED');
    const other = await createWorld(t, 0);
    expect(
      (
        await t.http
          .post(`/api/v1/plans/${open.id}/outcome`)
          .set(other.organizer.auth)
          .send({ decision: 'proceed', summary: 'Go' })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    await t.http.post(`/api/v1/plans/${open.id}/outcome`).set(w.organizer.auth).send({ decision: 'postpone', summary: 'Go' }).expect(400);
  });

  it('409 UNANSWERED_REMARKS with the count; after the answers 201, e-mails every participant once; 409 OUTCOME_EXISTS; report JSON and CSV', async () => {
    const plan = await createPlan(t, w, STAGE2);
    const alice = await createUser(t, 'citizen', { displayName: 'Әлия Сапарова' });
    const bob = await createUser(t, 'citizen', { displayName: 'Борис' });
    const follower = await createUser(t, 'citizen');
    const bystander = await createUser(t, 'citizen');
    await t.db.getRepository(PlanSubscription).save({ planId: plan.id, userId: follower.user.id, kind: 'follow' });
    const r1 = await createRemark(t, plan.id, alice.user.id, {
      body: 'Цена завышена, см. "смету", п. 3\nи п. 4',
      createdAt: new Date('2027-01-10T12:00:00+05:00'),
    });
    const r2 = await createRemark(t, plan.id, bob.user.id, { body: 'Мерзімі тым қысқа', createdAt: new Date('2027-01-11T12:00:00+05:00') });
    const r3 = await createRemark(t, plan.id, alice.user.id, {
      body: '=1+1 documentation lacks the warranty clause',
      stage: 2,
      createdAt: new Date('2027-03-02T12:00:00+05:00'),
      answerDueAt: new Date('2027-03-16T23:59:59.999+05:00'),
    });
    await answerRemark(t, r1, w.organizer.user.id, {
      body: 'Смета пересчитана',
      disposition: 'accepted',
      publishedAt: new Date('2027-01-12T10:00:00+05:00'),
    });

    // A council member's recommendations, one answered late.
    const position = await t.db.getRepository(ReviewPosition).save({
      planId: plan.id,
      memberId: w.members[1].user.id,
      position: 'endorse_with_recommendations',
      text: LocalizedText.single('ok', 'en')!,
      createdAt: new Date('2027-02-22T10:00:00+05:00'),
    });
    const [rec1, rec2] = await t.db.getRepository(Recommendation).save([
      {
        planId: plan.id,
        positionId: position.id,
        text: LocalizedText.of({ en: 'Split into lots', ru: 'Разделить на лоты' })!,
        createdAt: new Date('2027-02-22T10:00:00+05:00'),
        responseDueAt: new Date('2027-03-22T23:59:59.999+05:00'),
        respondedAt: new Date('2027-02-25T10:00:00+05:00'),
      },
      {
        planId: plan.id,
        positionId: position.id,
        text: LocalizedText.single('Extend delivery', 'en')!,
        createdAt: new Date('2027-02-22T10:00:01+05:00'),
        responseDueAt: new Date('2027-03-22T23:59:59.999+05:00'),
        respondedAt: null,
      },
    ]);
    await t.db.getRepository(RecommendationResponse).save({
      recommendationId: rec1.id,
      version: 1,
      accepted: true,
      text: LocalizedText.of({ en: 'Three lots', kk: 'Үш лот' })!,
      authorId: w.organizer.user.id,
      publishedAt: new Date('2027-02-25T10:00:00+05:00'),
      late: false,
      correctionReason: null,
    });

    t.clock.set(new Date('2027-03-10T09:00:00+05:00')); // stage 2 closed at the end of 9 March
    const organizer = authNow(t, w.organizer);
    const url = `/api/v1/plans/${plan.id}/outcome`;
    const refused = await t.http.post(url).set(organizer).send({ decision: 'amend', summary: 'Amend the spec' }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'UNANSWERED_REMARKS', message: '2 remark(s) still have no answer.' });
    const ru = await t.http.post(url).set(organizer).set('Accept-Language', 'ru').send({ decision: 'amend', summary: 'x' }).expect(409);
    expect(ru.body.error.message).toBe('Без ответа остаются замечания: 2.');

    await answerRemark(t, r2, w.organizer.user.id, {
      body: 'Срок продлён',
      disposition: 'partially_accepted',
      publishedAt: new Date('2027-02-10T10:00:00+05:00'),
      late: true,
    });
    await answerRemark(t, r3, w.organizer.user.id, {
      body: 'Гарантия добавлена',
      disposition: 'accepted',
      publishedAt: new Date('2027-03-10T08:00:00+05:00'),
    });
    await t.db.getRepository(RecommendationResponse).save({
      recommendationId: rec2.id,
      version: 1,
      accepted: false,
      text: LocalizedText.single('Not possible, the budget year ends', 'en')!,
      authorId: w.organizer.user.id,
      publishedAt: new Date('2027-03-10T08:30:00+05:00'),
      late: false,
      correctionReason: null,
    });
    await t.db.getRepository(Recommendation).update({ id: rec2.id }, { respondedAt: new Date('2027-03-10T08:30:00+05:00') });

    t.smtp.messages.length = 0;
    const created = await t.http
      .post(url)
      .set(organizer)
      .set('Accept-Language', 'en')
      .send({ decision: 'amend', summary: { en: 'Amend the technical specification', kk: 'Техникалық ерекшелікті өзгерту' } })
      .expect(201);
    expect(created.body).toMatchObject({
      version: 1,
      decision: 'amend',
      summary: 'Amend the technical specification',
      i18n: { summary: { en: 'Amend the technical specification', kk: 'Техникалық ерекшелікті өзгерту', ru: null } },
      publishedAt: new Date('2027-03-10T09:00:00+05:00').toISOString(),
    });
    expect((await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id })).outcomePublishedAt?.toISOString()).toBe(
      created.body.publishedAt,
    );
    expect((await t.http.post(url).set(organizer).send({ decision: 'proceed', summary: 'again' }).expect(409)).body.error.code).toBe(
      'OUTCOME_EXISTS',
    );
    await t.http.get(url).expect(200);

    await t.flushMail();
    // The review's period ended on 5 March without the sweep: the first attempt closed it ('deadline'),
    // so the council's members (and the organizer) also got its conclusion, once.
    expect(await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId: plan.id })).toMatchObject({ closedBy: 'deadline' });
    for (const who of [alice, bob, follower, ...w.members]) {
      const mails = t.smtp.to(who.user.email).filter((m) => !m.subject?.startsWith('Council conclusion'));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain('Outcome of the discussion');
      expect(mails[0].text).toContain('amend the plan or documentation');
    }
    for (const who of [w.organizer, ...w.members]) {
      expect(t.smtp.to(who.user.email).filter((m) => m.subject?.startsWith('Council conclusion'))).toHaveLength(1);
    }
    expect(t.smtp.to(bystander.user.email)).toHaveLength(0);
    // news for remark authors and followers (List-Unsubscribe, issue 17); the council's office business for its members
    const oneClick = (who: { user: { email: string } }) =>
      t.smtp
        .to(who.user.email)
        .filter((m) => m.subject?.includes('Outcome of the discussion'))
        .map((m) => m.headerLines.some((h) => h.key === 'list-unsubscribe-post'));
    for (const who of [alice, bob, follower]) expect(oneClick(who)).toEqual([true]);
    for (const who of w.members) expect(oneClick(who)).toEqual([false]);

    // Report, JSON
    const report = await t.http.get(`/api/v1/plans/${plan.id}/report`).set('Accept-Language', 'en').expect(200);
    expect(report.body.plan).toEqual({ id: plan.id, title: plan.title.text('en'), i18n: { title: plan.title.toJSON() } });
    const answerI18n = (ru: string) => ({ answer: { kk: null, ru, en: null } });
    expect(report.body.remarks).toEqual([
      {
        id: r1.id,
        stage: 1,
        authorName: 'Әлия Сапарова',
        body: r1.body,
        createdAt: r1.createdAt.toISOString(),
        disposition: 'accepted',
        answer: 'Смета пересчитана',
        i18n: answerI18n('Смета пересчитана'),
        answeredAt: new Date('2027-01-12T10:00:00+05:00').toISOString(),
        late: false,
        verdict: null,
        hidden: null,
      },
      {
        id: r2.id,
        stage: 1,
        authorName: 'Борис',
        body: 'Мерзімі тым қысқа',
        createdAt: r2.createdAt.toISOString(),
        disposition: 'partially_accepted',
        answer: 'Срок продлён',
        i18n: answerI18n('Срок продлён'),
        answeredAt: new Date('2027-02-10T10:00:00+05:00').toISOString(),
        late: true,
        verdict: null,
        hidden: null,
      },
      {
        id: r3.id,
        stage: 2,
        authorName: 'Әлия Сапарова',
        body: r3.body,
        createdAt: r3.createdAt.toISOString(),
        disposition: 'accepted',
        answer: 'Гарантия добавлена',
        i18n: answerI18n('Гарантия добавлена'),
        answeredAt: new Date('2027-03-10T08:00:00+05:00').toISOString(),
        late: false,
        verdict: null,
        hidden: null,
      },
    ]);
    expect(report.body.recommendations).toEqual([
      expect.objectContaining({
        id: rec1.id,
        text: 'Split into lots',
        accepted: true,
        response: 'Three lots',
        late: false,
        i18n: {
          text: { en: 'Split into lots', ru: 'Разделить на лоты', kk: null },
          response: { en: 'Three lots', kk: 'Үш лот', ru: null },
        },
      }),
      expect.objectContaining({
        id: rec2.id,
        text: 'Extend delivery',
        accepted: false,
        response: 'Not possible, the budget year ends',
        late: false,
      }),
    ]);
    expect(report.body.outcome).toMatchObject({ decision: 'amend', summary: 'Amend the technical specification' });
    expect(JSON.stringify(report.body)).not.toContain('@example.test');

    // Report, CSV (by query and by Accept)
    const csvIn = (lang: string) =>
      t.http
        .get(`/api/v1/plans/${plan.id}/report?format=csv`)
        .set('Accept-Language', lang)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
    const csv = await csvIn('en');
    expect(csv.headers['content-language']).toBe('en');
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toContain('.csv');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'type,id,stage,author,text,created_at,disposition,answer,answered_at,late,verdict,verdict_reason,verdict_version',
    );
    expect(text).toContain(
      `remark,${r1.id},1,Әлия Сапарова,"Цена завышена, см. ""смету"", п. 3\nи п. 4",${r1.createdAt.toISOString()},accepted,Смета пересчитана,`,
    );
    expect(text).toContain(
      `remark,${r2.id},1,Борис,Мерзімі тым қысқа,${r2.createdAt.toISOString()},partially_accepted,Срок продлён,${new Date('2027-02-10T10:00:00+05:00').toISOString()},true,,,\r\n`,
    );
    expect(text).toContain(`remark,${r3.id},2,Әлия Сапарова,'=1+1 documentation lacks the warranty clause,`);
    expect(text).toContain(`recommendation,${rec2.id},,`);
    expect(text).toContain('Extend delivery,,rejected,"Not possible, the budget year ends"');
    expect(text).toContain('outcome,,,,Amend the technical specification,');
    expect(text.endsWith('\r\n')).toBe(true);
    // Published texts in the reader's language: the Kazakh reader gets the Kazakh summary and response;
    // a missing version falls back (kk→ru→en, ru→kk→en)
    const kk = ((await csvIn('kk')).body as Buffer).toString('utf8');
    expect(kk).toContain('outcome,,,,Техникалық ерекшелікті өзгерту,');
    expect(kk).toContain(`recommendation,${rec1.id},,Member 2,Разделить на лоты,,accepted,Үш лот,`);
    expect(kk).toContain(`recommendation,${rec2.id},,Member 2,Extend delivery,,rejected,`);
    const inRussian = ((await csvIn('ru')).body as Buffer).toString('utf8');
    expect(inRussian).toContain(`recommendation,${rec1.id},,Member 2,Разделить на лоты,,accepted,Үш лот,`);
    expect(inRussian).toContain('outcome,,,,Техникалық ерекшелікті өзгерту,');
    const viaAccept = await t.http.get(`/api/v1/plans/${plan.id}/report`).set('Accept', 'text/csv').expect(200);
    expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);

    // ?separator=semicolon, for Excel in a Russian or Kazakh locale: the same cells, split on semicolons
    const semicolons = await t.http.get(`/api/v1/plans/${plan.id}/report?format=csv&separator=semicolon`).set('Accept-Language', 'en');
    expect(semicolons.status).toBe(200);
    const parsed = (body: string, delimiter: string): string[][] => parse(body, { bom: true, delimiter, relax_column_count: false });
    expect(parsed(semicolons.text, ';')).toEqual(parsed(text, ','));
    expect(semicolons.text.split('\r\n')[0]).toBe(
      '\uFEFFtype;id;stage;author;text;created_at;disposition;answer;answered_at;late;verdict;verdict_reason;verdict_version',
    );
    expect(semicolons.text).toContain('"Not possible, the budget year ends"');
    const explicitComma = await t.http.get(`/api/v1/plans/${plan.id}/report?format=csv&separator=comma`).set('Accept-Language', 'en');
    expect(explicitComma.text.slice(1)).toBe(text);
    const badSeparator = await t.http
      .get(`/api/v1/plans/${plan.id}/report?format=csv&separator=tab`)
      .set('Accept-Language', 'ru')
      .expect(400);
    expect(badSeparator.body.error.code).toBe('VALIDATION_FAILED');
    expect(badSeparator.body.error.details).toEqual([
      expect.objectContaining({ field: 'separator', message: expect.stringContaining('недопустимое значение') }),
    ]);
  });
});
