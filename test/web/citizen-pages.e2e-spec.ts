import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { RateLimiter } from '../../src/identity/rate-limiter';
import { User } from '../../src/identity/user.entity';
import { Plan } from '../../src/plans/plan.entity';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { RemarksService } from '../../src/remarks/remarks.service';
import { bilingual, createCouncil, createOrganization, createUser, asAuthUser } from '../support/factories';
import { seedDemoWorld } from '../support/demo-world';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { myRemarksSql } from '../../src/web/citizen/citizen-pages.repository';
import { untimed } from '../support/page-text';

/** The hidden CSRF token of the page's first POST form (or of the form posting to `action`). */
function csrfOf(page: string, action?: string): string {
  const scope = action ? page.slice(page.indexOf(`action="${action}"`)) : page;
  const match = /name="_csrf" value="([^"]+)"/.exec(scope);
  if (!match) throw new Error(`no CSRF field${action ? ` in the form of ${action}` : ''}`);
  return match[1];
}

/** The text of an element by id, tags removed and entities of the test strings decoded. */
function textOf(page: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(untimed(page));
  return match
    ? match[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .trim()
    : '';
}

/** The path and query of the first link in an e-mail's text that goes to `path`. */
function linkIn(text: string, path: string): string {
  const match = new RegExp(`http://talqylau\\.test(${path}\\?token=[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

describe('citizen pages (registration, confirmation, password reset, my remarks, following, statistics)', () => {
  let t: TestApp;
  let stage1Id: string;
  let hearingPlanId: string;
  let closedId: string;
  const email = 'Asel.Nurlanovna@example.kz';
  const password = 'Steppe-wind-2027';

  beforeAll(async () => {
    t = await startTestApp();
    const world = await seedDemoWorld(t, { healthName: 'Health department <Karaganda>' });
    ({ stage1Id, hearingPlanId, closedId } = world);
  });

  afterAll(async () => {
    await t?.close();
  });

  function agent(): TestAgent {
    return request.agent(t.app.getHttpServer());
  }

  async function signIn(a: TestAgent, address: string, secret: string): Promise<void> {
    const form = await a.get('/login').expect(200);
    await a
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text, '/login'), email: address, password: secret, next: '/my/remarks' })
      .expect(303);
  }

  describe('registration and e-mail confirmation', () => {
    it('shows a labelled form; a POST without the CSRF token is refused', async () => {
      const a = agent();
      const page = await a.get('/register').expect(200);
      expect(page.text).toContain('<h1>Registration</h1>');
      for (const id of ['email', 'displayName', 'password', 'locale']) expect(page.text).toContain(`<label for="${id}">`);
      expect(page.text.match(/<h1[ >]/g)).toHaveLength(1);
      await a.post('/register').type('form').send({ email, displayName: 'Asel', password }).expect(403);
      expect(await t.db.getRepository(User).count({ where: { emailKey: email.toLowerCase() } })).toBe(0);
    });

    it('reports each error by its field in the chosen language, keeping what was typed (escaped)', async () => {
      const a = agent();
      const form = await a.get('/register?lang=ru').expect(200);
      const res = await a
        .post('/register')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'not-an-address', displayName: '<b>Асель</b>', password: 'short' })
        .expect(400);
      expect(textOf(res.text, 'email-error')).toBe('Введите адрес электронной почты вида name@example.kz.');
      expect(textOf(res.text, 'password-error')).toBe('Пароль должен содержать от 10 до 128 символов и не быть распространённым.');
      expect(res.text).not.toContain('id="displayName-error"');
      expect(res.text).toMatch(
        /id="email" name="email" value="not-an-address"[^>]*aria-describedby="email-error email-hint"[^>]*aria-invalid="true"[^>]*autofocus/,
      );
      expect(res.text).toContain('value="&lt;b&gt;Асель&lt;/b&gt;"');
      expect(res.text).not.toContain('<b>Асель</b>');
      expect(res.text).not.toContain('value="short"'); // a password is never sent back
      expect(res.text).toContain('role="alert"');
    });

    it('registers, e-mails a link in the chosen language that confirms the address once', async () => {
      const a = agent();
      const form = await a.get('/register').expect(200);
      const res = await a
        .post('/register')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email, displayName: '  Asel N. ', password, locale: 'kk', consent: 'true' })
        .expect(200);
      expect(res.text).toContain('Check your e-mail');
      expect(res.text).toContain(`We sent an e-mail to ${email}.`);
      const user = await t.db.getRepository(User).findOneByOrFail({ emailKey: email.toLowerCase() });
      expect(user).toMatchObject({ displayName: 'Asel N.', locale: 'kk', role: 'citizen', emailVerifiedAt: null });

      await t.flushMail();
      const mail = t.smtp.to(email).at(-1)!;
      const link = linkIn(mail.text ?? '', '/verify-email');

      const confirmed = await agent().get(`${link}&lang=kk`).expect(200);
      expect(confirmed.text).toContain('Электрондық пошта мекенжайы расталды');
      expect((await t.db.getRepository(User).findOneByOrFail({ id: user.id })).emailVerifiedAt).not.toBeNull();

      const again = await agent().get(link).expect(400);
      expect(again.text).toContain('This link is invalid or has already been used.');
      expect(again.text).toContain('href="/login?next=%2Fmy%2Fremarks"');
      await agent().get('/verify-email').expect(400);
    });

    it('answers a second registration of the address as a new one ("check your e-mail") and tells the owner by e-mail', async () => {
      const a = agent();
      const form = await a.get('/register').expect(200);
      const res = await a
        .post('/register')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: `${email.toUpperCase()}\u200b`, displayName: 'Other', password, consent: 'true' })
        .expect(200);
      expect(res.text).toContain('Check your e-mail');
      expect(res.text).toContain(`We sent an e-mail to ${email.toUpperCase()}.`);
      expect(res.text).not.toContain('id="email-error"');
      expect(await t.db.getRepository(User).count({ where: { emailKey: email.toLowerCase() } })).toBe(1);
      await t.flushMail();
      const owner = t.smtp.to(email).at(-1)!;
      expect(owner.subject).toBe('Сіздің talqylau тіркелгіңіз'); // the owner chose kk
      expect(owner.text).toContain('http://talqylau.test/forgot-password');
    });

    it('refuses a display name with a phone number and says why: the name is shown publicly', async () => {
      const a = agent();
      const form = await a.get('/register').expect(200);
      const res = await a
        .post('/register')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'named@example.kz', displayName: 'Asel 8 701 234 56 78', password, consent: 'true' })
        .expect(400);
      expect(res.text).toContain('id="displayName-error"');
      expect(res.text).toContain(
        'Your name is shown publicly beside your remarks: leave out identity numbers, phone numbers and e-mail addresses.',
      );
      expect(await t.db.getRepository(User).count({ where: { emailKey: 'named@example.kz' } })).toBe(0);
    });

    it('is rate-limited per e-mail address like the API', async () => {
      const limiter = t.app.get(RateLimiter);
      await limiter.reset();
      limiter.configure({ perEmail: 2 });
      try {
        const a = agent();
        let status = 0;
        let page = '';
        for (let i = 0; i < 3; i++) {
          const form = await a.get('/register').expect(200);
          const res = await a
            .post('/register')
            .type('form')
            .send({ _csrf: csrfOf(form.text), email: 'flood@example.kz', displayName: 'F', password, consent: 'true' });
          status = res.status;
          page = res.text;
        }
        expect(status).toBe(429);
        expect(textOf(page, 'email-error')).toBe('Too many attempts. Please try again later.');
      } finally {
        limiter.configure({ perEmail: 10 });
        await limiter.reset();
      }
    });
  });

  describe('password reset', () => {
    it('sends a link whether or not the address exists; the link sets a new password once', async () => {
      const a = agent();
      const form = await a.get('/forgot-password').expect(200);
      expect(form.text).toContain('<label for="email">');
      const unknown = await a
        .post('/forgot-password')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'nobody@example.kz' })
        .expect(200);
      const known = await a
        .post('/forgot-password')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email })
        .expect(200);
      // the same page whether or not the address has an account
      expect(unknown.text.replace('nobody@example.kz', 'X')).toBe(known.text.replace(email, 'X'));
      const bad = await a
        .post('/forgot-password')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: 'nope' })
        .expect(400);
      expect(textOf(bad.text, 'email-error')).toBe('Enter an e-mail address like name@example.kz.');

      await t.flushMail();
      const mail = t.smtp
        .to(email)
        .filter((m) => /reset-password/.test(m.text ?? ''))
        .at(-1)!;
      const link = linkIn(mail.text ?? '', '/reset-password');
      const b = agent();
      const resetForm = await b.get(link).expect(200);
      expect(resetForm.text).toContain('<label for="password">New password</label>');
      const token = /name="token" value="([^"]+)"/.exec(resetForm.text)![1];
      const weak = await b
        .post('/reset-password')
        .type('form')
        .send({ _csrf: csrfOf(resetForm.text), token, password: '1234567890' })
        .expect(400);
      expect(textOf(weak.text, 'password-error')).toContain('10 to 128 characters');
      await b.post('/reset-password').type('form').send({ token, password: 'Brand-new-pass-42' }).expect(403);
      const done = await b
        .post('/reset-password')
        .type('form')
        .send({ _csrf: csrfOf(weak.text), token, password: 'Brand-new-pass-42' })
        .expect(200);
      expect(done.text).toContain('Password changed');
      const reused = await b
        .post('/reset-password')
        .type('form')
        .send({ _csrf: csrfOf(weak.text), token, password: 'Another-pass-4242' })
        .expect(400);
      expect(reused.text).toContain('This link is invalid or has already been used.');
      expect(reused.text).toContain('href="/forgot-password"');

      const c = agent();
      await signIn(c, email, 'Brand-new-pass-42');
      await c.get('/my/remarks').expect(200);
    });
  });

  describe('signed in', () => {
    let a: TestAgent;
    let userId: string;

    beforeAll(async () => {
      a = agent();
      await signIn(a, email, 'Brand-new-pass-42');
      userId = (await t.db.getRepository(User).findOneByOrFail({ emailKey: email.toLowerCase() })).id;
    });

    it('my remarks: sign-in first; then an empty list that says so', async () => {
      const anon = await agent().get('/my/remarks').expect(303);
      expect(anon.headers.location).toBe('/login?next=%2Fmy%2Fremarks');
      const page = await a.get('/my/remarks').expect(200);
      expect(page.text).toContain('You have not left any remarks yet.');
      expect(page.text).toContain('aria-current="page">My remarks</a>');
    });

    it('my remarks: the remark left on a plan, then its answer with the disposition and late flag', async () => {
      const planPage = await a.get(`/plans/${stage1Id}`).expect(200);
      const body = 'Please publish the menu for each age group.';
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(planPage.text)![1];
      await a
        .post(`/plans/${stage1Id}/remarks`)
        .type('form')
        .send({ _csrf: csrfOf(planPage.text, `/plans/${stage1Id}/remarks`), body, idempotencyKey: key })
        .expect(303);

      let mine = await a.get('/my/remarks').expect(200);
      expect(mine.text).toContain('Школьное питание для 12 школ Алмалинского района');
      expect(mine.text).toContain(body);
      expect(mine.text).toContain('Stage one');
      expect(untimed(mine.text)).toMatch(/Awaiting the answer, due by \d+ \w+ 2027/);
      const remark = await t.db.getRepository(Remark).findOneByOrFail({ body });
      expect(mine.text).toContain(`href="/plans/${stage1Id}#remark-${remark.id}"`);

      const organizer = await t.db
        .getRepository(User)
        .findOneByOrFail({ id: (await t.db.getRepository(Plan).findOneByOrFail({ id: stage1Id })).createdBy });
      await t.app.get(RemarksService).answer(
        asAuthUser(organizer),
        remark.id,
        // the remark was written on the English page: its answer needs Kazakh or Russian too (issue 15)
        {
          en: 'The menu per age group will be attached to the specification.',
          ru: 'Меню по возрастным группам будет приложено к спецификации.',
        },
        'accepted',
      );
      mine = await a.get('/my/remarks').expect(200);
      expect(mine.text).toContain('Answer of the organizer: <span class="disposition">accepted</span>');
      expect(mine.text).toContain('The menu per age group will be attached to the specification.');
      expect(untimed(mine.text)).toMatch(/Answered on \d+ \w+ 2027/);
      expect(mine.text).not.toContain('class="badge late"');

      const ru = await a.get('/my/remarks?lang=ru').expect(200);
      expect(ru.text).toContain('Мои замечания и предложения');
      expect(ru.text).toContain('учтено');
    });

    it('my remarks: newest first, 20 a page, keyset pages without gaps or repeats', async () => {
      const remarks = t.db.getRepository(Remark);
      const base = new Date('2027-02-20T09:00:00+05:00').getTime();
      await remarks.save(
        Array.from({ length: 25 }, (_, i) => ({
          planId: closedId,
          authorId: userId,
          stage: 1 as const,
          body: `Old remark ${String(i).padStart(2, '0')}`,
          language: 'en',
          // two pairs share a timestamp: the id decides
          createdAt: new Date(base + Math.floor(i / 2) * 60_000),
          idempotencyKey: null,
          bodyHash: `h${i}`,
          answerDueAt: new Date(base + 86_400_000),
          answeredAt: null,
          overdueSweptAt: null,
        })),
      );
      const seen: string[] = [];
      let url = '/my/remarks';
      for (let pages = 0; pages < 5 && url; pages++) {
        const page = await a.get(url).expect(200);
        seen.push(...[...page.text.matchAll(/<li class="remark" id="remark-([0-9a-f-]+)"/g)].map((m) => m[1]));
        const next = /href="(\/my\/remarks\?cursor=[^"]+)"/.exec(page.text);
        url = next ? next[1].replace(/&amp;/g, '&') : '';
      }
      expect(seen).toHaveLength(26);
      expect(new Set(seen).size).toBe(26);
      const rows = await remarks.find({ where: { authorId: userId }, order: { createdAt: 'DESC', id: 'DESC' } });
      expect(seen).toEqual(rows.map((r) => r.id));
      const second = await a.get('/my/remarks?lang=en').expect(200);
      expect(second.text).toContain('Older remarks');
      expect((await a.get('/my/remarks?cursor=garbage').expect(200)).text).toContain('Old remark'); // a bad cursor means the first page
    });

    it('my remarks: an overdue answer says so', async () => {
      const page = await a.get('/my/remarks?lang=en').expect(200);
      // the 25 remarks above were due on 21 February, before the clock's 1 March
      expect(untimed(page.text)).toMatch(/The answer is overdue: it was due by 21 February 2027/);
    });

    it('follow and unfollow a plan from its page (CSRF-protected POST, back to the plan)', async () => {
      let page = await a.get(`/plans/${hearingPlanId}`).expect(200);
      expect(page.text).toContain('<h2 id="follow">Follow this discussion</h2>');
      await a.post(`/plans/${hearingPlanId}/follow`).type('form').send({ follow: 'on' }).expect(403);
      const res = await a
        .post(`/plans/${hearingPlanId}/follow`)
        .type('form')
        .send({ _csrf: csrfOf(page.text, `/plans/${hearingPlanId}/follow`), follow: 'on' })
        .expect(303);
      expect(res.headers.location).toBe(`/plans/${hearingPlanId}?done=followed#follow`);
      page = await a.get(res.headers.location).expect(200);
      expect(textOf(page.text, 'participation-flash')).toBe('You now follow this plan.');
      expect(page.text).toContain('>Unfollow</button>');
      const subs = t.db.getRepository(PlanSubscription);
      expect(await subs.count({ where: { planId: hearingPlanId, userId, kind: 'follow' } })).toBe(1);

      await a
        .post(`/plans/${hearingPlanId}/follow`)
        .type('form')
        .send({ _csrf: csrfOf(page.text, `/plans/${hearingPlanId}/follow`), follow: 'off' })
        .expect(303);
      expect(await subs.count({ where: { planId: hearingPlanId, userId, kind: 'follow' } })).toBe(0);
      page = await a.get(`/plans/${hearingPlanId}`).expect(200);
      expect(page.text).toContain('>Follow this plan</button>');
    });

    it('sign up for a scheduled hearing and cancel; no sign-up where no hearing is scheduled', async () => {
      let page = await a.get(`/plans/${hearingPlanId}`).expect(200);
      expect(page.text).toContain('hearing.ics');
      const action = `/plans/${hearingPlanId}/hearing-signup`;
      await a
        .post(action)
        .type('form')
        .send({ _csrf: csrfOf(page.text, action), signup: 'on' })
        .expect(303);
      const subs = t.db.getRepository(PlanSubscription);
      expect(await subs.count({ where: { planId: hearingPlanId, userId, kind: 'hearing_signup' } })).toBe(1);
      page = await a.get(`/plans/${hearingPlanId}?done=signedup`).expect(200);
      expect(textOf(page.text, 'participation-flash')).toBe('You are signed up for the hearing.');
      expect(page.text).toContain('>Cancel my sign-up</button>');

      await a
        .post(action)
        .type('form')
        .send({ _csrf: csrfOf(page.text, action), signup: 'off' })
        .expect(303);
      expect(await subs.count({ where: { planId: hearingPlanId, userId, kind: 'hearing_signup' } })).toBe(0);

      const stage1 = await a.get(`/plans/${stage1Id}`).expect(200);
      expect(stage1.text).not.toContain('hearing-signup"');
      const refused = await a
        .post(`/plans/${stage1Id}/hearing-signup`)
        .type('form')
        .send({ _csrf: csrfOf(stage1.text, `/plans/${stage1Id}/follow`), signup: 'on' })
        .expect(303);
      expect(refused.headers.location).toBe(`/plans/${stage1Id}?done=signup-closed#hearing`);
      expect(await subs.count({ where: { planId: stage1Id, userId, kind: 'hearing_signup' } })).toBe(0);
    });

    it('a signed-out visitor is sent to sign in; the plan page links the report CSV until the outcome is out', async () => {
      const anon = agent();
      const page = await anon.get(`/plans/${stage1Id}`).expect(200);
      expect(page.text).toContain(`href="/login?next=${encodeURIComponent(`/plans/${stage1Id}#follow`)}"`);
      const english = await agent().get(`/plans/${stage1Id}?lang=en`).expect(200);
      expect(english.text).toContain(`href="/api/v1/plans/${stage1Id}/report?format=csv"`);
      // Excel in a Russian or Kazakh locale splits CSV on semicolons: those readers get that file
      for (const lang of ['ru', 'kk']) {
        const localized = await agent().get(`/plans/${stage1Id}?lang=${lang}`).expect(200);
        expect(localized.text).toContain(`href="/api/v1/plans/${stage1Id}/report?format=csv&amp;separator=semicolon"`);
      }
      const csv = await anon.get(`/api/v1/plans/${stage1Id}/report?format=csv&separator=semicolon`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\r\n')[0]).toMatch(/^\uFEFF\w+(;\w+)+$/);
      const closed = await anon.get(`/plans/${closedId}`).expect(200);
      expect(closed.text.match(/report\?format=csv/g)).toHaveLength(1); // the outcome section's link only
    });

    it('an unconfirmed address may not follow or sign up (those send e-mail): the page says how to confirm', async () => {
      const other = await createUser(t, 'citizen', { emailVerifiedAt: null, email: 'not-yet@example.kz' });
      const b = agent().set('Cookie', `session=${other.token}`);
      const page = await b.get(`/plans/${hearingPlanId}?lang=en`).expect(200);
      expect(page.text).toContain('Confirm your e-mail address first to follow a plan or sign up for a hearing.');
      expect(page.text).not.toContain('>Follow this plan</button>');
      expect(page.text).toContain('href="/my/remarks#verify-notice"');
      for (const [action, field] of [
        [`/plans/${hearingPlanId}/follow`, 'follow'],
        [`/plans/${hearingPlanId}/hearing-signup`, 'signup'],
      ]) {
        // a forged form (no button is shown) with the page's valid token, e.g. the sign-out form's
        const res = await b
          .post(action)
          .type('form')
          .send({ _csrf: csrfOf(page.text, '/logout'), [field]: 'on' })
          .expect(303);
        expect(res.headers.location).toBe(`/plans/${hearingPlanId}?done=verify-first#follow`);
      }
      expect(await t.db.getRepository(PlanSubscription).count({ where: { userId: other.user.id } })).toBe(0);
      const api = await t.http.post(`/api/v1/plans/${hearingPlanId}/follow`).set('Authorization', `Bearer ${other.token}`).expect(403);
      expect(api.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    });

    it('a resend of the confirmation link, for a signed-in user whose address is not confirmed', async () => {
      const other = await createUser(t, 'citizen', { emailVerifiedAt: null, email: 'unconfirmed@example.kz' });
      const b = agent().set('Cookie', `session=${other.token}`);
      const page = await b.get('/my/remarks').expect(200);
      expect(page.text).toContain('Your e-mail address is not confirmed yet');
      const res = await b
        .post('/verify-email/resend')
        .type('form')
        .send({ _csrf: csrfOf(page.text, '/verify-email/resend') })
        .expect(303);
      expect(res.headers.location).toBe('/my/remarks?resent=1');
      await t.flushMail();
      expect(t.smtp.to('unconfirmed@example.kz').some((m) => /\/verify-email\?token=/.test(m.text ?? ''))).toBe(true);
    });
  });

  describe('statistics', () => {
    it('overall and per organizer, in tables with a caption and header cells; names escaped', async () => {
      const page = await agent().get('/statistics').expect(200);
      expect(page.text).toContain('<h1>Statistics of public discussions</h1>');
      expect(page.text).toContain('<caption>Figures for all organizers together</caption>');
      expect(page.text).toContain('<caption id="stats-organizers-caption">Figures of each organizer with a published plan</caption>');
      expect(page.text).toContain('<th scope="col">Remarks received</th>');
      expect(page.text).toContain('<th scope="row">Answered on time</th>');
      expect(page.text).toContain('Health department &lt;Karaganda&gt;');
      expect(page.text).toContain('Akimat of Almaty city');
      // the page and the API count the same
      const api = (await agent().get('/api/v1/statistics').expect(200)).body;
      expect(page.text).toContain(`<th scope="row">Remarks received</th><td>${api.remarks.received}</td>`);

      const kk = await agent().get('/statistics?lang=kk').expect(200);
      expect(kk.text).toContain('Қоғамдық талқылаулар статистикасы');
      expect(kk.text).toContain('Келіп түскен ескертулер');
    });

    it('formal answers and commitments, overall and per organizer, each with how it is counted (en, ru, kk)', async () => {
      const api = (await agent().get('/api/v1/statistics').expect(200)).body;
      const page = (await agent().get('/statistics').expect(200)).text;
      expect(page).toContain('<caption>Formal answers and commitments: all organizers together</caption>');
      expect(page).toContain(
        '<caption id="stats-organizers-substance-caption">Formal answers and commitments of each organizer with a published plan</caption>',
      );
      // the demo: two answers called formal by one author, of the answered remarks; three commitments
      const answered = api.remarks.answered as number;
      expect(page).toContain(
        `<th scope="row">Answers called formal by their authors</th><td>${((2 / answered) * 100).toFixed(1).replace(/\.0$/, '')}% (2 of ${answered})</td>`,
      );
      expect(page).toContain('<th scope="row">Authors who called an answer formal</th><td>1</td>');
      expect(page).toContain('<th scope="row">Commitments</th><td>3</td>');
      expect(page).toContain('<th scope="row">Commitments implemented in the documentation</th><td>66.7% (2 of 3)</td>');
      expect(page).toContain('<th scope="row">Commitments confirmed by their authors</th><td>33.3% (1 of 3)</td>');
      expect(page).toContain('<th scope="row">Commitments disputed by their authors</th><td>33.3% (1 of 3)</td>');
      // per organizer: the akimat has the council's finding and one commitment, the health department two
      const rows = page.split('<tbody>')[4].split('</tr>');
      const akimat = rows.find((r) => r.includes('Akimat of Almaty city'))!;
      const health = rows.find((r) => r.includes('Health department &lt;Karaganda&gt;'))!;
      expect(akimat.match(/<td>[^<]*<\/td>/g)!.slice(3)).toEqual([
        '<td>1</td>',
        '<td>100% (1 of 1)</td>',
        '<td>100% (1 of 1)</td>',
        '<td>0% (0 of 1)</td>',
      ]);
      expect(health.match(/<td>[^<]*<\/td>/g)!.slice(3)).toEqual([
        '<td>2</td>',
        '<td>50% (1 of 2)</td>',
        '<td>0% (0 of 2)</td>',
        '<td>50% (1 of 2)</td>',
      ]);
      // how each is counted
      expect(page).toContain(
        '<dt>Answers called formal by their authors</dt><dd>Remarks whose author&#39;s most recent verdict on the answer, on any of its versions, is &quot;formal&quot;',
      );
      expect(page).toContain('<dt>Commitments disputed by their authors</dt><dd>');
      for (const [lang, heading, note] of [
        ['ru', 'Ответы, признанные общественным советом формальными', 'более половины членов общественного совета'],
        ['kk', 'Қоғамдық кеңес формальды деп таныған жауаптар', 'кеңес мүшелерінің жартысынан көбі'],
      ]) {
        const text = (await agent().get(`/statistics?lang=${lang}`).expect(200)).text;
        expect(text).toContain(`<th scope="row">${heading}</th>`);
        expect(text).toContain(note);
      }
    });
  });
});

