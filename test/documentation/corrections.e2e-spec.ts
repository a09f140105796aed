import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Plan } from '../../src/plans/plan.entity';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { createPlan, createRemark, createWorld, sha256 } from '../reviews/fixtures';

const DOCS = [{ title: 'Техническая спецификация', url: 'https://goszakup.gov.kz/docs/spec.pdf', sha256: sha256('spec') }];
const FIXED_DOCS = [
  { title: 'Техническая спецификация (ред. 2)', url: 'https://goszakup.gov.kz/docs/spec-2.pdf', sha256: sha256('spec-2') },
  { title: 'Проект договора', url: 'https://goszakup.gov.kz/docs/contract.pdf', sha256: sha256('contract') },
];

/** Corrections of the notice and of the outcome are new public versions; the originals stay. */
describe('corrections of the notice and the outcome', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a corrected notice is version 2 with its reason, v1 stays in the history, the stage 2 window does not move, participants are told', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00') });
    const url = `/api/v1/plans/${plan.id}/notice`;
    const before = await t.http
      .post(`${url}/corrections`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS, reason: 'Typo' })
      .expect(409);
    expect(before.body.error.code).toBe('NOTICE_NOT_PUBLISHED');

    const author = await createUser(t, 'citizen', { locale: 'kk' });
    const follower = await createUser(t, 'citizen');
    await createRemark(t, plan.id, author.user.id, { body: 'Смета завышена' });
    await t.db.getRepository(PlanSubscription).save({ planId: plan.id, userId: follower.user.id, kind: 'follow' });
    const published = await t.http
      .post(url)
      .set(w.organizer.auth)
      .set('Content-Language', 'ru')
      .send({ noticeNumber: 'N-1', documents: DOCS })
      .expect(200);
    await t.flushMail();
    t.smtp.messages.length = 0;

    const other = await createWorld(t, 0);
    expect(
      (
        await t.http
          .post(`${url}/corrections`)
          .set(other.organizer.auth)
          .send({ noticeNumber: 'N-1', documents: FIXED_DOCS, reason: 'x' })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    expect(
      (await t.http.post(`${url}/corrections`).set(w.organizer.auth).send({ noticeNumber: 'N-1', documents: FIXED_DOCS }).expect(400)).body
        .error.code,
    ).toBe('VALIDATION_FAILED');

    t.clock.advance(60 * 60 * 1000);
    const fixed = await t.http
      .post(`${url}/corrections`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1/2', documents: FIXED_DOCS, reason: 'The specification was replaced by its second edition' })
      .expect(201);
    expect(fixed.body).toMatchObject({
      version: 2,
      noticeNumber: 'N-1/2',
      correctionReason: 'The specification was replaced by its second edition',
    });
    expect(fixed.body.stage2).toEqual({ opensAt: published.body.opensAt, closesAt: published.body.closesAt });
    expect(fixed.body.versions.map((v: { version: number; noticeNumber: string }) => [v.version, v.noticeNumber])).toEqual([
      [1, 'N-1'],
      [2, 'N-1/2'],
    ]);
    // the organizer wrote the titles in Russian (Content-Language), the reason in their account's language
    expect(fixed.body.versions[0].documents).toEqual(DOCS.map((d) => ({ ...d, i18n: { title: { kk: null, ru: d.title, en: null } } })));
    expect(fixed.body.i18n).toEqual({
      correctionReason: { kk: null, ru: null, en: 'The specification was replaced by its second edition' },
    });

    const stored = await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    expect(stored.stage2ClosesAt?.toISOString()).toBe(published.body.closesAt);
    const detail = await t.http.get(`/api/v1/plans/${plan.id}`).expect(200);
    expect(detail.body.notice).toMatchObject({ version: 2, documents: FIXED_DOCS });
    expect(detail.body.notice.versions).toHaveLength(2);

    await t.flushMail();
    const kk = t.smtp.to(author.user.email);
    expect(kk).toHaveLength(1);
    expect(kk[0].subject).toContain('Түзетілген хабарлама');
    expect(kk[0].text).toContain('The specification was replaced by its second edition');
    // the Kazakh reader is told the reason exists only in English
    expect(kk[0].text).toContain('(аудармасы әлі жоқ; көрсетілген тіл: ағылшын тілі)');
    expect(kk[0].html).toContain('<blockquote lang="en"');
    expect(t.smtp.to(follower.user.email)).toHaveLength(1);
    expect(t.smtp.to(follower.user.email)[0].subject).toContain('Corrected notice');
  });

  it('a corrected outcome is version 2 with its reason, v1 stays, everyone told again; refused before the outcome and from others', async () => {
    // the outcome waits for the council's review: the chair closes it first
    const plan = await createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-05T10:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-19T23:59:59.999+05:00'),
      noticePublishedAt: new Date('2027-02-10T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-02-10T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
    });
    await t.http.post(`/api/v1/plans/${plan.id}/review/close`).set(w.chair.auth).expect(200);
    const url = `/api/v1/plans/${plan.id}/outcome`;
    expect(
      (await t.http.post(`${url}/corrections`).set(w.organizer.auth).send({ decision: 'cancel', summary: 'x', reason: 'y' }).expect(409))
        .body.error.code,
    ).toBe('OUTCOME_NOT_PUBLISHED');
    const follower = await createUser(t, 'citizen', { locale: 'ru' });
    await t.db.getRepository(PlanSubscription).save({ planId: plan.id, userId: follower.user.id, kind: 'follow' });
    await t.http.post(url).set(w.organizer.auth).send({ decision: 'proceed', summary: 'Proceed as planned' }).expect(201);
    await t.flushMail();
    t.smtp.messages.length = 0;

    expect(
      (await t.http.post(`${url}/corrections`).set(w.members[0].auth).send({ decision: 'cancel', summary: 'x', reason: 'y' }).expect(403))
        .body.error.code,
    ).toBe('FORBIDDEN');
    t.clock.advance(60 * 60 * 1000);
    const fixed = await t.http
      .post(`${url}/corrections`)
      .set(w.organizer.auth)
      .send({
        decision: 'cancel',
        summary: 'The procurement is cancelled: the budget was withdrawn',
        reason: 'The budget line was withdrawn after publication',
      })
      .expect(201);
    expect(fixed.body).toMatchObject({
      version: 2,
      decision: 'cancel',
      correctionReason: 'The budget line was withdrawn after publication',
    });
    expect(fixed.body.versions.map((v: { decision: string }) => v.decision)).toEqual(['proceed', 'cancel']);
    const report = await t.http.get(`/api/v1/plans/${plan.id}/report`).expect(200);
    expect(report.body.outcome).toMatchObject({ version: 2, decision: 'cancel' });

    await t.flushMail();
    const ru = t.smtp.to(follower.user.email);
    expect(ru).toHaveLength(1);
    expect(ru[0].subject).toContain('Исправленный итог обсуждения');
    expect(ru[0].text).toContain('отменить закупку');
    for (const member of w.members) expect(t.smtp.to(member.user.email)).toHaveLength(1);
  });
});
