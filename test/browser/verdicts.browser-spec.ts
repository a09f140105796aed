import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fillText, launchBrowser, newPage, runBrowser, SCREENSHOTS, seriousViolations, serve } from '../support/browser';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';

const suite = runBrowser ? describe : describe.skip;
const API = '/api/v1';

suite('the author’s verdict in a real browser: the e-mail link, the plan page and my remarks (en, kk, ru; no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let planId: string;
  let remarkId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council, { name: 'Akimat of Almaty' });
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Aigerim S.', locale: 'en', email: 'aigerim.verdict@example.kz' });
    const plan = await t.http
      .post(`${API}/plans`)
      .set(authNow(t, organizer))
      .send({
        title: { kk: '№5 мектептің шатырын жөндеу', ru: 'Ремонт кровли школы №5', en: 'School roof repair' },
        description: { kk: '№5 мектептің шатыры', ru: 'Кровля школы №5', en: 'Roof of school No. 5' },
        subjectCode: '452112.000.000000',
        amount: 1000,
        method: 'auction',
      })
      .expect(201);
    planId = plan.body.id;
    await t.http.post(`${API}/plans/${planId}/publish`).set(authNow(t, organizer)).expect(200);
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const r = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(authNow(t, author))
      .send({ body: 'Please split the lot by district so that local suppliers can bid.' })
      .expect(201);
    remarkId = r.body.id;
    t.clock.set(new Date('2027-03-17T10:00:00+05:00'));
    await t.http
      .post(`${API}/remarks/${remarkId}/answer`)
      .set(authNow(t, organizer))
      // the remark is in English: the answer is in Russian, with an English version
      .send({
        body: {
          ru: 'Лот не делится: за всю кровлю отвечает один подрядчик.',
          en: 'The lot stays whole: one contractor answers for the whole roof.',
        },
        disposition: 'rejected',
      })
      .expect(201);
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, labels: { email: string; password: string; button: string }): Promise<void> {
    await page.getByLabel(labels.email).fill(author.user.email);
    await page.getByLabel(labels.password).fill(PASSWORD);
    await page.getByRole('button', { name: labels.button }).click();
  }

  it('follows the e-mailed link through sign-in, reports a missing reason by its field, then publishes the verdict (en)', async () => {
    await t.flushMail();
    const mail = t.smtp.to(author.user.email).at(-1)!;
    const link = /http:\/\/talqylau\.test(\/remarks\/[0-9a-f-]+\/verdict)/.exec(mail.text ?? '')![1];
    const { context, page } = await newPage(browser, 'en-US');
    await page.goto(`${base}${link}`);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, { email: 'E-mail address', password: 'Password', button: 'Sign in' });
    await page.waitForURL(`${base}${link}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your verdict on the answer');
    await expect(page.locator('#not-an-appeal').textContent()).resolves.toContain(
      'not an appeal or a complaint under the Administrative Procedural Code',
    );
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);

    await page.getByLabel('Formal: the answer does not deal with my remark on its substance').check();
    await page.getByRole('button', { name: 'Publish my verdict' }).click();
    await expect(page.locator(`#verdict-reason-error-${remarkId}`).textContent()).resolves.toBe('Write your reason: 10 to 2000 characters');
    expect(await page.getAttribute(`#verdict-reason-${remarkId}`, 'aria-invalid')).toBe('true');
    expect(await page.locator(`#verdict-reason-${remarkId}:focus`).count()).toBe(1);
    expect(await page.isChecked(`#verdict-${remarkId}-formal`)).toBe(true);
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'verdict-form-errors.png'), fullPage: true });

    await page.getByLabel('Your reason').fill('The answer does not say why local suppliers cannot bid.');
    await page.getByRole('button', { name: 'Publish my verdict' }).click();
    await expect(page.locator('#flash').textContent()).resolves.toBe('Your verdict is published.');
    await expect(page.locator('#verdict-shown').textContent()).resolves.toContain('formal (version 1, 17 March 2027');
    expect(await page.getByRole('button', { name: 'Change my verdict' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'verdict-page.png'), fullPage: true });
    await context.close();
  });

  it('shows the verdict beside the answer to everyone on the plan page (en), and the author changes it there (kk)', async () => {
    const anon = await newPage(browser, 'en-US');
    await anon.page.goto(`${base}/plans/${planId}`);
    await expect(anon.page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toContain('The author’s verdict: formal (version 1,');
    await expect(anon.page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toContain('local suppliers cannot bid');
    expect(await anon.page.locator('form.verdict-form').count()).toBe(0);
    expect(await seriousViolations(browser, anon.context, `${base}/plans/${planId}`)).toEqual([]);
    await anon.context.close();

    const { context, page } = await newPage(browser, 'kk-KZ');
    await page.goto(`${base}/login?next=${encodeURIComponent(`/plans/${planId}`)}`);
    await signIn(page, { email: 'Электрондық пошта мекенжайы', password: 'Құпиясөз', button: 'Кіру' });
    await page.waitForURL(`${base}/plans/${planId}`);
    const form = page.locator(`#verdict-form-${remarkId}`);
    expect(await form.count()).toBe(1);
    expect(await seriousViolations(browser, context, page.url(), 'kk-KZ')).toEqual([]);
    await form.getByLabel('Дәлелді: жауапта ескертуім мәні бойынша қаралған').check();
    await form.getByLabel('Себебі').fill('');
    await form.getByRole('button', { name: 'Бағамды өзгерту' }).click();
    await page.waitForURL(`${base}/plans/${planId}?done=verdict#remark-${remarkId}`);
    await expect(page.locator('#flash').textContent()).resolves.toBe('Бағаңыз жарияланды.');
    await expect(page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toContain('дәлелді (1-нұсқа,');
    await page.screenshot({ path: join(SCREENSHOTS, 'verdict-plan-page-kk.png'), fullPage: true });
    await context.close();
  });

  it('shows the verdict and its form under my remarks (ru), and no form once the window has closed', async () => {
    const { context, page } = await newPage(browser, 'ru-RU');
    await page.goto(`${base}/login?next=${encodeURIComponent('/my/remarks')}`);
    await signIn(page, { email: 'Адрес электронной почты', password: 'Пароль', button: 'Войти' });
    await page.waitForURL(`${base}/my/remarks`);
    await expect(page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toContain('мотивированный (версия 1,');
    const form = page.locator(`#verdict-form-${remarkId}`);
    expect(await form.count()).toBe(1);
    await expect(form.textContent()).resolves.toContain('Дать или изменить оценку можно до 5 апреля 2027');
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);
    await form.getByLabel('Формальный: ответ не рассматривает моё замечание по существу').check();
    await form.getByLabel('Причина').fill('Ответ не объясняет, почему местные поставщики не могут участвовать.');
    await form.getByRole('button', { name: 'Изменить оценку' }).click();
    await page.waitForURL(`${base}/my/remarks?done=verdict#remark-${remarkId}`);
    await expect(page.locator('#flash').textContent()).resolves.toBe('Ваша оценка опубликована.');
    await expect(page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toContain('формальный (версия 1,');
    await page.screenshot({ path: join(SCREENSHOTS, 'verdict-my-remarks-ru.png'), fullPage: true });

    t.clock.set(new Date('2027-04-06T00:00:00+05:00'));
    await page.goto(`${base}/my/remarks`);
    expect(await page.locator(`#verdict-form-${remarkId}`).count()).toBe(0);
    await page.goto(`${base}/remarks/${remarkId}/verdict`);
    await expect(page.locator('#verdict-state').textContent()).resolves.toContain('Срок для оценки этой версии ответа истёк 5 апреля 2027');
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);
    await context.close();
  });

  it('leads the organizer from the plan page to the correction form: an unchanged answer is refused by its field (en)', async () => {
    const { context, page } = await newPage(browser, 'en-US');
    await page.goto(`${base}/login?next=${encodeURIComponent(`/plans/${planId}`)}`);
    await page.getByLabel('E-mail address').fill(organizer.user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/plans/${planId}`);
    await page.locator(`#remark-${remarkId}`).getByRole('link', { name: 'Correct the answer' }).click();
    await page.waitForURL(`${base}/organizer/remarks/${remarkId}/correction`);
    await fillText(page, 'Reason for the correction', 'en', { ru: 'Опечатка', en: 'Typo' });
    await page.getByRole('button', { name: 'Publish the correction' }).click();
    await expect(page.locator('#body-error').textContent()).resolves.toContain(
      'A correction must change the text or the disposition of the answer.',
    );
    expect(await page.getAttribute('#body', 'aria-describedby')).toBe('body-error');
    expect(await page.locator('#body_ru:focus').count()).toBe(1); // the remark is English: Russian comes first
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'correction-unchanged.png'), fullPage: true });

    await fillText(page, 'Reasoned answer', 'en', {
      ru: 'Со следующего квартала лот делится по районам.',
      en: 'The lot is split by district from the next quarter.',
    });
    await page.locator('#disposition').selectOption('partially_accepted');
    await page.getByRole('button', { name: 'Publish the correction' }).click();
    await page.waitForURL(`${base}/organizer/remarks?done=corrected#council-findings`);
    await page.goto(`${base}/plans/${planId}`);
    await expect(page.locator(`#verdict-of-${remarkId}`).textContent()).resolves.toBe('The author has not judged this answer yet.');
    await context.close();
  });
});