describe('my remarks at scale', () => {
  let t: TestApp;
  let authorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    const organizer = await createUser(t, 'organizer', { organizationId: org.id });
    const author = await createUser(t, 'citizen');
    const others = await createUser(t, 'citizen');
    authorId = author.user.id;
    const plan = await t.db.getRepository(Plan).save(
      t.db.getRepository(Plan).create({
        organizationId: org.id,
        createdBy: organizer.user.id,
        title: bilingual('Үлкен', 'Большой'),
        description: bilingual('Көп ескерту', 'Много замечаний'),
        subjectCode: '1',
        amount: 1,
        method: 'auction',
        publishedAt: new Date('2027-01-04T10:00:00+05:00'),
        stage1ClosesAt: new Date('2027-12-25T23:59:59.999+05:00'),
        stage1CloseDate: '2027-12-25',
        hearingDeadlineDate: '2028-01-04',
      }),
    );
    // 12,000 remarks of this author (some sharing a timestamp) among 120,000: one author is a minority
    // of every remark, as on the service (the planner could walk remarks_created_idx otherwise)
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at)
       SELECT $1, 1, CASE WHEN g % 10 = 0 THEN $2::uuid ELSE $3::uuid END, 'remark ' || g, 'ru', timestamptz '2027-03-01 06:00:00+00' + (g / 3) * interval '10 ms', md5(g::text), timestamptz '2027-04-01 00:00:00+00'
       FROM generate_series(1, 120000) g`,
      [plan.id, authorId, others.user.id],
    );
    await t.db.query(`ANALYZE remarks`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['first page', false],
    ['deep page', true],
  ] as const)('reads only one page of the index for the %s', async (_name, deep) => {
    let after: { at: string; id: string } | null = null;
    if (deep) {
      const [row] = await t.db.query(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM remarks WHERE author_id = $1 ORDER BY created_at DESC, id DESC OFFSET 10000 LIMIT 1`,
        [authorId],
      );
      after = { at: row.at, id: row.id };
    }
    const { sql, params } = myRemarksSql(authorId, after, 21);
    const rows: { 'QUERY PLAN': string }[] = await t.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    if (process.env.SHOW_PLANS) console.log(plan);
    // the author index gives the order; only rows sharing a timestamp are sorted (incrementally)
    expect(plan).not.toMatch(/Seq Scan on remarks|(?:^|->)\s*Sort\s+\(/m);
    const scanned = /Index Scan Backward using (\w+) on remarks r\s+\(cost=[^)]*\) \(actual time=[^ ]+ rows=(\d+)/.exec(plan);
    expect(scanned?.[1]).toBe('remarks_author_idx');
    expect(Number(scanned![2])).toBeLessThanOrEqual(30);
  });
});
