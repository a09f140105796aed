import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { User } from '../../src/identity/user.entity';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { PlanSubscriptionsRepository } from '../../src/plans/plan-subscriptions.repository';
import { Remark } from '../../src/remarks/remark.entity';
import { RemarksService } from '../../src/remarks/remarks.service';
import { launchBrowser, newPage, runBrowser, SCREENSHOTS, seriousViolations, serve } from '../support/browser';
import { seedDemoWorld } from '../support/demo-world';
import { asAuthUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const suite = runBrowser ? describe : describe.skip;

suite('a citizen in a real browser: registration to the answer, in English, Kazakh and Russian (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let stage1Id: string;
  let hearingPlanId: string;
  let organizer: User;
  const email = 'aigerim.browser@example.kz';
  const password = 'Apple-orchard-2027';
  const remarkText = 'Please split the lot by district so that local suppliers can bid.';

  beforeAll(async () => {
    t = await startTestApp();
    const world = await seedDemoWorld(t);
    organizer = world.organizers.akimat.user;
    stage1Id = world.stage1Id;
    hearingPlanId = world.hearingPlanId;
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The e-mailed link of `path`, pointed at the test server. */
  async function mailedLink(to: string, path: string): Promise<string> {
    await t.flushMail();
    const mail = t.smtp
      .to(to)
      .filter((m) => (m.text ?? '').includes(path))
      .at(-1);
    const match = new RegExp(`http://talqylau\\.test(${path}\\?token=[A-Za-z0-9_-]+)`).exec(mail?.text ?? '');
    if (!match) throw new Error(`no ${path} link e-mailed to ${to}`);
    return `${base}${match[1]}`;
  }

  it('registers in English (errors by the fields first), confirms the e-mailed link, signs in, remarks, follows and signs up', async () => {
    const { context, page } = await newPage(browser, 'en-US');
    await page.goto(base);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.waitForURL(`${base}/register`);
    expect(await seriousViolations(browser, context, `${base}/register`)).toEqual([]);

    // errors are reported by their fields, and what was typed stays
    await page.getByLabel('E-mail address').fill('aigerim.browser@');
    await page.getByLabel('Display name', { exact: true }).fill('Aigerim S.');
    await page.getByLabel('Password').fill('qwerty1234');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.locator('#email-error').textContent()).resolves.toBe('Enter an e-mail address like name@example.kz.');
    await expect(page.locator('#password-error').textContent()).resolves.toContain('10 to 128 characters');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.locator('#email:focus').count()).toBe(1);
    expect(await page.inputValue('#displayName')).toBe('Aigerim S.');
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-register-errors.png'), fullPage: true });

    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Language of e-mails').selectOption('kk');
    await page.getByLabel('I consent to the publication of my display name and remarks').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your e-mail');
    await expect(page.locator('main').textContent()).resolves.toContain(email);

    // the e-mailed link (in Kazakh, the chosen language) confirms the address
    await page.goto(await mailedLink(email, '/verify-email'));
    await expect(page.locator('h1').textContent()).resolves.toBe('E-mail address confirmed');
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-verified.png'), fullPage: true });
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.site-header').textContent()).resolves.toContain('Signed in: Aigerim S.');

    // a remark on the open discussion
    await page.goto(`${base}/plans/${stage1Id}`);
    await page.getByLabel('Your remark or proposal').fill(remarkText);
    await page.getByRole('button', { name: 'Publish the remark' }).click();
    await page.waitForURL(/done=remark/);
    expect(await page.locator('.remark .body', { hasText: remarkText }).count()).toBe(1);

    // a minute later (the procedure's manual clock stands still otherwise, and dates the follows),
    // follow the plan with the hearing, then sign up for the hearing
    t.clock.advance(60_000);
    await page.goto(`${base}/plans/${hearingPlanId}`);
    await page.getByRole('button', { name: 'Follow this plan' }).click();
    await page.waitForURL(/done=followed/);
    await expect(page.locator('#participation-flash').textContent()).resolves.toBe('You now follow this plan.');
    await page.getByRole('button', { name: 'Sign up for the hearing' }).click();
    await page.waitForURL(/done=signedup/);
    await expect(page.locator('#participation-flash').textContent()).resolves.toBe('You are signed up for the hearing.');
    expect(await page.getByRole('button', { name: 'Cancel my sign-up' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Add to calendar (.ics)' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Report: how every remark was taken into account (CSV)' }).count()).toBe(1);
    const user = await t.db.getRepository(User).findOneByOrFail({ emailKey: email });
    expect(await t.db.getRepository(PlanSubscription).count({ where: { planId: hearingPlanId, userId: user.id } })).toBe(2);
    expect(await seriousViolations(browser, context, `${base}/plans/${hearingPlanId}`)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-plan-follow-signup.png'), fullPage: true });

    // my remarks: awaiting the answer, then answered
    await page.getByRole('link', { name: 'My remarks' }).click();
    await page.waitForURL(`${base}/my/remarks`);
    await expect(page.locator('.my-remarks').textContent()).resolves.toMatch(/Awaiting the answer, due by \d+ \w+ 2027/);
    const remark = await t.db.getRepository(Remark).findOneByOrFail({ body: remarkText });
    await t.app.get(RemarksService).answer(
      asAuthUser(organizer),
      remark.id,
      // an English remark: the answer is in a state language (Russian here), with an English version
      { ru: 'Лот будет разделён на три районных лота в извещении.', en: 'The lot will be split into three district lots in the notice.' },
      'partially_accepted',
    );
    await page.reload();
    const item = page.locator(`#remark-${remark.id}`);
    await expect(item.locator('.answer').textContent()).resolves.toContain('partially accepted');
    await expect(item.locator('.answer').textContent()).resolves.toContain('The lot will be split into three district lots');
    expect(await item.getByRole('link', { name: 'Школьное питание для 12 школ Алмалинского района' }).count()).toBe(1);
    expect(await seriousViolations(browser, context, `${base}/my/remarks`)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-my-remarks.png'), fullPage: true });

    // statistics (public)
    await page.getByRole('link', { name: 'Statistics' }).click();
    expect(await page.locator('table caption').count()).toBe(4);
    // formal answers and commitments, overall and per organizer, and how each is counted
    const total = page.locator('#stats-total-substance');
    await expect(total.getByRole('row', { name: /Answers found formal by the public council/ }).textContent()).resolves.toMatch(
      /\(1 of \d+\)/,
    );
    await expect(total.getByRole('row', { name: /Commitments disputed by their authors/ }).textContent()).resolves.toContain(
      '33.3% (1 of 3)',
    );
    const organizers = page.locator('#stats-organizers-substance');
    expect(await organizers.getByRole('columnheader').allTextContents()).toEqual([
      'Organizer',
      'Answers called formal by their authors',
      'Authors who called an answer formal',
      'Answers found formal by the public council',
      'Commitments',
      'Commitments implemented in the documentation',
      'Commitments confirmed by their authors',
      'Commitments disputed by their authors',
    ]);
    expect(await organizers.getByRole('row').count()).toBe(3);
    expect(await page.locator('#notes + dl dt').count()).toBe(12);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-statistics.png'), fullPage: true });
    expect(await seriousViolations(browser, context, `${base}/statistics`)).toEqual([]);
    await context.close();
  });

  it('in Kazakh: my remarks with the answer, the hearing sign-up, statistics; a phone screen', async () => {
    const { context, page } = await newPage(browser, 'kk-KZ');
    await page.goto(`${base}/login?next=${encodeURIComponent('/my/remarks')}`);
    await page.getByLabel('Электрондық пошта мекенжайы').fill(email);
    await page.getByLabel('Құпиясөз').fill(password);
    await page.getByRole('button', { name: 'Кіру' }).click();
    await page.waitForURL(`${base}/my/remarks`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Менің ескертулерім мен ұсыныстарым');
    await expect(page.locator('.answer').first().textContent()).resolves.toContain('ішінара ескерілді');
    expect(await seriousViolations(browser, context, `${base}/my/remarks`, 'kk-KZ')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-my-remarks-kk-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${base}/plans/${hearingPlanId}`);
    await page.getByRole('button', { name: 'Жазылудан бас тарту' }).click();
    await page.waitForURL(/done=withdrawn/);
    await expect(page.locator('#participation-flash').textContent()).resolves.toBe(
      'Тыңдауларға жазылуыңыз тоқтатылды. Бәрібір қатыса аласыз.',
    );
    expect(await page.getByRole('button', { name: 'Тыңдауларға жазылу' }).count()).toBe(1);

    // the account page lists the plan followed; unfollowing there comes back to the list
    await page.getByRole('link', { name: 'Сіз кірдіңіз: Aigerim S.' }).click();
    await page.waitForURL(`${base}/account`);
    await expect(page.locator('h2#following').textContent()).resolves.toBe('Сіз бақылайтын жоспарлар');
    // latest first: the plan followed with the button, then the one followed by remarking on it
    const followed = page.locator('.followed-plans li');
    expect(await followed.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/plans/${hearingPlanId}`,
      `/plans/${stage1Id}`,
    ]);
    const unfollow = followed.first().getByRole('button', { name: 'Бақылауды тоқтату' });
    // the button is named with its plan, for a screen reader's or voice control's list of buttons
    await expect(unfollow.getAttribute('aria-labelledby')).resolves.toBe(`following-button-${hearingPlanId} following-${hearingPlanId}`);
    expect(await page.getByRole('button', { name: 'Бақылауды тоқтату Аудандық ауруханаларға УДЗ аппараттарын сатып алу' }).count()).toBe(1);
    expect(await seriousViolations(browser, context, `${base}/account`, 'kk-KZ')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-account-following-kk.png'), fullPage: true });
    await unfollow.click();
    await page.waitForURL(`${base}/account?done=unfollowed#following`);
    await expect(page.locator('#flash').textContent()).resolves.toBe('Сіз енді жоспарды бақыламайсыз.');
    expect(await page.locator('.followed-plans li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/plans/${stage1Id}`,
    ]);

    // the plan's news switched off by an e-mail's unsubscribe link: listed, and followed again from here
    const user = await t.db.getRepository(User).findOneByOrFail({ emailKey: email });
    await t.app.get(PlanSubscriptionsRepository).optOutOfNews(t.db, hearingPlanId, user.id, t.clock.now());
    await page.goto(`${base}/account`);
    await expect(page.locator('h2#news-off').textContent()).resolves.toBe('Жаңалықтарынан бас тартқан жоспарлар');
    expect(await seriousViolations(browser, context, `${base}/account`, 'kk-KZ')).toEqual([]);
    await page.getByRole('button', { name: 'Қайта бақылау' }).click();
    await page.waitForURL(`${base}/account?done=followed#following`);
    await expect(page.locator('#flash').textContent()).resolves.toBe('Енді сіз жоспарды бақылап отырсыз.');
    expect(await page.locator('.followed-plans li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/plans/${hearingPlanId}`,
      `/plans/${stage1Id}`,
    ]);
    expect(await page.locator('h2#news-off').count()).toBe(0);

    await page.goto(`${base}/statistics`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Қоғамдық талқылаулар статистикасы');
    expect(await page.locator('th', { hasText: 'Келіп түскен ескертулер' }).count()).toBe(2); // a row of the total, a column by organizer
    expect(await page.locator('th', { hasText: 'Авторлары дау айтқан міндеттемелер' }).count()).toBe(2);
    expect(await page.locator('dt', { hasText: 'Қоғамдық кеңес формальды деп таныған жауаптар' }).count()).toBe(1);
    expect(await seriousViolations(browser, context, `${base}/statistics`, 'kk-KZ')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-statistics-kk.png'), fullPage: true });
    await context.close();
  });

  it('in Russian: a forgotten password is reset through the e-mailed link', async () => {
    const { context, page } = await newPage(browser, 'ru-RU');
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    expect(await seriousViolations(browser, context, `${base}/forgot-password`, 'ru-RU')).toEqual([]);
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    await expect(page.locator('#email-error').textContent()).resolves.toBe('Введите адрес электронной почты вида name@example.kz.');
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByRole('button', { name: 'Отправить ссылку' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Проверьте электронную почту');

    await page.goto(await mailedLink(email, '/reset-password'));
    await page.getByLabel('Новый пароль').fill('Mountain-river-2028');
    await page.getByRole('button', { name: 'Сохранить новый пароль' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Пароль изменён');
    await page.getByRole('main').getByRole('link', { name: 'Войти' }).click();
    await page.getByLabel('Адрес электронной почты').fill(email);
    await page.getByLabel('Пароль').fill('Mountain-river-2028');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.locator('.site-header').textContent()).resolves.toContain('Вы вошли: Aigerim S.');
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-signed-in-ru.png'), fullPage: true });
    await context.close();
  });
});
