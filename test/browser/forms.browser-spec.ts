import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Remark } from '../../src/remarks/remark.entity';
import { fillText, launchBrowser, newPage as openPage, runBrowser, SCREENSHOTS, seriousViolations as axe, serve } from '../support/browser';
import { seedDemoWorld } from '../support/demo-world';
import { PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

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
    const world = await seedDemoWorld(t, {
      akimatOrganizer: { displayName: 'Akimat procurement', email: organizerEmail },
      healthOrganizer: { displayName: 'Health procurement' },
      citizens: [{ displayName: 'Aigerim S.', email: citizenEmail }, { displayName: 'Daniyar T.' }, { displayName: 'Olga M.' }],
    });
    ({ stage1Id, closedId } = world);

    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  function newPage(javaScriptEnabled = false, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
    return openPage(browser, locale, javaScriptEnabled);
  }

  function seriousViolations(from: BrowserContext, url: string): Promise<string[]> {
    return axe(browser, from, url);
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
    const forged = await context.request.post(`${base}/plans/${stage1Id}/remarks`, {
      form: { body: 'forged remark', _csrf: 'abc.def' },
      maxRedirects: 0,
    });
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
    // no answer form on an answered remark (its correction form sits in a closed disclosure)
    expect(await org.page.locator('.remark:has(.answer) form:not(details.correction form)').count()).toBe(0);

    await item.getByRole('button', { name: 'Publish the answer' }).click();
    await expect(org.page.locator(`#disposition-error-${remark.id}`).textContent()).resolves.toBe('Choose the disposition.');
    // the text's error is on its group of language fields
    await expect(org.page.locator(`#answer-${remark.id}-error`).textContent()).resolves.toBe(
      'Write a reasoned answer (at least 20 characters).',
    );
    expect(await org.page.locator(`#answer-${remark.id}`).getAttribute('aria-describedby')).toBe(`answer-${remark.id}-error`);
    await org.page.screenshot({ path: join(SCREENSHOTS, 'plan-answer-errors.png'), fullPage: true });

    const fresh = org.page.locator(`#remark-${remark.id}`);
    await fresh.getByLabel('Disposition').selectOption('accepted');
    // an English remark: the answer is in a state language (Russian), with the English version
    await fillText(fresh, 'Reasoned answer', 'en', {
      ru: 'Нормы калорийности по возрастным группам будут приложены к технической спецификации.',
      en: 'The calorie norms per age group will be attached to the technical specification.',
    });
    await fresh.getByRole('button', { name: 'Publish the answer' }).click();
    await org.page.waitForURL(/done=answer/);
    await expect(org.page.locator('#flash').textContent()).resolves.toContain('The answer was published');
    await expect(org.page.locator(`#remark-${remark.id} .answer`).textContent()).resolves.toContain(
      'The calorie norms per age group will be attached',
    );
    await expect(org.page.locator(`#remark-${remark.id} .answer`).textContent()).resolves.toContain('accepted');
    expect(await org.page.locator(`#remark-${remark.id} form:not(details.correction form)`).count()).toBe(0);
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
    const response = await context.request.post(`${base}/plans/${closedId}/remarks`, {
      form: { body: 'late remark', _csrf: token! },
      headers: { 'accept-language': 'kk' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('Ескертулер қазір қабылданбайды');
    await context.close();
  });
});
