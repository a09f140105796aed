import { Answer } from '../../src/remarks/answer.entity';
import { FormalAnswerVote } from '../../src/reviews/formal-answer-vote.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import type { Plan } from '../../src/plans/plan.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The council's check through HTTP: the position form's answers to check, and the organizer's correction form. */
describe('council check pages', () => {
  let t: TestApp;
  let w: World;
  let citizen: CreatedUser;
  let plan: Plan;
  let answered: Remark;
  let unanswered: Remark;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T10:00:00+05:00' });
    w = await createWorld(t, 3);
    citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    plan = await createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-03T15:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
    });
    answered = await createRemark(t, plan.id, citizen.user.id, { body: 'The price is too high.' });
    await answerRemark(t, answered, w.organizer.user.id, {
      body: 'The price was checked against the market.',
      disposition: 'rejected',
      publishedAt: new Date('2027-01-20T10:00:00+05:00'),
    });
    unanswered = await createRemark(t, plan.id, citizen.user.id, {
      body: 'No answer yet.',
      createdAt: new Date('2027-01-11T10:00:00+05:00'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cookie = (who: CreatedUser) => `session=${who.token}`;
  const get = (path: string, who: CreatedUser, lang = 'en') => t.http.get(path).set('cookie', cookie(who)).set('accept-language', lang);

  async function post(path: string, who: CreatedUser, form: string, page: string, lang = 'en') {
    const match = /name="_csrf" value="([^"]+)"/.exec((await get(page, who)).text);
    if (!match) throw new Error(`no CSRF field on ${page}`);
    return t.http
      .post(path)
      .set('cookie', cookie(who))
      .set('accept-language', lang)
      .type('form')
      .send(`${form}&_csrf=${encodeURIComponent(match[1])}`);
  }

  it('lists only answered remarks with a checkbox; an answer that is not of this plan is refused next to the list, the choice kept', async () => {
    const page = `/council/plans/${plan.id}`;
    const form = (await get(page, w.members[1])).text;
    expect(form).toContain(`name="formalAnswers" value="${answered.id}"`);
    expect(form).not.toContain(`value="${unanswered.id}"`);
    expect(form).toContain('The price was checked against the market.');

    const refused = await post(
      `${page}/positions`,
      w.members[1],
      `position=object&text=Formal&formalAnswers=${answered.id}&formalAnswers=${unanswered.id}`,
      page,
      'kk',
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('id="formal-answers-error">Формальды деп тек осы жоспар бойынша');
    expect(refused.text).toMatch(new RegExp(`value="${answered.id}" aria-describedby="[^"]+" checked`));
    expect(await t.db.getRepository(ReviewPosition).countBy({ planId: plan.id })).toBe(0);

    const ok = await post(`${page}/positions`, w.members[1], `position=object&text=Formal&formalAnswers=${answered.id}`, page);
    expect(ok.status).toBe(303);
    expect(await t.db.getRepository(FormalAnswerVote).countBy({ planId: plan.id, remarkId: answered.id })).toBe(1);
    const after = (await get(page, w.members[1])).text;
    expect(after).toContain('Answers named formal');
    expect(after).toMatch(/<td>1<\/td>/);
  });

  it('the correction form: own answered remarks only; a reason is required; publishes a new version', async () => {
    const page = `/organizer/remarks/${answered.id}/correction`;
    const other = await createWorld(t, 0);
    expect((await get(page, other.organizer)).status).toBe(403);
    expect((await get(`/organizer/remarks/${unanswered.id}/correction`, w.organizer)).status).toBe(404);
    expect((await get('/organizer/remarks/not-a-remark/correction', w.organizer)).status).toBe(404);

    const form = await get(page, w.organizer, 'ru');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<h1>Исправление ответа</h1>');
    expect(form.text).toContain('>The price was checked against the market.</textarea>');

    // the text and the reason in Kazakh and Russian side by side (issue 15): both given, whatever the remark's language
    const corrected = `body_kk=${encodeURIComponent('Баға 10 пайызға төмендетілді.')}&body_ru=${encodeURIComponent('Цена снижена на 10 процентов.')}`;
    const noReason = await post(page, w.organizer, `disposition=accepted&${corrected}&reason_kk=&reason_ru=`, page);
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="reason-error"');
    expect(await t.db.getRepository(Answer).countBy({ remarkId: answered.id })).toBe(1);

    const done = await post(
      page,
      w.organizer,
      `disposition=accepted&${corrected}&reason_kk=${encodeURIComponent('Кеңес')}&reason_ru=${encodeURIComponent('Совет')}`,
      page,
    );
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/organizer/remarks?done=corrected#council-findings');
    expect(await t.db.getRepository(Answer).findOneByOrFail({ remarkId: answered.id, version: 2 })).toMatchObject({
      disposition: 'accepted',
    });
    expect((await t.db.getRepository(Answer).findOneByOrFail({ remarkId: answered.id, version: 2 })).correctionReason?.toJSON()).toEqual({
      kk: 'Кеңес',
      ru: 'Совет',
      en: null,
    });
    expect((await get(done.headers.location, w.organizer)).text).toContain('The corrected answer is published');
  });
});
