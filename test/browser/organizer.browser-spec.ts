import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TokenService } from '../../src/identity/auth/token.service';
import { Plan } from '../../src/plans/plan.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import { fillText, launchBrowser, runBrowser, SCREENSHOTS, serve, seriousViolations } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const suite = runBrowser ? describe : describe.skip;

/**
 * An organizer walks one plan item through the whole procedure in a real browser without
 * JavaScript: create -> publish -> answer -> schedule the hearing (date picker) -> protocol ->
 * respond to a council recommendation -> notice -> outcome, with the clock moved between steps.
 * Every page passes the axe check (no serious or critical violations).
 */
suite('organizer pages in a real browser (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let citizen: CreatedUser;
  let chair: CreatedUser;
  const organizerEmail = 'organizer-walk@example.test';

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat of Almaty city' });
    await createUser(t, 'organizer', { organizationId: akimat.id, displayName: 'Akimat procurement', email: organizerEmail });
    citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    chair = await createUser(t, 'council_member', { councilId: council.id, isChair: true });
    base = await serve(t);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Serious and critical axe findings of the current page, checked in a script-enabled copy of the session. */
  function axe(url = page.url()): Promise<string[]> {
    return seriousViolations(browser, context, url);
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `organizer-${name}.png`), fullPage: true });
  }

  /** Sessions expire by the service clock: after moving it, sign in again and come back to `path`. */
  async function signIn(path: string): Promise<void> {
    await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await page.getByLabel('E-mail address').fill(organizerEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${path}`);
  }

  async function moveClock(to: Date, path: string): Promise<void> {
    t.clock.set(to);
    await signIn(path);
  }

  /** Answers the first remark of the queue page (an English remark: in Russian, with the English version). */
  async function answerFirst(disposition: string, text: { ru: string; en: string }): Promise<void> {
    await page.getByLabel('Disposition').first().selectOption(disposition);
    await fillText(page.locator('li.remark').first(), 'Reasoned answer', 'en', text);
    await page.getByRole('button', { name: 'Publish the answer' }).first().click();
    await page.waitForURL(/done=answered/);
  }

  const api = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });

  it('walks a plan item from the draft to the outcome', async () => {
    // signed out: sent to sign in, then back to /organizer
    await page.goto(`${base}/organizer`);
    await page.waitForURL(/\/login\?next=%2Forganizer/);
    await signIn('/organizer');
    expect(await page.locator('h1').textContent()).toBe('My procurement plans');
    expect(await axe()).toEqual([]);

    // create: the errors are next to the fields, the values stay
    await page.getByRole('link', { name: 'New plan item' }).first().click();
    // the subject in Kazakh and Russian side by side
    await page.fill('#title_kk', '2027 жылға мектеп тамағы');
    await page.fill('#title_ru', 'Школьное питание на 2027 год');
    await page.getByLabel('Planned amount, tenge').fill('twelve million');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    expect(await page.locator('#amount-error').textContent()).toBe('Write the amount in whole tenge (digits only).');
    expect(await page.getAttribute('#amount', 'aria-invalid')).toBe('true');
    expect(await page.locator('#description_kk:focus').count()).toBe(1); // the first field in error
    expect(await page.inputValue('#title_ru')).toBe('Школьное питание на 2027 год');
    await shot('create-errors');
    expect(await axe(`${base}/organizer/plans/new`)).toEqual([]);
    await page.fill('#description_kk', '40 мектептің 1-4 сынып оқушыларына ыстық тамақ.');
    await page.fill('#description_ru', 'Горячее питание для учеников 1-4 классов 40 школ.');
    await page.getByLabel('Subject code (ENS TRU / KTRU)').fill('56.29.20.000');
    await page.getByLabel('Planned amount, tenge').fill('12 500 000');
    await page.getByLabel('Procurement method').selectOption('open_tender');
    await page.getByLabel('Planned quarter').selectOption('2027-Q2');
    await page.fill('#deliveryPlace_ru', 'Школы Алматы');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\/organizer\/plans\/[0-9a-f-]{36}\?done=created/);
    const planId = /plans\/([0-9a-f-]{36})/.exec(page.url())![1];
    const hub = `/organizer/plans/${planId}`;

    // the draft shows the window that publishing opens
    expect(await page.locator('#publish-window').textContent()).toMatch(
      /remarks will be accepted from 1 March 2027 at 10:00 until \d+ March 2027 at 23:59/,
    );
    expect(await axe()).toEqual([]);
    await shot('draft');
    await page.getByRole('button', { name: 'Publish and open stage one' }).click();
    await page.waitForURL(/done=published/);
    expect(await page.locator('#flash').textContent()).toContain('stage one is open');

    // a citizen remarks (through the API); the organizer answers it from the queue
    t.clock.set(new Date('2027-03-02T11:00:00+05:00'));
    const remark = await t.http.post(`/api/v1/plans/${planId}/remarks`).set(api(citizen)).send({ body: 'Please publish the weekly menu.' });
    expect(remark.status).toBe(201);
    await moveClock(new Date('2027-03-02T12:00:00+05:00'), '/organizer/remarks');
    // no English title: the Russian one, marked with its language
    expect(await page.locator('.remark h2 [lang="ru"]').first().textContent()).toBe('Школьное питание на 2027 год');
    expect(await axe()).toEqual([]);
    await shot('queue');
    await answerFirst('accepted', {
      ru: 'Меню на неделю будет публиковаться на сайте каждой школы.',
      en: 'The weekly menu will be published on every school website.',
    });
    expect(await page.locator('main').textContent()).toContain('Every remark has an answer.');

    // after stage 1: the date picker offers the allowed dates only and explains the others
    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: planId });
    await moveClock(new Date(plan.stage1ClosesAt!.getTime() + 9 * 3600_000), `${hub}/hearing`);
    const dates = page.locator('input[name="date"]');
    expect(await dates.count()).toBeGreaterThan(3);
    expect(await page.locator('.refused-dates li').first().textContent()).toMatch(/— (Saturday|Sunday|.*holiday)/i);
    expect(await axe()).toEqual([]);
    await shot('hearing-picker');
    const date = (await dates.nth(1).getAttribute('value'))!;
    await dates.nth(1).check();
    await page.getByLabel('Start time').fill('19:30');
    await fillText(page, 'Room (optional)', 'en', { en: 'Hall 2' });
    await page.getByRole('button', { name: 'Schedule and notify the participants' }).click();
    expect(await page.locator('#time-error').textContent()).toContain('outside working hours 09:00-18:00');
    expect(await page.inputValue('#room_en')).toBe('Hall 2');
    expect(await page.locator(`#date-${date}`).isChecked()).toBe(true);
    await shot('hearing-error');
    await page.getByLabel('Start time').fill('10:00');
    await page.getByRole('button', { name: 'Schedule and notify the participants' }).click();
    await page.waitForURL(/done=scheduled/);
    expect(await page.locator('main').textContent()).toContain('Cancel the hearing');
    await t.flushMail();
    expect(
      t.smtp.messages.some((m) => m.envelopeTo.includes(citizen.user.email) && m.attachments.some((a) => a.filename?.endsWith('.ics'))),
    ).toBe(true);

    // after the hearing: the protocol
    await moveClock(new Date(`${date}T16:00:00+05:00`), `${hub}/hearing`);
    await page.getByLabel('Number of attendees').fill('23');
    await fillText(page, 'Speakers', 'en', { en: 'Aigerim S.\nParents committee' });
    await fillText(page, 'Summary', 'en', { en: 'The menu and allergies were discussed.' });
    await fillText(page, 'Decisions', 'en', { en: 'Publish the weekly menu\nAdd an allergy form' });
    expect(await axe()).toEqual([]);
    await page.getByRole('button', { name: 'Publish the protocol' }).click();
    await page.waitForURL(/done=protocol/);

    // the council recommends (through the API); the organizer responds
    const position = await t.http
      .post(`/api/v1/plans/${planId}/review/positions`)
      .set(api(chair))
      .send({
        position: 'endorse_with_recommendations',
        text: 'A well held hearing.',
        recommendations: ['Invite parents to the tender commission.'],
      });
    expect(position.status).toBe(201);
    await page.goto(`${base}${hub}/recommendations`);
    await page.getByLabel('Yes, accepted').check();
    await fillText(page, 'Reasoned response', 'en', { en: 'Two parents will observe the tender commission.' });
    expect(await axe()).toEqual([]);
    await shot('recommendations');
    await page.getByRole('button', { name: 'Publish the response' }).click();
    await page.waitForURL(/done=response/);
    expect(await page.locator('.answer h3').textContent()).toContain('accepted');

    // stage 2: the notice, with blank document rows
    await page.goto(`${base}${hub}/notice`);
    expect(await page.locator('fieldset.document').count()).toBe(5);
    await page.getByLabel('Notice number').fill('2027-0001');
    // English is folded: open it unless a refused form shows it open already
    if ((await page.locator('#doc1Title > details').getAttribute('open')) === null)
      await page.locator('#doc1Title > details > summary').click();
    await page.locator('#doc1Title_en').fill('Technical specification');
    await page.locator('#doc1Url').fill('https://docs.example.kz/spec.pdf');
    await page.locator('#doc1Sha256').fill('not a checksum');
    await page.getByRole('button', { name: 'Publish and open stage two' }).click();
    expect(await page.locator('#doc1Sha256-error').textContent()).toContain('SHA-256');
    expect(await axe()).toEqual([]);
    await shot('notice-error');
    await page.locator('#doc1Sha256').fill('b'.repeat(64));
    // the remark accepted in stage 1 is a commitment: the table starts with it, and the notice must account for it
    expect(await page.locator('table.commitments tbody tr').count()).toBe(1);
    expect(await page.locator('table.commitments tbody th').textContent()).toContain('Please publish the weekly menu.');
    await page.getByRole('button', { name: 'Publish and open stage two' }).click();
    expect(await page.locator('#c1Status-error').textContent()).toContain('Unfinished');
    expect(await page.locator('#c1Status').getAttribute('aria-invalid')).toBe('true');
    expect(await axe()).toEqual([]);
    await shot('notice-commitments-error');
    await page.locator('#c1Status').selectOption('implemented');
    await page.locator('#c1Document').selectOption({ label: '1. Technical specification' });
    await page.locator('#c1Location').fill('Section 6, page 14');
    await page.locator('#c1Explanation').fill('The supplier publishes the weekly menu on the school website.');
    await page.getByRole('button', { name: 'Publish and open stage two' }).click();
    await page.waitForURL(/done=notice/);
    expect(await page.locator('main').textContent()).toContain('Notice 2027-0001 was published');

    // a stage-2 remark left unanswered: the outcome is refused with the count
    const late = await t.http
      .post(`/api/v1/plans/${planId}/remarks`)
      .set(api(citizen))
      .send({ body: 'The specification omits portion sizes.' });
    expect(late.status).toBe(201);
    const afterNotice = await t.db.getRepository(Plan).findOneByOrFail({ id: planId });
    await moveClock(new Date(afterNotice.stage2ClosesAt!.getTime() + 3600_000), `${hub}/outcome`);
    // the council's review is still in its period: the outcome waits until the chair closes it
    await page.getByLabel('proceed with the procurement').check();
    // English is folded: open it unless a refused form shows it open already
    if ((await page.locator('#summary > details').getAttribute('open')) === null)
      await page.locator('#summary > details > summary').click();
    await page.locator('#summary_en').fill('The procurement proceeds.');
    await page.getByRole('button', { name: 'Publish the outcome and close the discussion' }).click();
    expect(await page.locator('#form-error').textContent()).toBe(
      'The council review is still open: the outcome waits until the chair closes it or its period ends.',
    );
    expect((await t.http.post(`/api/v1/plans/${planId}/review/close`).set(api(chair))).status).toBe(200);
    await page.getByLabel('proceed with the procurement').check();
    // English is folded: open it unless a refused form shows it open already
    if ((await page.locator('#summary > details').getAttribute('open')) === null)
      await page.locator('#summary > details > summary').click();
    await page.locator('#summary_en').fill('The procurement proceeds with the amended specification.');
    await page.getByRole('button', { name: 'Publish the outcome and close the discussion' }).click();
    expect(await page.locator('#form-error').textContent()).toBe('1 remark(s) still have no answer.');
    expect(await page.inputValue('#summary_en')).toBe('The procurement proceeds with the amended specification.');
    expect(await axe()).toEqual([]);
    await shot('outcome-refused');

    await page.getByRole('link', { name: 'Go to the remarks awaiting an answer' }).click();
    await answerFirst('partially_accepted', {
      ru: 'Размеры порций по возрастам добавлены в раздел 3 спецификации.',
      en: 'Portion sizes by age are added to section 3 of the specification.',
    });

    await page.goto(`${base}${hub}/outcome`);
    await page.getByLabel('amend the plan or documentation').check();
    // English is folded: open it unless a refused form shows it open already
    if ((await page.locator('#summary > details').getAttribute('open')) === null)
      await page.locator('#summary > details > summary').click();
    await page.locator('#summary_en').fill('The specification is amended; the procurement goes ahead.');
    await page.getByRole('button', { name: 'Publish the outcome and close the discussion' }).click();
    await page.waitForURL(/done=outcome/);
    expect(await page.locator('#flash').textContent()).toContain('the discussion is closed');
    await page.goto(`${base}/organizer?status=closed`);
    // no English title: the Russian one, marked with its language
    expect(await page.locator('.card-title [lang="ru"]').allTextContents()).toEqual(['Школьное питание на 2027 год']);
    expect(await axe()).toEqual([]);
    await shot('closed-list');
  });

  it('speaks Kazakh and Russian, and refuses a citizen with a 403 page', async () => {
    const kk = await browser.newContext({ locale: 'kk-KZ', javaScriptEnabled: false });
    const p = await kk.newPage();
    await p.goto(`${base}/login?next=${encodeURIComponent('/organizer/plans/new')}`);
    await p.getByLabel('Электрондық пошта мекенжайы').fill(organizerEmail);
    await p.getByLabel('Құпиясөз').fill(PASSWORD);
    await p.getByRole('button', { name: 'Кіру' }).click();
    await p.waitForURL(`${base}/organizer/plans/new`);
    await p.getByRole('button', { name: 'Жобаны сақтау' }).click();
    expect(await p.locator('#title-error').textContent()).toBe('Сатып алу нысанасын жазыңыз (1-ден 500 таңбаға дейін).');
    expect(await p.locator('#title_kk:focus').count()).toBe(1);
    await p.screenshot({ path: join(SCREENSHOTS, 'organizer-create-errors-kk.png'), fullPage: true });
    await kk.close();

    const ru = await browser.newContext({ locale: 'ru-RU', javaScriptEnabled: false });
    const c = await ru.newPage();
    await c.goto(`${base}/login?next=%2Forganizer`);
    await c.getByLabel('Адрес электронной почты').fill(citizen.user.email);
    await c.getByLabel('Пароль').fill(PASSWORD);
    await c.getByRole('button', { name: 'Войти' }).click();
    await c.waitForURL(`${base}/organizer`);
    expect(await c.locator('h1').textContent()).toBe('Нет доступа');
    await ru.close();
  });
});
