import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Protocol } from '../../src/hearings/protocol.entity';
import { User } from '../../src/identity/user.entity';
import { Organization } from '../../src/organizations/organization.entity';
import { Plan } from '../../src/plans/plan.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import {
  fillText,
  launchBrowser,
  newPage as openPage,
  runBrowser,
  SCREENSHOTS,
  seriousViolations as axeFindings,
  serve,
} from '../support/browser';
import { bilingual, createUser, makeBin, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const suite = runBrowser ? describe : describe.skip;

const STAFF_PASSWORD = 'Long-enough-pass-1';

/** Labels of the sign-in form in each language. */
const SIGN_IN = {
  en: { email: 'E-mail address', password: 'Password', button: 'Sign in' },
  ru: { email: 'Адрес электронной почты', password: 'Пароль', button: 'Войти' },
  kk: { email: 'Электрондық пошта мекенжайы', password: 'Құпиясөз', button: 'Кіру' },
};

suite('council and admin pages in a real browser (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const adminEmail = 'admin-pages@example.test';

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    await createUser(t, 'admin', { email: adminEmail, displayName: 'Administrator' });
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const newPage = (locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> => openPage(browser, locale);
  const seriousViolations = (from: BrowserContext, url: string): Promise<string[]> => axeFindings(browser, from, url);

  /** Opens a staff page signed out, is sent to the sign-in form, signs in and comes back. */
  async function signInAt(page: Page, path: string, email: string, password: string, lang: keyof typeof SIGN_IN): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.waitForURL(/\/login\?next=/);
    const l = SIGN_IN[lang];
    await page.getByLabel(l.email).fill(email);
    await page.getByLabel(l.password).fill(password);
    await page.getByRole('button', { name: l.button, exact: true }).click();
    await page.waitForURL(`${base}${path}`);
  }

  async function createStaff(page: Page, role: string, email: string, name: string, choose: () => Promise<unknown>): Promise<void> {
    await page.check(`#user-role-${role}`);
    await page.fill('#user-email', email);
    await page.fill('#user-name', name);
    await page.fill('#user-password', STAFF_PASSWORD);
    await choose();
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/done=created/);
    await expect(page.locator('#flash').textContent()).resolves.toBe('The account was created.');
  }

  it('an administrator creates a council, an organizer and its staff; a council reviews a protocol in three languages', async () => {
    // --- the administrator, in English
    const adm = await newPage('en-US');
    await signInAt(adm.page, '/admin', adminEmail, PASSWORD, 'en');
    expect(await adm.page.locator('h1').textContent()).toBe('Administration');
    expect(await seriousViolations(adm.context, `${base}/admin`)).toEqual([]);

    await adm.page.getByRole('link', { name: 'Public councils' }).first().click();
    // the name in Kazakh and Russian side by side (English is optional and folded)
    await adm.page.fill('#name_kk', 'Алматы қаласының қоғамдық кеңесі');
    await adm.page.fill('#name_ru', 'Общественный совет города Алматы');
    await adm.page.getByRole('button', { name: 'Add the public council' }).click();
    await adm.page.waitForURL(/done=created/);
    expect(await adm.page.locator('table caption').textContent()).toBe('Public councils, by name');

    await adm.page.goto(`${base}/admin/organizations`);
    await adm.page.fill('#name_kk', 'Алматы қаласының әкімдігі');
    await adm.page.fill('#name_ru', 'Акимат города Алматы');
    await adm.page.getByLabel('BIN').fill('940240000437');
    await adm.page.fill('#address_ru', 'г. Алматы, площадь Республики, 4');
    await adm.page.getByLabel('Time zone').selectOption('Asia/Almaty');
    // no English name: the Russian one is offered to the English reader
    await adm.page.getByLabel('Overseeing public council').selectOption({ label: 'Общественный совет города Алматы' });
    await adm.page.getByRole('button', { name: 'Add the organizer' }).click();
    await expect(adm.page.locator('#org-bin-error').textContent()).resolves.toBe('The BIN must be 12 digits with a valid check digit.');
    expect(await adm.page.getAttribute('#org-bin', 'aria-invalid')).toBe('true');
    expect(await adm.page.locator('#org-bin:focus').count()).toBe(1);
    expect(await adm.page.inputValue('#name_ru')).toBe('Акимат города Алматы');
    await adm.page.screenshot({ path: join(SCREENSHOTS, 'admin-organization-error.png'), fullPage: true });
    expect(await seriousViolations(adm.context, `${base}/admin/organizations`)).toEqual([]);
    const bin = makeBin();
    await adm.page.getByLabel('BIN').fill(bin);
    await adm.page.getByRole('button', { name: 'Add the organizer' }).click();
    await adm.page.waitForURL(/done=created/);
    await expect(adm.page.locator('table').textContent()).resolves.toContain(bin);
    const organization = await t.db.getRepository(Organization).findOneByOrFail({ bin });

    await adm.page.goto(`${base}/admin/users`);
    await createStaff(adm.page, 'organizer', 'procurement@akimat.test', 'Procurement department', () =>
      adm.page.getByLabel('Organizer (for organizer staff)').selectOption({ label: 'Акимат города Алматы' }),
    );
    const council = async () =>
      adm.page.getByLabel('Public council (for council members)').selectOption({ label: 'Общественный совет города Алматы' });
    await createStaff(adm.page, 'council_member', 'chair@council.test', 'Gulnara K.', async () => {
      await council();
      await adm.page.getByLabel('Council chair').check();
    });
    await createStaff(adm.page, 'council_member', 'member1@council.test', 'Yerlan B.', async () => {
      await council();
      await adm.page.selectOption('#user-locale', 'ru');
    });
    await createStaff(adm.page, 'council_member', 'member2@council.test', 'Aliya N.', async () => {
      await council();
      await adm.page.selectOption('#user-locale', 'kk');
    });
    // a second chair is refused by the checkbox
    await adm.page.check('#user-role-council_member');
    await adm.page.fill('#user-email', 'chair2@council.test');
    await adm.page.fill('#user-name', 'Second chair');
    await adm.page.fill('#user-password', STAFF_PASSWORD);
    await council();
    await adm.page.check('#user-chair');
    await adm.page.getByRole('button', { name: 'Create the account' }).click();
    await expect(adm.page.locator('#user-chair-error').textContent()).resolves.toBe('This council already has a chair.');
    expect(await adm.page.isChecked('#user-role-council_member')).toBe(true);
    await adm.page.screenshot({ path: join(SCREENSHOTS, 'admin-users-error.png'), fullPage: true });
    expect(await seriousViolations(adm.context, `${base}/admin/users`)).toEqual([]);

    // a transfer in the working-day calendar
    await adm.page.goto(`${base}/admin/calendar?year=2027`);
    await adm.page.getByLabel('Date', { exact: true }).fill('2027-03-13');
    await adm.page.getByLabel('people work (e.g. a Saturday made a working day)').check();
    await adm.page.getByLabel('Reason').fill('Working Saturday (transfer, Government decree)');
    await adm.page.getByRole('button', { name: 'Save the date' }).click();
    await adm.page.waitForURL(/done=saved/);
    await expect(adm.page.locator('#flash').textContent()).resolves.toBe('Saved: 2027-03-13 is now a working day.');
    await expect(adm.page.locator('#override-2027-03-13').textContent()).resolves.toContain('Working Saturday');
    expect(await seriousViolations(adm.context, `${base}/admin/calendar?year=2027`)).toEqual([]);
    await adm.page.screenshot({ path: join(SCREENSHOTS, 'admin-calendar.png'), fullPage: true });
    await adm.page.getByRole('button', { name: /Remove the override of/ }).click();
    await adm.page.waitForURL(/done=removed/);
    expect(await adm.page.locator('#override-2027-03-13').count()).toBe(0);
    await adm.context.close();

    // --- a published protocol of that organizer awaits the council
    const organizer = await t.db.getRepository(User).findOneByOrFail({ emailKey: 'procurement@akimat.test' });
    const plan = await t.db.getRepository(Plan).save({
      organizationId: organization.id,
      createdBy: organizer.id,
      title: bilingual('№5 мектепті жөндеу', 'Ремонт школы №5'),
      description: bilingual('Күрделі жөндеу', 'Капитальный ремонт'),
      subjectCode: '452112.000.000000',
      amount: 150_000_000,
      method: 'open_tender',
      publishedAt: new Date('2027-01-04T10:00:00+05:00'),
      stage1ClosesAt: new Date('2027-01-25T23:59:59.999+05:00'),
      stage1CloseDate: '2027-01-25',
      hearingDeadlineDate: '2027-02-04',
      protocolPublishedAt: new Date('2027-02-22T10:00:00+05:00'),
      reviewClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
    });
    await t.db.getRepository(Protocol).save({
      planId: plan.id,
      attendeesCount: 34,
      speakers: [bilingual('Оқушылардың ата-аналары', 'Родители учеников'), bilingual('Мектеп директоры', 'Директор школы')],
      positions: [bilingual('Жөндеуді қолдау', 'Поддержать ремонт')],
      questions: [
        {
          question: bilingual('Жұмыстар қашан басталады?', 'Когда начнутся работы?'),
          answer: bilingual('Маусымда, демалыс кезінде.', 'В июне, во время каникул.'),
        },
      ],
      summary: bilingual('Тыңдау жөндеу көлемін талқылады.', 'На слушаниях обсудили объём ремонта.'),
      decisions: [bilingual('Сметаны жариялау', 'Опубликовать смету')],
      authorId: organizer.id,
      publishedAt: new Date('2027-02-22T10:00:00+05:00'),
    });
    const planPath = `/council/plans/${plan.id}`;

    // --- member 1, in Russian: errors in Russian, then a position with recommendations
    const m1 = await newPage('ru-RU');
    await signInAt(m1.page, '/council', 'member1@council.test', STAFF_PASSWORD, 'ru');
    expect(await m1.page.locator('h1').textContent()).toBe('Рассмотрение советом');
    await expect(m1.page.locator('table').textContent()).resolves.toContain('ещё не записана');
    expect(await seriousViolations(m1.context, `${base}/council`)).toEqual([]);
    await m1.page.getByRole('link', { name: 'Ремонт школы №5' }).click();
    await m1.page.waitForURL(`${base}${planPath}`);
    await expect(m1.page.locator('#protocol ~ dl').first().textContent()).resolves.toContain('34');
    await m1.page.getByRole('button', { name: 'Записать мою позицию' }).click();
    await expect(m1.page.locator('#position-error').textContent()).resolves.toBe('Выберите свою позицию.');
    // the reasons in any language: the error is on the group, the Kazakh field takes the focus
    await expect(m1.page.locator('#text-error').textContent()).resolves.toBe('Напишите обоснование (от 1 до 10000 символов).');
    expect(await m1.page.locator('#text').getAttribute('aria-describedby')).toBe('text-error');
    await m1.page.screenshot({ path: join(SCREENSHOTS, 'council-position-errors-ru.png'), fullPage: true });
    await m1.page.getByLabel('одобрить с рекомендациями').check();
    await fillText(m1.page, 'Обоснование', 'ru', { ru: 'Протокол полный, замечания граждан учтены.' });
    await fillText(m1.page, 'Рекомендации, по одной в строке', 'ru', {
      ru: 'Опубликовать смету.\nПригласить родителей на приёмку работ.',
    });
    await m1.page.getByRole('button', { name: 'Записать мою позицию' }).click();
    await m1.page.waitForURL(/done=position/);
    await expect(m1.page.locator('#flash').textContent()).resolves.toBe('Ваша позиция записана.');
    await expect(m1.page.locator('#positions ~ ol').first().textContent()).resolves.toContain('Yerlan B.: одобрить с рекомендациями');
    expect(await m1.page.locator('#position-form').count()).toBe(0);
    expect(await seriousViolations(m1.context, `${base}${planPath}`)).toEqual([]);
    await m1.context.close();

    // --- member 2, in Kazakh
    const m2 = await newPage('kk-KZ');
    await signInAt(m2.page, planPath, 'member2@council.test', STAFF_PASSWORD, 'kk');
    await m2.page.getByLabel('мақұлдау', { exact: true }).check();
    await fillText(m2.page, 'Негіздемесі', 'kk', { kk: 'Хаттама толық.' });
    await m2.page.getByRole('button', { name: 'Ұстанымымды жазу' }).click();
    await m2.page.waitForURL(/done=position/);
    await expect(m2.page.locator('#flash').textContent()).resolves.toBe('Ұстанымыңыз жазылды.');
    await m2.page.screenshot({ path: join(SCREENSHOTS, 'council-plan-kk.png'), fullPage: true });
    expect(await m2.page.getByRole('button', { name: 'Қарауды аяқтап, қорытындыны жариялау' }).count()).toBe(0); // not the chair
    await m2.context.close();

    // --- the chair, in English: sees what closing would produce, closes, sees the conclusion
    const chair = await newPage('en-US');
    await signInAt(chair.page, planPath, 'chair@council.test', STAFF_PASSWORD, 'en');
    await expect(chair.page.locator('#close-preview').textContent()).resolves.toBe(
      'If you close the review now, the conclusion will be: no majority. 2 of 3 members recorded a position: quorum reached (more than half of the members).',
    );
    expect(await seriousViolations(chair.context, `${base}${planPath}`)).toEqual([]);
    await chair.page.getByRole('button', { name: 'Close the review and publish the conclusion' }).click();
    await chair.page.waitForURL(/done=closed/);
    await expect(chair.page.locator('#flash').textContent()).resolves.toBe('The review is closed and the conclusion published.');
    await expect(chair.page.locator('.conclusion-result').textContent()).resolves.toBe('no majority');
    const recs = chair.page.locator('#recommendations ~ .table-wrap table');
    await expect(recs.locator('caption').textContent()).resolves.toBe("Each recommendation and the organizer's response");
    await expect(recs.textContent()).resolves.toContain('Опубликовать смету.');
    await expect(recs.textContent()).resolves.toContain('Awaiting a response; due by');
    expect(await chair.page.locator('#position-form').count()).toBe(0);
    expect(await seriousViolations(chair.context, `${base}${planPath}`)).toEqual([]);
    await chair.page.screenshot({ path: join(SCREENSHOTS, 'council-conclusion.png'), fullPage: true });
    const conclusion = await t.db.getRepository(ReviewConclusion).findOneByOrFail({ planId: plan.id });
    expect(conclusion).toMatchObject({ closedBy: 'chair', result: 'no_majority', quorum: true, positionsCount: 2, membersCount: 3 });

    // the list moves the plan to the reviewed ones
    await chair.page.goto(`${base}/council`);
    await expect(chair.page.locator('#reviewed ~ .table-wrap').textContent()).resolves.toContain('Ремонт школы №5');
    expect(await seriousViolations(chair.context, `${base}/council`)).toEqual([]);
    await chair.page.setViewportSize({ width: 390, height: 844 });
    await chair.page.screenshot({ path: join(SCREENSHOTS, 'council-list-phone.png'), fullPage: true });
    await chair.context.close();
  });

  it('a council member who opens an admin page gets a 403 page in their language', async () => {
    const { context, page } = await newPage('ru-RU');
    await signInAt(page, '/council', 'member1@council.test', STAFF_PASSWORD, 'ru');
    const response = await page.goto(`${base}/admin/users`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Нет доступа');
    await context.close();
  });
});
