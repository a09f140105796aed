import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Remark } from '../../src/remarks/remark.entity';
import { launchBrowser, newPage, runBrowser, SCREENSHOTS, seriousViolations, serve } from '../support/browser';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';
import { publishedPlan } from '../remarks/published-plan';

const suite = runBrowser ? describe : describe.skip;
const API = '/api/v1';

suite('moderation in a real browser: report, hide from the queue, appeal, restore (en, ru, kk; no JavaScript; axe)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let author: CreatedUser;
  let reporter: CreatedUser;
  let moderatorA: CreatedUser;
  let moderatorB: CreatedUser;
  let planId: string;
  let remarkId: string;
  const phone = '+7 701 234 56 78';

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council, { name: 'Akimat of Almaty' });
    const organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Айгерім С.', locale: 'kk' });
    reporter = await createUser(t, 'citizen', { displayName: 'Reporter R.' });
    moderatorA = await createUser(t, 'moderator', { displayName: 'Модератор Алма' });
    moderatorB = await createUser(t, 'moderator', { displayName: 'Moderator Bek' });
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const r = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(authNow(t, author))
      .send({ body: `Бәрің ұрысыңдар! Маған ${phone} нөміріне хабарласыңдар.`, language: 'kk' })
      .expect(201);
    remarkId = r.body.id;
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A new English session signed in as `who`; other languages are chosen with ?lang= (remembered). */
  async function signedIn(who: CreatedUser): Promise<{ context: BrowserContext; page: Page }> {
    const session = await newPage(browser, 'en-US');
    await session.page.goto(`${base}/login`);
    await session.page.getByLabel('E-mail address').fill(who.user.email);
    await session.page.getByLabel('Password').fill(PASSWORD);
    await session.page.getByRole('button', { name: 'Sign in' }).click();
    return session;
  }

  const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').trim();

  it('registration asks for consent to publish the name and remarks, by its field (en; axe)', async () => {
    const { context, page } = await newPage(browser, 'en-US');
    await page.goto(`${base}/register`);
    await page.getByLabel('E-mail address').fill('dana.consent@example.kz');
    await page.getByLabel('Display name', { exact: true }).fill('Dana');
    await page.getByLabel('Password').fill('Steppe-wind-2027');
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await text(page, '#consent-error')).toBe('Consent to the publication of your display name and remarks is needed to take part.');
    expect(await page.locator('#consent:focus').count()).toBe(1);
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    // the box sits beside its label, on the same line, as the other check boxes (also on a phone's width)
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      const box = (await page.locator('#consent').boundingBox())!;
      const label = (await page.locator('label[for="consent"]').boundingBox())!;
      expect(label.x).toBeGreaterThan(box.x + box.width - 1);
      expect(label.y).toBeLessThan(box.y + box.height);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Password').fill('Steppe-wind-2027');
    await page.getByLabel('I consent to the publication of my display name and remarks').check();
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await text(page, 'h1')).toBe('Check your e-mail');
    await context.close();
  });

  it('a citizen reports the remark: masked text, a reason and words; back to the plan with a confirmation (en)', async () => {
    const { context, page } = await signedIn(reporter);
    await page.goto(`${base}/remarks/${remarkId}/report`);
    expect(await text(page, 'h1')).toBe('Report a remark');
    expect(await page.locator('main').textContent()).not.toContain(phone);
    // no empty band above the card's first heading; "Back to the plan" is a plain link
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('section.remark > h2')).marginTop")).toBe('0px');
    expect(await page.getByRole('link', { name: 'Back to the plan' }).getAttribute('class')).toBeNull();
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.getByRole('button', { name: 'Send the report' }).click();
    expect(await text(page, '#report-reason-error')).toBe('Choose why the remark should be hidden.');
    expect(await page.locator('#report-reason-insult:focus').count()).toBe(1);
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.getByLabel('insult', { exact: true }).check();
    await page.getByLabel('Your words (optional)').fill('Calls everyone thieves and posts a phone number.');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.waitForURL(`${base}/plans/${planId}?done=reported&remark=${remarkId}#remark-${remarkId}`);
    // the confirmation is where the reader lands: in the remark's card, on screen
    expect(await text(page, `#remark-${remarkId} #flash`)).toBe('Thank you: your report has been sent to the moderators.');
    const flashBox = (await page.locator('#flash').boundingBox())!;
    expect(flashBox.y).toBeGreaterThanOrEqual(0);
    expect(flashBox.y + flashBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'moderation-reported.png'), fullPage: true });
    await context.close();
  });

  it('a moderator lands on the queue and hides the remark from it, the form checked by its fields (ru)', async () => {
    const { context, page } = await signedIn(moderatorA);
    expect(page.url()).toBe(`${base}/moderation`);
    await page.goto(`${base}/moderation?lang=ru`);
    expect(await text(page, 'h1')).toBe('Очередь модерации');
    const item = page.locator(`#queue-${remarkId}`);
    expect(await item.textContent()).toContain(phone); // moderators read the original
    expect(await item.textContent()).toContain('Calls everyone thieves and posts a phone number.');
    expect(await item.textContent()).toContain('оскорбление');
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'moderation-queue-ru.png'), fullPage: true });
    await item.getByRole('link', { name: /Открыть и решить/ }).click();
    await page.waitForURL(`${base}/moderation/remarks/${remarkId}`);
    expect(await text(page, 'h1')).toBe('Замечание на модерации');
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);

    await page.getByLabel('Скрыть замечание').check();
    await page.getByRole('button', { name: 'Записать решение' }).click();
    expect(await text(page, '#decision-reason-error')).toBe('Выберите причину скрытия замечания.');
    expect(await text(page, '#decision-note-error')).toBe('Напишите пояснение для автора: от 1 до 2000 символов.');
    expect(await page.locator('#decision-reason:focus').count()).toBe(1);
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);

    t.clock.set(new Date('2027-03-03T10:00:00+05:00'));
    await page.getByLabel('Причина скрытия').selectOption('insult');
    await page.getByLabel('Пояснение для автора').fill('Оскорбляет других участников и публикует номер телефона.');
    await page.getByRole('button', { name: 'Записать решение' }).click();
    await page.waitForURL(`${base}/moderation/remarks/${remarkId}?done=hidden`);
    expect(await text(page, '#flash')).toBe('Замечание скрыто. Автору отправлено письмо.');
    expect((await t.db.getRepository(Remark).findOneByOrFail({ id: remarkId })).hiddenReason).toBe('insult');
    await page.goto(`${base}/moderation`);
    expect(await text(page, '#queue-empty')).toBe('Модерировать нечего: открытых жалоб и ожидающих апелляций нет.');
    expect(await seriousViolations(browser, context, page.url(), 'ru-RU')).toEqual([]);
    await context.close();
  });

  it('the author sees the remark hidden, why and until when, and appeals (kk)', async () => {
    const { context, page } = await signedIn(author);
    await page.goto(`${base}/remarks/${remarkId}/appeal?lang=kk`);
    expect(await text(page, 'h1')).toBe('Ескертуіңізді жасыру туралы шешімге апелляция');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(phone); // the author's own text
    expect(main).toContain('қорлау');
    expect(main).toContain('Оскорбляет других участников и публикует номер телефона.');
    expect(await text(page, '#appeal-until')).toMatch(/^Апелляцияны .*2027.* дейін беруге болады\.$/);
    expect(await seriousViolations(browser, context, page.url(), 'kk-KZ')).toEqual([]);
    await page.getByRole('button', { name: 'Апелляцияны жіберу' }).click();
    expect(await text(page, '#appeal-text-error')).toBe('Апелляцияны жазыңыз: 1-ден 2000 таңбаға дейін.');
    expect(await page.locator('#appeal-text:focus').count()).toBe(1);
    await page.getByLabel('Сіздің апелляцияңыз').fill('Ашуланып жаздым, бірақ лот туралы ескерту орынды.');
    await page.getByRole('button', { name: 'Апелляцияны жіберу' }).click();
    await page.waitForURL(`${base}/remarks/${remarkId}/appeal?done=appealed`);
    expect(await text(page, '#flash')).toBe('Апелляцияңыз жіберілді. Шешім туралы электрондық пошта арқылы хабарланады.');
    expect(await text(page, '#appeal-blocked')).toBe('Апелляцияңыз модератордың шешімін күтуде.');
    expect(await seriousViolations(browser, context, page.url(), 'kk-KZ')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'moderation-appeal-kk.png'), fullPage: true });
    // on the plan page: no appeal link any more but the appeal's state, the moderator's note, and the muted "no answer needed"
    await page.goto(`${base}/plans/${planId}?lang=kk`);
    const card = page.locator(`#remark-${remarkId}`);
    expect(await text(page, `#appeal-state-${remarkId}`)).toBe('Апелляция басқа модератордың шешімін күтуде.');
    expect(await card.locator(`a[href="/remarks/${remarkId}/appeal"]`).count()).toBe(0);
    expect(await text(page, `#moderator-note-${remarkId}`)).toBe(
      'Модератордың түсініктемесі: Оскорбляет других участников и публикует номер телефона.',
    );
    const colors = await page.evaluate<string[]>(
      `(() => { const li = document.getElementById('remark-${remarkId}'); return [getComputedStyle(li.querySelector('.no-answer-needed')).color, getComputedStyle(li.querySelector('.meta')).color]; })()`,
    );
    expect(colors[0]).toBe(colors[1]);
    expect(await seriousViolations(browser, context, page.url(), 'kk-KZ')).toEqual([]);
    await context.close();
  });

  it('the moderator who hid it is told why they cannot decide; another moderator restores the remark from the queue (en)', async () => {
    const a = await signedIn(moderatorA);
    await a.page.goto(`${base}/moderation/remarks/${remarkId}?lang=en`);
    expect(await text(a.page, '#cannot-decide')).toContain('You made the decision under appeal');
    expect(await seriousViolations(browser, a.context, a.page.url())).toEqual([]);
    await a.page.goto(`${base}/moderation?lang=en`);
    expect(await a.page.locator(`#queue-${remarkId}`).textContent()).toContain('You hid this remark: another moderator decides.');
    expect(
      await a.page
        .locator(`#queue-${remarkId}`)
        .getByRole('link', { name: /Open and decide/ })
        .count(),
    ).toBe(0);
    expect(await seriousViolations(browser, a.context, a.page.url())).toEqual([]);
    await a.context.close();

    const { context, page } = await signedIn(moderatorB);
    const item = page.locator(`#queue-${remarkId}`);
    expect(await item.textContent()).toContain('Ашуланып жаздым, бірақ лот туралы ескерту орынды.');
    expect(await item.textContent()).toContain('Hidden by Модератор Алма on');
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await item.getByRole('link', { name: /Open and decide/ }).click();
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.getByLabel('Restore it: make it public again').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForURL(`${base}/moderation/remarks/${remarkId}?done=restored`);
    expect(await text(page, '#flash')).toMatch(/^Appeal granted: the remark is public again; its answer is due by .*2027/);
    expect(await page.locator('main').textContent()).toContain('Restored on appeal on');
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    expect((await t.db.getRepository(Remark).findOneByOrFail({ id: remarkId })).hiddenAt).toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS, 'moderation-restored.png'), fullPage: true });
    await context.close();
  });
});
