import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Answer } from '../../src/remarks/answer.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Plan } from '../../src/plans/plan.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import { fillText, launchBrowser, newPage, runBrowser, SCREENSHOTS, serve, seriousViolations } from '../support/browser';
import type { CreatedUser } from '../support/factories';
import { createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

const suite = runBrowser ? describe : describe.skip;

suite("the council's check of formal answers in a real browser (no JavaScript)", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let w: World;
  let plan: Plan;
  let remarks: Remark[];

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-02-15T10:00:00+05:00' });
    w = await createWorld(t, 3);
    const citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    plan = await createPlan(t, w, {
      title: LocalizedText.of({ kk: '2027 жылғы мектеп тамағы', ru: 'Школьное питание на 2027 год', en: 'School meals for 2027' })!,
      protocolPublishedAt: new Date('2027-02-03T15:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
      noticePublishedAt: new Date('2027-02-05T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-02-05T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-02-12T23:59:59.999+05:00'),
    });
    remarks = [];
    for (const [i, body] of ['The menu ignores allergies.', 'The price per meal is too high.', 'Deliveries start too late.'].entries()) {
      const remark = await createRemark(t, plan.id, citizen.user.id, { body, createdAt: new Date(`2027-01-1${i}T12:00:00+05:00`) });
      await answerRemark(t, remark, w.organizer.user.id, {
        body: `Taken into account: ${body.toLowerCase()}`,
        disposition: 'accepted',
        publishedAt: new Date('2027-01-20T10:00:00+05:00'),
      });
      remarks.push(remark);
    }
    // the author of the second remark calls its answer formal
    const answer = await t.db.getRepository(Answer).findOneByOrFail({ remarkId: remarks[1].id });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: answer.id,
      remarkId: remarks[1].id,
      planId: plan.id,
      authorId: citizen.user.id,
      verdict: 'formal',
      reason: 'The answer repeats my remark and says nothing about the price.',
      createdAt: new Date('2027-01-22T10:00:00+05:00'),
    });
    base = await serve(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(who: CreatedUser, path: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await newPage(browser, locale);
    await opened.page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await opened.page.locator('input[name="email"]').fill(who.user.email);
    await opened.page.locator('input[name="password"]').fill(PASSWORD);
    await opened.page.locator('form.form button[type="submit"]').click();
    await opened.page.waitForURL(`${base}${path}`);
    return opened;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `council-check-${name}.png`), fullPage: true });

  async function recordPosition(page: Page, formal: number[]): Promise<void> {
    await page.locator('#position-object').check();
    await fillText(page, 'Reasons', 'en', { en: 'The answers do not deal with the remarks.' });
    const boxes = page.locator('input[name="formalAnswers"]');
    expect(await boxes.count()).toBe(3);
    for (const i of formal) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Record my position' }).click();
    await page.waitForURL(/done=position/);
  }

  it('members name answers formal on their position form; the chair closes; the organizer corrects the demanded answer', async () => {
    const path = `/council/plans/${plan.id}`;
    const m1 = await signedIn(w.members[1], path);
    const form = m1.page.locator('#position-form');
    expect(await form.locator('legend', { hasText: 'Answers you find formal' }).count()).toBe(1);
    // the answer its author called formal comes first, with the author's reason
    const first = form.locator('.answers-to-check li').first();
    expect(await first.textContent()).toContain('The price per meal is too high.');
    expect(await first.textContent()).toContain('Its author calls this answer formal');
    expect(await first.textContent()).toContain('says nothing about the price');
    expect(await form.locator('.answers-to-check li').count()).toBe(3);
    expect(await seriousViolations(browser, m1.context, m1.page.url())).toEqual([]);
    await shot(m1.page, 'position-form');

    await recordPosition(m1.page, [0, 2]);
    const votes = m1.page.locator('table.formal-answers');
    expect(await votes.locator('caption').textContent()).toBe('Answers named formal');
    expect(await votes.locator('tbody tr').count()).toBe(2);
    expect(await m1.page.locator(`#formal-${remarks[1].id}`).textContent()).toContain('The review is still open');
    expect(await seriousViolations(browser, m1.context, m1.page.url())).toEqual([]);

    const m2 = await signedIn(w.members[2], path, 'ru-RU');
    await m2.page.goto(`${base}/lang/ru?next=${encodeURIComponent(path)}`);
    expect(await m2.page.locator('#position-form legend', { hasText: 'Ответы, которые вы считаете формальными' }).count()).toBe(1);
    expect(await seriousViolations(browser, m2.context, m2.page.url(), 'ru-RU')).toEqual([]);
    await m2.page.locator('#position-object').check();
    await fillText(m2.page, 'Обоснование', 'ru', { ru: 'Ответ формальный.' });
    const box = m2.page.getByLabel('Я считаю этот ответ формальным').first();
    expect(await box.getAttribute('value')).toBe(remarks[1].id);
    await box.check();
    await m2.page.locator('#position-form button[type="submit"]').click();
    await m2.page.waitForURL(/done=position/);

    const chair = await signedIn(w.chair, path);
    await chair.page.getByRole('button', { name: 'Close the review and publish the conclusion' }).click();
    await chair.page.waitForURL(/done=closed/);
    expect(await chair.page.locator('.formal-finding').textContent()).toContain('The council found 1 answer(s) formal');
    expect(await chair.page.locator(`#formal-${remarks[1].id}`).textContent()).toContain('Formal: a correction is required');
    expect(await chair.page.locator(`#formal-${remarks[2].id}`).textContent()).toContain('Not formal by the council');
    expect(await seriousViolations(browser, chair.context, chair.page.url())).toEqual([]);
    await shot(chair.page, 'council-conclusion');

    // the public plan page shows the votes and the finding
    const visitor = await newPage(browser);
    await visitor.page.goto(`${base}/plans/${plan.id}`);
    expect(await visitor.page.locator('.formal-finding').textContent()).toContain('The council found 1 answer(s) formal');
    expect(await visitor.page.locator(`#formal-${remarks[1].id} td`).nth(1).textContent()).toBe('2 of 3');
    expect(await seriousViolations(browser, visitor.context, visitor.page.url())).toEqual([]);

    // the organizer's queue lists the demanded correction and the answer called formal
    const org = await signedIn(w.organizer, '/organizer/remarks');
    const findings = org.page.locator('section[aria-labelledby="council-findings"]');
    expect(await findings.locator('h2').textContent()).toBe('Corrections the council demands');
    expect(await findings.textContent()).toContain('The price per meal is too high.');
    expect(await findings.textContent()).toContain('by 2 of 3 council members');
    const called = org.page.locator('section[aria-labelledby="called-formal"]');
    expect(await called.textContent()).toContain('says nothing about the price');
    expect(await seriousViolations(browser, org.context, org.page.url())).toEqual([]);
    await shot(org.page, 'organizer-queue');

    await org.page.goto(`${base}/organizer/plans/${plan.id}/outcome`);
    expect(await org.page.locator('#outcome-findings').textContent()).toContain(
      '1 answer(s) the council found formal still need a corrected answer',
    );
    expect(await seriousViolations(browser, org.context, org.page.url())).toEqual([]);
    await org.page.getByRole('link', { name: 'Corrections the council demands' }).click();
    await findings.getByRole('link', { name: 'Correct the answer' }).click();
    await org.page.waitForURL(/\/correction$/);
    expect(await org.page.locator('#council-found').textContent()).toContain('found this answer formal (2 of 3 members)');
    // the remark is in Russian: its answer's Russian field comes first, with the published text
    expect(await org.page.inputValue('#body_ru')).toBe('Taken into account: the price per meal is too high.');
    expect(await seriousViolations(browser, org.context, org.page.url())).toEqual([]);
    await org.page.getByRole('button', { name: 'Publish the correction' }).click();
    expect(await org.page.locator('#reason-error').textContent()).toBe('Give the reason for the correction (up to 2,000 characters).');
    expect(await seriousViolations(browser, org.context, org.page.url())).toEqual([]);
    await shot(org.page, 'correction-error');
    t.clock.set(new Date('2027-02-16T11:00:00+05:00')); // the next day: a correction after the finding
    await fillText(org.page, 'Reasoned answer', 'en', {
      ru: 'Цена за порцию снижена до 850 тенге, см. раздел 3 спецификации.',
      en: 'The price per meal is lowered to 850 tenge, see section 3 of the specification.',
    });
    await fillText(org.page, 'Reason for the correction', 'en', {
      ru: 'Общественный совет признал ответ формальным.',
      en: 'The public council found the answer formal.',
    });
    await org.page.getByRole('button', { name: 'Publish the correction' }).click();
    await org.page.waitForURL(/done=corrected/);
    expect(await org.page.locator('#flash').textContent()).toBe("The corrected answer is published and e-mailed to the remark's author.");
    expect(await findings.textContent()).toContain('The council demands no correction.');

    await visitor.page.reload();
    expect(await visitor.page.locator(`#formal-${remarks[1].id}`).textContent()).toContain('Formal; corrected on');
  });
});
