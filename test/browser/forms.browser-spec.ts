import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { seedDemoPlanRows } from '../../src/demo/demo-plans';
import { CalendarService } from '../../src/calendar/calendar.service';
import { Plan } from '../../src/plans/plan.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const runBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
const suite = runBrowser ? describe : describe.skip;

suite('sign-in, remark and answer forms in a real browser (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let stage1Id: string;
  let closedId: string;
  const citizenEmail = 'citizen-forms@example.test';
  const organizerEmail = 'organizer-forms@example.test';

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat of Almaty city' });
    const health = await createOrganization(t.db, council, { name: 'Health department' });
    const orgA = await createUser(t, 'organizer', { organizationId: akimat.id, displayName: 'Akimat procurement', email: organizerEmail });
    const orgH = await createUser(t, 'organizer', { organizationId: health.id, displayName: 'Health procurement' });
    const citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.', email: citizenEmail });
    const c2 = await createUser(t, 'citizen', { displayName: 'Daniyar T.' });
    const c3 = await createUser(t, 'citizen', { displayName: 'Olga M.' });
    const members = [];
    for (let i = 0; i < 3; i++) members.push((await createUser(t, 'council_member', { councilId: council.id })).user);
    const created = await seedDemoPlanRows(t.db, t.clock.now(), await t.app.get(CalendarService).calendar(), t.config.procedure, {
      organizations: { akimat, health },
      organizers: { akimat: orgA.user, health: orgH.user },
      citizens: [citizen.user, c2.user, c3.user],
      akimatMembers: members,
      healthMembers: members,
    });
    expect(created).toBe(6);
    const plans = await t.db.getRepository(Plan).find();
    stage1Id = plans.find((p) => p.title.startsWith('Школьное питание'))!.id;
    closedId = plans.find((p) => p.outcomePublishedAt !== null)!.id;

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(javaScriptEnabled = false, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, javaScriptEnabled });
    return { context, page: await context.newPage() };
  }

  /** axe needs script; it runs in a JavaScript-enabled copy of the session. */
  async function seriousViolations(from: BrowserContext, url: string): Promise<string[]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', storageState: await from.storageState() });
    const page = await context.newPage();
    await page.goto(url);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    await context.close();
    const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
    // eslint-disable-next-line no-console
    if (minor.length) console.info(`axe (not failing) on ${url}: ${minor.map((v) => `${v.id}/${v.impact}`).join(', ')}`);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('a signed-out visitor sees a sign-in link; wrong credentials are reported by the field', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/plans/${stage1Id}`);
    const link = page.getByRole('link', { name: 'Sign in to leave a remark' });
    expect(await link.count()).toBe(1);
    expect(await page.locator('textarea').count()).toBe(0);
    await link.click();
    await page.waitForURL(/\/login\?next=/);
    expect(await seriousViolations(context, page.url())).toEqual([]);

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#email-error').textContent()).resolves.toBe('Fill in this field.');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.locator('#email:focus').count()).toBe(1); // autofocus on the first field in error

    await signIn(page, citizenEmail, 'Wrong-password-123');
    await expect(page.locator('#password-error').textContent()).resolves.toBe('Wrong e-mail address or password.');
    expect(await page.inputValue('#email')).toBe(citizenEmail);
    await page.screenshot({ path: join(SCREENSHOTS, 'login-error.png'), fullPage: true });
    await context.close();
  });

  it('a citizen signs in, is sent back, leaves a remark and sees it; the organizer answers it', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/login?next=${encodeURIComponent(`/plans/${stage1Id}`)}`);
    await signIn(page, citizenEmail);
    await page.waitForURL(`${base}/plans/${stage1Id}`);
    await expect(page.locator('.site-header').textContent()).resolves.toContain('Signed in: Aigerim S.');

    // the hint says until when, in the organizer's local time
    await expect(page.locator('#remark-hint').textContent()).resolves.toMatch(/Remarks are accepted until \d+ \w+ 2027/);
    await page.getByRole('button', { name: 'Publish the remark' }).click();
    await expect(page.locator('#remark-error').textContent()).resolves.toBe('Write the remark (1 to 10000 characters).');
    expect(await page.getAttribute('#remark-body', 'aria-describedby')).toContain('remark-error');

    const text = 'Please publish the calorie norms per age group with the specification.';
    await page.getByLabel('Your remark or proposal').fill(text);
    await page.getByRole('button', { name: 'Publish the remark' }).click();
    await page.waitForURL(/done=remark/);
    await expect(page.locator('#flash').textContent()).resolves.toContain('Your remark was published.');
    expect(await page.locator('.remark .body', { hasText: text }).count()).toBe(1);
    expect(await t.db.getRepository(Remark).count({ where: { body: text } })).toBe(1);
    // reload of the form page and a second submit of the same form would be one remark (idempotency key)
    expect(await seriousViolations(context, `${base}/plans/${stage1Id}`)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-remark-form.png'), fullPage: true });

    // a POST without the CSRF token is refused, and nothing is created
    const refused = await context.request.post(`${base}/plans/${stage1Id}/remarks`, { form: { body: 'forged remark' }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    const forged = await context.request.post(`${base}/plans/${stage1Id}/remarks`, { form: { body: 'forged remark', _csrf: 'abc.def' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await t.db.getRepository(Remark).count({ where: { body: 'forged remark' } })).toBe(0);

    // sign out (a POST form with the token)
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await context.close();

    const org = await newPage();
    await org.page.goto(`${base}/login?next=${encodeURIComponent(`/plans/${stage1Id}`)}`);
    await signIn(org.page, organizerEmail);
    await org.page.waitForURL(`${base}/plans/${stage1Id}`);
    const remark = await t.db.getRepository(Remark).findOneOrFail({ where: { body: text } });
    const item = org.page.locator(`#remark-${remark.id}`);
    expect(await org.page.locator('.remark form').count()).toBeGreaterThanOrEqual(2); // every unanswered remark
    expect(await org.page.locator('.remark:has(.answer) form').count()).toBe(0);

    await item.getByRole('button', { name: 'Publish the answer' }).click();
    await expect(org.page.locator(`#disposition-error-${remark.id}`).textContent()).resolves.toBe('Choose the disposition.');
    await expect(org.page.locator(`#answer-error-${remark.id}`).textContent()).resolves.toBe('Write a reasoned answer (at least 20 characters).');
    await org.page.screenshot({ path: join(SCREENSHOTS, 'plan-answer-errors.png'), fullPage: true });

    const fresh = org.page.locator(`#remark-${remark.id}`);
    await fresh.getByLabel('Disposition').selectOption('accepted');
    await fresh.getByLabel('Reasoned answer').fill('The calorie norms per age group will be attached to the technical specification.');
    await fresh.getByRole('button', { name: 'Publish the answer' }).click();
    await org.page.waitForURL(/done=answer/);
    await expect(org.page.locator('#flash').textContent()).resolves.toContain('The answer was published');
    await expect(org.page.locator(`#remark-${remark.id} .answer`).textContent()).resolves.toContain('The calorie norms per age group will be attached');
    await expect(org.page.locator(`#remark-${remark.id} .answer`).textContent()).resolves.toContain('accepted');
    expect(await org.page.locator(`#remark-${remark.id} form`).count()).toBe(0);
    expect(await seriousViolations(org.context, `${base}/plans/${stage1Id}`)).toEqual([]);
    await org.context.close();

    // the answer is public
    const anon = await newPage();
    await anon.page.goto(`${base}/plans/${stage1Id}`);
    await expect(anon.page.locator(`#remark-${remark.id} .answer`).textContent()).resolves.toContain('The calorie norms');
    await anon.context.close();
  });

  it('in Kazakh: the form and its errors speak Kazakh; a closed discussion refuses remarks', async () => {
    const { context, page } = await newPage(false, 'kk-KZ');
    await page.goto(`${base}/login?next=${encodeURIComponent(`/plans/${stage1Id}`)}`);
    await page.getByLabel('Электрондық пошта мекенжайы').fill(citizenEmail);
    await page.getByLabel('Құпиясөз').fill(PASSWORD);
    await page.getByRole('button', { name: 'Кіру' }).click();
    await page.waitForURL(`${base}/plans/${stage1Id}`);
    await page.getByRole('button', { name: 'Ескертуді жариялау' }).click();
    await expect(page.locator('#remark-error').textContent()).resolves.toBe('Ескертуді жазыңыз (1-ден 10000 таңбаға дейін).');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-remark-error-kk.png'), fullPage: true });

    // the closed plan shows no form; a crafted POST gets the window-closed refusal in Kazakh
    await page.goto(`${base}/plans/${closedId}`);
    expect(await page.locator('textarea').count()).toBe(0);
    const token = await (async () => {
      await page.goto(`${base}/plans/${stage1Id}`);
      return page.getAttribute('#remark-form input[name="_csrf"]', 'value');
    })();
    const response = await context.request.post(`${base}/plans/${closedId}/remarks`, { form: { body: 'late remark', _csrf: token! }, headers: { 'accept-language': 'kk' }, maxRedirects: 0 });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('Ескертулер қазір қабылданбайды');
    await context.close();
  });
});
