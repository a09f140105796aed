import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Plan } from '../../src/plans/plan.entity';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import { axeFindings, launchBrowser, runBrowser, SCREENSHOTS, serve } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const suite = runBrowser ? describe : describe.skip;
const SAMPLE = join(__dirname, '../../src/web/assets/annual-plan-sample.csv');

/**
 * An organizer imports the sample annual plan in a real browser: the link from their pages, the
 * file input, the preview table, the confirm button, the drafts. The preview and the result are
 * answers to POSTs, so axe runs on the page in place (script on; the pages use none).
 */
suite('import of the annual plan in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let organizationId: string;
  const email = 'organizer-import@example.test';

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat of Almaty city' });
    organizationId = akimat.id;
    await createUser(t, 'organizer', { organizationId: akimat.id, email, locale: 'ru' });
    base = await serve(t);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('upload → preview → confirm, every page without serious axe findings', async () => {
    await page.goto(`${base}/login?next=${encodeURIComponent('/organizer')}&lang=ru`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('form[action^="/login"] button[type="submit"]').click();
    await page.getByRole('link', { name: 'Импорт из годового плана закупок' }).click();
    expect(await axeFindings(page)).toEqual([]);

    await page.getByLabel('Файл CSV годового плана').setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByRole('heading', { name: 'Проверка перед импортом' }).waitFor();
    const table = page.getByRole('table', { name: 'Строки файла annual-plan-sample.csv' });
    expect(await table.getByRole('row').count()).toBe(7);
    expect(await table.getByRole('rowheader', { name: '2', exact: true }).count()).toBe(1);
    expect(await page.locator('#import-summary').textContent()).toBe('Строк: 6; будет создано: 6; уже импортировано: 0; с ошибками: 0.');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-import-preview.png'), fullPage: true });
    expect(await axeFindings(page)).toEqual([]);
    expect(await t.db.getRepository(Plan).countBy({ organizationId })).toBe(0);

    await page.getByRole('button', { name: 'Создать черновики (6)' }).click();
    await page.getByRole('heading', { name: 'Импорт выполнен' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Создано черновиков: 6');
    expect(await axeFindings(page)).toEqual([]);
    expect(await t.db.getRepository(Plan).countBy({ organizationId })).toBe(6);

    await page.getByRole('link', { name: '2027-0003-ЗЦП' }).click();
    await page.getByText('Номер пункта плана').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Бумага офисная формата А4');
  });
});
