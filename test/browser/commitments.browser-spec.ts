import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CreatedUser } from '../support/factories';
import { PASSWORD } from '../support/factories';
import { launchBrowser, newPage, runBrowser, SCREENSHOTS, seriousViolations, serve } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { createWorld } from '../reviews/fixtures';
import type { CommitmentPlan } from '../commitments/fixtures';
import { DOCS, fullCommitments, planWithCommitments } from '../commitments/fixtures';

const suite = runBrowser ? describe : describe.skip;

/**
 * Commitments in a real browser without JavaScript: the plan page shows each commitment and the
 * author disputes one by its form; the organizer publishes a later version from the notice page.
 * Every page passes the axe check (no serious or critical violations).
 */
suite('commitments in a real browser (no JavaScript)', () => {
  let t: TestApp;
  let w: World;
  let p: CommitmentPlan;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-18T10:00:00+05:00' });
    w = await createWorld(t, 1);
    p = await planWithCommitments(t, w);
    await t.http
      .post(`/api/v1/plans/${p.planId}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS, commitments: fullCommitments(p) })
      .expect(200);
    t.clock.set(new Date('2027-03-19T11:00:00+05:00'));
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, who: CreatedUser, path: string): Promise<void> {
    await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await page.getByLabel('E-mail address').fill(who.user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${path}`);
  }

  it('shows each commitment; the author disputes one by the form, with errors by the fields', async () => {
    const { context, page } = await newPage(browser, 'en-US');
    const path = `/plans/${p.planId}`;
    await page.goto(`${base}${path}`);
    const section = page.locator('section[aria-labelledby="commitments"]');
    expect(await section.locator('li.commitment').count()).toBe(2);
    expect(await section.textContent()).toContain('Section 4.2');
    expect(await seriousViolations(browser, context, `${base}${path}`)).toEqual([]);

    await signIn(page, p.bob, path);
    const item = page.locator(`#commitment-${p.partial.id}`);
    expect(await item.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await item.getByLabel('Dispute: it does not').check();
    await item.getByRole('button', { name: 'Send' }).click();
    expect(await page.locator(`#reason-${p.partial.id}-error`).textContent()).toContain('10 to 2000 characters');
    expect(await page.locator(`#verdict-${p.partial.id}-disputed`).isChecked()).toBe(true);
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);

    await page.locator(`#reason-${p.partial.id}`).fill('Section 2 of the specification still lists every work as one lot.');
    await page.locator(`#commitment-${p.partial.id}`).getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/done=commitment/);
    expect(await page.locator('#commitment-flash').textContent()).toContain('Your verdict is published.');
    expect(await page.locator(`#commitment-${p.partial.id}`).textContent()).toContain('disputed by the author');
    await page.locator(`#commitment-${p.partial.id}`).getByRole('link', { name: 'The dispute as a stage-2 remark' }).click();
    expect(await page.locator('ol.remarks li.remark').last().textContent()).toContain('still lists every work as one lot');
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'commitments-plan-page.png'), fullPage: true });
    await context.close();
  });

  it('lets the organizer publish a later version from the notice page, in Russian too', async () => {
    const { context, page } = await newPage(browser, 'en-US');
    const path = `/organizer/plans/${p.planId}/notice`;
    await signIn(page, w.organizer, path);
    const form = page.locator('form#commitments');
    expect(await form.locator('tbody tr').count()).toBe(2);
    expect(await page.inputValue('#c1Location')).toBe('Section 4.2');
    await page.locator('#c1Status').selectOption('implemented');
    await page.locator('#c1Location').fill('');
    await form.getByRole('button', { name: 'Publish the new versions' }).click();
    expect(await page.locator('#c1Status-error').textContent()).toContain('Unfinished');
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.locator('#c1Document').selectOption(DOCS[1].title);
    await page.locator('#c1Location').fill('Clause 7 of the contract');
    await form.getByRole('button', { name: 'Publish the new versions' }).click();
    await page.waitForURL(/done=commitments/);
    expect(await page.locator('#flash').textContent()).toContain('The new versions are published');
    expect(await seriousViolations(browser, context, page.url())).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'commitments-organizer.png'), fullPage: true });

    await page.goto(`${base}/plans/${p.planId}`);
    const item = page.locator(`#commitment-${p.accepted.id}`);
    expect(await item.textContent()).toContain('Clause 7 of the contract');
    expect(await item.locator('details.history summary').textContent()).toContain('Earlier versions (1)');
    await context.close();

    const ru = await newPage(browser, 'ru-RU');
    await ru.page.goto(`${base}/plans/${p.planId}`);
    expect(await ru.page.locator('#commitments').textContent()).toBe('Обязательства');
    expect(await seriousViolations(browser, ru.context, `${base}/plans/${p.planId}`, 'ru-RU')).toEqual([]);
    await ru.context.close();
  });
});
