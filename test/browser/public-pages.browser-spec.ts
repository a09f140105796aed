import { LocalizedText } from '../../src/common/i18n/localized-text';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { Hearing } from '../../src/hearings/hearing.entity';
import { Plan } from '../../src/plans/plan.entity';
import { answerDueAt, hearingDeadlineDate, stage1Window } from '../../src/procedure/deadlines';
import { Answer } from '../../src/remarks/answer.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import { axeFindings as seriousViolations, CHROMIUM, launchBrowser, runBrowser, SCREENSHOTS, serve } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

if (!runBrowser) {
  console.warn(`Browser tests skipped: ${CHROMIUM} not found (install chromium; in CI, with CI=true, this fails instead).`);
}
const suite = runBrowser ? describe : describe.skip;

/** A text written in English only (the pages in kk and ru show it marked as English). */
const en = (text: string) => LocalizedText.single(text, 'en')!;
const XSS = '<script>alert(1)</script>';

suite('public pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let planId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council, { name: 'Akimat of Almaty region' });
    const organizer = await createUser(t, 'organizer', { organizationId: org.id, displayName: 'Organizer' });
    const citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    const cal = new WorkingCalendar();
    const cfg = t.config.procedure;
    const tz = org.timeZone;

    const publishedAt = new Date('2027-02-25T09:00:00+05:00');
    const w = stage1Window(publishedAt, tz, cal, cfg);
    const plans = t.db.getRepository(Plan);
    const plan = await plans.save({
      organizationId: org.id,
      createdBy: organizer.user.id,
      title: en('School meals for district schools'),
      description: en('Hot meals for 12 schools.\nDelivery every working day.'),
      subjectCode: '561019.000.000000',
      amount: 125_000_000,
      method: 'open_tender',
      plannedQuarter: '2027-Q2',
      deliveryPlace: en('Almaty region'),
      publishedAt,
      stage1ClosesAt: w.closesAt,
      stage1CloseDate: w.closeDate,
      hearingDeadlineDate: hearingDeadlineDate(w.closeDate, cfg),
    });
    planId = plan.id;
    const draft = await plans.save({
      organizationId: org.id,
      createdBy: organizer.user.id,
      title: en('Secret draft'),
      description: en('not yet'),
      subjectCode: '1',
      amount: 1,
      method: 'auction',
      publishedAt: null,
    });
    draftId = draft.id;

    const remarks = t.db.getRepository(Remark);
    const remark = async (body: string, at: string) =>
      remarks.save({
        planId,
        stage: 1 as const,
        authorId: citizen.user.id,
        body,
        language: 'en',
        createdAt: new Date(at),
        bodyHash: 'x'.repeat(64),
        answerDueAt: answerDueAt(new Date(at), tz, cal, cfg),
      });
    const first = await remark('Please split the lot by school so that local farms can take part.', '2027-02-26T11:00:00+05:00');
    await remark(XSS, '2027-02-26T12:00:00+05:00');
    for (let i = 0; i < 19; i++) await remark(`Filler remark number ${i + 1}`, `2027-02-27T10:${String(i).padStart(2, '0')}:00+05:00`);
    await t.db.getRepository(Answer).save({
      remarkId: first.id,
      version: 1,
      body: en('We will split the purchase into three lots by district.'),
      disposition: 'partially_accepted',
      authorId: organizer.user.id,
      publishedAt: new Date('2027-02-28T10:00:00+05:00'),
      late: false,
    });
    await remarks.update(first.id, { answeredAt: new Date('2027-02-28T10:00:00+05:00') });
    await t.db.getRepository(Hearing).save({
      planId,
      status: 'scheduled',
      startsAt: new Date('2027-03-19T10:00:00+05:00'),
      endsAt: new Date('2027-03-19T12:00:00+05:00'),
      localDate: '2027-03-19',
      venue: org.address,
      room: en('Hall 2'),
      icalUid: `${planId}@talqylau.test`,
      sequence: 0,
    });

    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(
    options: { width?: number; height?: number; locale?: string } = {},
  ): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      locale: options.locale ?? 'en-US',
      javaScriptEnabled: true,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return { context, page, dialogs };
  }

  it('home lists the open discussion and the upcoming hearing, and search filters', async () => {
    const { context, page } = await newPage();
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Open public discussions');
    const open = page.locator('ul[aria-labelledby="open-heading"]');
    await expect(open.textContent()).resolves.toContain('School meals for district schools');
    await expect(open.textContent()).resolves.toContain('16 days left');
    await expect(open.textContent()).resolves.toContain('17 March 2027');
    const hearings = page.locator('ul[aria-labelledby="hearings-heading"]');
    await expect(hearings.textContent()).resolves.toContain('19 March 2027');
    expect(await page.locator('text=Secret draft').count()).toBe(0);

    await page.getByLabel('Search procurement').fill('meals');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=meals/);
    await expect(open.textContent()).resolves.toContain('School meals');
    await page.getByLabel('Search procurement').fill('helicopter');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=helicopter/);
    await expect(page.locator('main').textContent()).resolves.toContain('No public discussion is open right now.');
    await context.close();
  });

  it('plan page shows facts, timeline, hearing, remarks with answers, XSS as text, and pages remarks', async () => {
    const { context, page, dialogs } = await newPage();
    await page.goto(`${base}/plans/${planId}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Akimat of Almaty region');
    expect(main).toMatch(/125,000,000/);
    expect(main).toContain('open tender');
    expect(main).toContain('Stage one closes');
    expect(main).toContain('Please split the lot by school');
    expect(main).toContain('We will split the purchase into three lots by district.');
    expect(main).toContain('partially accepted');
    expect(main).toContain('Hall 2');
    expect(await page.locator(`a[href="/api/v1/plans/${planId}/hearing.ics"]`).count()).toBe(1);
    expect(await page.locator('.remark .body', { hasText: XSS }).count()).toBe(1);
    expect(await page.locator('main script').count()).toBe(0);
    expect(dialogs).toEqual([]);

    expect(await page.locator('.remark').count()).toBe(20);
    await page.getByRole('link', { name: 'More remarks' }).click();
    await page.waitForURL(/cursor=/);
    expect(await page.locator('.remark').count()).toBe(1);
    await expect(page.locator('.remark .body').textContent()).resolves.toBe('Filler remark number 19');
    await context.close();
  });

  it('drafts and unknown pages are a 404 page in the user language', async () => {
    const { context, page } = await newPage({ locale: 'ru-RU' });
    const draft = await page.goto(`${base}/plans/${draftId}`);
    expect(draft?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Страница не найдена');
    const unknown = await page.goto(`${base}/no/such/page`);
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Страница не найдена');
    const bad = await page.goto(`${base}/plans/not-a-uuid`);
    expect(bad?.status()).toBe(404);
    await context.close();
  });

  it('switching to Kazakh changes <html lang> and headings and is remembered', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/plans/${planId}`);
    await page.getByRole('link', { name: 'Қазақша' }).click();
    await page.waitForURL(`${base}/plans/${planId}`);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await expect(page.locator('#remarks').textContent()).resolves.toBe('Ескертулер мен ұсыныстар');
    await expect(page.locator('main').textContent()).resolves.toContain('ішінара ескерілді');
    await page.getByRole('link', { name: 'Басты бет' }).first().click();
    await page.waitForURL(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ашық қоғамдық талқылаулар');
    await expect(page.locator('#hearings-heading').textContent()).resolves.toBe('Алдағы бетпе-бет көпшілік тыңдаулар');
    await page.screenshot({ path: join(SCREENSHOTS, 'home-kk-desktop.png'), fullPage: true });
    await context.close();
  });

  it('the language route only redirects to same-site paths', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await fetch(`${base}/lang/ru?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    }
    const ok = await fetch(`${base}/lang/kk?next=${encodeURIComponent('/plans/x?cursor=1')}`, { redirect: 'manual' });
    expect(ok.headers.get('location')).toBe('/plans/x?cursor=1');
    expect(ok.headers.get('set-cookie')).toMatch(/lang=kk;.*Max-Age=31536000/i);
    const css = await fetch(`${base}/assets/site.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('max-age');
  });

  it('the low-vision toggle enlarges text and is remembered', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/`);
    const before = await page.evaluate<number>('parseFloat(getComputedStyle(document.body).fontSize)');
    await page.getByRole('link', { name: 'Larger text and high contrast' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getAttribute('body', 'class')).toContain('lowvision');
    const after = await page.evaluate<number>('parseFloat(getComputedStyle(document.body).fontSize)');
    expect(after).toBeGreaterThan(before);
    await page.goto(`${base}/plans/${planId}`);
    expect(await page.getAttribute('body', 'class')).toContain('lowvision');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-lowvision-desktop.png'), fullPage: true });
    await page.getByRole('link', { name: 'Standard view' }).click();
    await page.waitForURL(`${base}/plans/${planId}`);
    expect(await page.getAttribute('body', 'class')).not.toContain('lowvision');
    await context.close();
  });

  it('has no serious or critical axe violations and takes screenshots (desktop and phone)', async () => {
    for (const [name, width, height] of [
      ['desktop', 1280, 900],
      ['phone', 390, 844],
    ] as const) {
      const { context, page } = await newPage({ width, height });
      await page.goto(`${base}/`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `home-${name}.png`), fullPage: true });
      await page.goto(`${base}/plans/${planId}`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `plan-${name}.png`), fullPage: true });
      if (name === 'phone') {
        await page.screenshot({ path: join(SCREENSHOTS, 'plan-phone-top.png') });
        const overflow = await page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
        expect(overflow).toBe(false);
      }
      await context.close();
    }
  });
});
