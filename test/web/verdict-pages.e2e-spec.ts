import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';
import { publishedPlan } from '../remarks/published-plan';
import { untimed } from '../support/page-text';

const API = '/api/v1';

/** The hidden CSRF token of the form posting to `action` (or of the page's first form). */
function csrfOf(page: string, action?: string): string {
  const scope = action ? page.slice(page.indexOf(`action="${action}"`)) : page;
  const match = /name="_csrf" value="([^"]+)"/.exec(scope);
  if (!match) throw new Error(`no CSRF field${action ? ` in the form of ${action}` : ''}`);
  return match[1];
}

describe('verdict pages: the e-mail link, the plan page and my remarks', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let stranger: CreatedUser;
  let planId: string;
  let remarkId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Aigerim S.', locale: 'ru' });
    stranger = await createUser(t, 'citizen', { displayName: 'Someone else' });
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const r = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(authNow(t, author))
      .send({ body: 'Split the lot in two', language: 'en' })
      .expect(201);
    remarkId = r.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const agent = (): TestAgent => request.agent(t.app.getHttpServer());
  const verdictRows = async (): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM answer_verdicts WHERE remark_id = $1`, [remarkId]))[0].n;

  async function signIn(who: CreatedUser, next: string): Promise<{ a: TestAgent; location: string }> {
    const a = agent();
    const form = await a.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const res = await a
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/login'), email: who.user.email, password: PASSWORD, next })
      .expect(303);
    return { a, location: String(res.headers.location) };
  }

  it('sends a signed-out reader to sign in and back to the link; before the answer the page says so', async () => {
    const out = await agent().get(`/remarks/${remarkId}/verdict`).expect(303);
    expect(out.headers.location).toBe(`/login?next=${encodeURIComponent(`/remarks/${remarkId}/verdict`)}`);
    const { a, location } = await signIn(author, `/remarks/${remarkId}/verdict`);
    expect(location).toBe(`/remarks/${remarkId}/verdict`);
    const page = await a.get(location).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('This remark has no answer yet: you can judge it once the organizer publishes one.');
    expect(page.text).not.toContain('verdict-form-');
    expect((await agent().get(`/remarks/not-a-uuid/verdict`).set('Cookie', '').expect(303)).headers.location).toContain('/login');
  });

  it('GET shows the remark, the answer and the form and changes nothing; POST records through the API’s rules', async () => {
    t.clock.set(new Date('2027-03-17T10:00:00+05:00'));
    await t.http
      .post(`${API}/remarks/${remarkId}/answer`)
      .set(authNow(t, organizer))
      .send({
        body: { en: 'The lot stays whole: one contractor is responsible.', ru: 'Лот остаётся целым: отвечает один подрядчик.' },
        disposition: 'rejected',
      })
      .expect(201);
    await t.flushMail();
    const [mail] = t.smtp.to(author.user.email);
    const link = /http:\/\/talqylau\.test(\/remarks\/[0-9a-f-]+\/verdict)/.exec(mail.text as string)![1];
    expect(link).toBe(`/remarks/${remarkId}/verdict`);
    expect(mail.text).toContain('До 2027-04-05 23:59 (Asia/Almaty) вы можете');

    const { a } = await signIn(author, link);
    const page = await a.get(link).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<h1>Your verdict on the answer</h1>');
    expect(page.text).toContain('Split the lot in two');
    expect(page.text).toContain('The lot stays whole: one contractor is responsible.');
    expect(page.text).toContain('not an appeal or a complaint under the Administrative Procedural Code');
    expect(untimed(page.text)).toContain('You can give or change your verdict until 5 April 2027');
    expect(page.text).toContain(`<input type="hidden" name="answerVersion" value="1">`);
    await a.get(link).expect(200);
    expect(await verdictRows()).toBe(0);

    // without the CSRF token
    await a.post(link).type('form').send({ verdict: 'formal', reason: 'Does not answer the remark.' }).expect(403);
    // field errors, in the reader's language, shown on the form
    const csrf = csrfOf(page.text, link);
    const missing = await a
      .post(link)
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ _csrf: csrf, verdict: 'formal', reason: ' ', answerVersion: '1' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Укажите причину: от 10 до 2000 символов');
    expect(missing.text).toContain('aria-invalid="true"');
    const none = await a.post(link).set('Accept-Language', 'kk').type('form').send({ _csrf: csrf, reason: '', answerVersion: '1' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Дәлелді немесе формальды деп таңдаңыз');
    expect(await verdictRows()).toBe(0);

    const ok = await a
      .post(link)
      .type('form')
      .send({ _csrf: csrf, verdict: 'formal', reason: 'The answer ignores the cost of one big lot.', answerVersion: '1', from: 'page' })
      .expect(303);
    expect(ok.headers.location).toBe(`${link}?done=verdict`);
    const after = await a.get(String(ok.headers.location)).set('Accept-Language', 'en').expect(200);
    expect(after.text).toContain('Your verdict is published.');
    expect(after.text).toContain('formal (version 1,');
    expect(after.text).toContain('Change my verdict');
    expect(await verdictRows()).toBe(1);
  });

  it('shows the verdict beside the answer to everyone, and the form to the author on the plan page and in my remarks', async () => {
    const anon = await agent().get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    expect(anon.text).toContain('The author’s verdict:');
    expect(untimed(anon.text)).toContain('formal (version 1, 17 March 2027');
    expect(anon.text).toContain('The answer ignores the cost of one big lot.');
    expect(anon.text).not.toContain('verdict-form-');

    const { a } = await signIn(author, `/plans/${planId}`);
    const plan = await a.get(`/plans/${planId}`).set('Accept-Language', 'ru').expect(200);
    expect(plan.text).toContain(`id="verdict-form-${remarkId}"`);
    expect(plan.text).toContain('Изменить оценку');
    const viaPlan = await a
      .post(`/remarks/${remarkId}/verdict`)
      .type('form')
      .send({ _csrf: csrfOf(plan.text, `/remarks/${remarkId}/verdict`), verdict: 'reasoned', reason: '', answerVersion: '1', from: 'plan' })
      .expect(303);
    expect(viaPlan.headers.location).toBe(`/plans/${planId}?done=verdict#remark-${remarkId}`);
    const back = await a.get(`/plans/${planId}?done=verdict`).set('Accept-Language', 'ru').expect(200);
    expect(back.text).toContain('Ваша оценка опубликована.');
    expect(back.text).toContain('мотивированный (версия 1,');

    const mine = await a.get('/my/remarks').set('Accept-Language', 'kk').expect(200);
    expect(mine.text).toContain(`id="verdict-form-${remarkId}"`);
    expect(mine.text).toContain('дәлелді (1-нұсқа,');
    const viaMine = await a
      .post(`/remarks/${remarkId}/verdict`)
      .type('form')
      .send({
        _csrf: csrfOf(mine.text, `/remarks/${remarkId}/verdict`),
        verdict: 'formal',
        reason: 'Still no reasons given here.',
        answerVersion: '1',
        from: 'my',
      })
      .expect(303);
    expect(viaMine.headers.location).toBe(`/my/remarks?done=verdict#remark-${remarkId}`);
    expect(await verdictRows()).toBe(3);

    const other = await signIn(stranger, `/remarks/${remarkId}/verdict`);
    const theirs = await other.a.get(`/remarks/${remarkId}/verdict`).set('Accept-Language', 'en').expect(200);
    expect(theirs.text).toContain('Only the author of the remark can give a verdict on its answer.');
    expect(theirs.text).not.toContain('verdict-form-');
    const refused = await other.a
      .post(`/remarks/${remarkId}/verdict`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfOf(theirs.text), verdict: 'reasoned', answerVersion: '1' })
      .expect(403);
    expect(refused.text).toContain('Only the author of the remark can do this.');
    const planOfOther = await other.a.get(`/plans/${planId}`).expect(200);
    expect(planOfOther.text).not.toContain('verdict-form-');
    expect(await verdictRows()).toBe(3);
  });

  it('shows a stale version and a closed window on the form, in the reader’s language', async () => {
    const { a } = await signIn(author, `/remarks/${remarkId}/verdict`);
    const page = await a.get(`/remarks/${remarkId}/verdict`).expect(200);
    const csrf = csrfOf(page.text, `/remarks/${remarkId}/verdict`);
    t.clock.set(new Date('2027-03-18T11:00:00+05:00'));
    await t.http
      .post(`${API}/remarks/${remarkId}/answer/corrections`)
      .set(authNow(t, organizer))
      .send({
        body: { en: 'The lot is split in two after all.', ru: 'Лот всё же делится на два.' },
        disposition: 'accepted',
        reason: { en: 'Reconsidered', ru: 'Пересмотрено' },
      })
      .expect(201);
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain('У ответа новая версия (2). Пожалуйста, оцените её снова');

    const stale = await a
      .post(`/remarks/${remarkId}/verdict`)
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ _csrf: csrf, verdict: 'reasoned', answerVersion: '1' })
      .expect(409);
    expect(stale.text).toContain('Ответ исправлен после того, как вы его прочли (последняя версия: 2)');
    expect(stale.text).toContain('<p class="body">Лот всё же делится на два.</p>'); // the correction, in the reader's language
    expect(stale.text).toContain(`<input type="hidden" name="answerVersion" value="2">`);
    expect(stale.text).toContain('role="alert"');

    t.clock.set(new Date('2027-04-07T00:00:00+05:00'));
    const closed = await a
      .post(`/remarks/${remarkId}/verdict`)
      .set('Accept-Language', 'kk')
      .type('form')
      .send({ _csrf: csrf, verdict: 'reasoned', answerVersion: '2' })
      .expect(409);
    expect(closed.text).toContain('Бұл жауапты бағалау мерзімі 2027-04-06 23:59 (Asia/Almaty) аяқталды.');
    const later = await a.get(`/remarks/${remarkId}/verdict`).set('Accept-Language', 'en').expect(200);
    expect(untimed(later.text)).toContain('The time to judge this version of the answer ended 6 April 2027');
    expect(later.text).not.toContain('verdict-form-');
    expect((await a.get(`/plans/${planId}`).expect(200)).text).not.toContain('verdict-form-');
  });

  it('the plan page links the organizer to the correction form, which refuses an unchanged answer by its field; a real one asks the author again, e-mailed once', async () => {
    const { a } = await (async () => {
      const b = agent();
      const form = await b.get(`/login?next=${encodeURIComponent(`/plans/${planId}`)}`).expect(200);
      await b
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(form.text, '/login'), email: organizer.user.email, password: PASSWORD, next: `/plans/${planId}` })
        .expect(303);
      return { a: b };
    })();
    const plan = await a.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    const action = `/organizer/remarks/${remarkId}/correction`;
    expect(plan.text).toContain(`<a href="${action}">Correct the answer</a>`);
    const page = await a.get(action).set('Accept-Language', 'en').expect(200);
    const csrf = csrfOf(page.text, action);
    const mailsBefore = t.smtp.to(author.user.email).length;

    const same = await a.post(action).set('Accept-Language', 'ru').type('form').send({
      _csrf: csrf,
      disposition: 'accepted',
      body_en: '  The lot is split in two after all. ',
      body_ru: 'Лот всё же делится на два.',
      reason_en: 'Typo',
      reason_ru: 'Опечатка',
    });
    expect(same.status).toBe(422);
    expect(same.text).toContain('Исправление должно менять текст ответа или решение по замечанию.');
    expect(same.text).toContain('id="body-error"');
    const noReason = await a.post(action).type('form').send({
      _csrf: csrf,
      disposition: 'accepted',
      body_en: 'The lot is split in three.',
      body_ru: 'Лот делится на три части.',
      reason_en: '',
    });
    expect(noReason.status).toBe(400);

    // the author's window of version 2 has closed; version 3 opens a new one
    const ok = await a
      .post(action)
      .type('form')
      .send({
        _csrf: csrf,
        disposition: 'partially_accepted',
        body_en: 'The lot is split in two for the next year only.',
        body_ru: 'Лот делится на два только на следующий год.',
        reason_en: 'Budget',
        reason_ru: 'Бюджет',
      })
      .expect(303);
    expect(ok.headers.location).toBe('/organizer/remarks?done=corrected#council-findings');
    const history = await t.http.get(`/plans/${planId}`).set('Accept-Language', 'en').expect(200);
    expect(history.text).toContain('Earlier versions of the answer (2)');
    expect(history.text).toContain('Reason for the correction: Budget');
    expect(history.text).toContain(`id="answer-${remarkId}-v1"`);
    expect(history.text).toMatch(new RegExp(`id="verdict-of-${remarkId}-v1">[\\s\\S]*?formal \\(version 1,`));
    await t.flushMail();
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.text).toContain('У ответа новая версия (3). Пожалуйста, оцените её снова');
    const { a: authorAgent } = await signIn(author, `/remarks/${remarkId}/verdict`);
    const again = await authorAgent.get(`/remarks/${remarkId}/verdict`).expect(200);
    expect(again.text).toContain(`id="verdict-form-${remarkId}"`);
    expect(again.text).toContain(`<input type="hidden" name="answerVersion" value="3">`);
  });
});
