import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Plan } from '../../src/plans/plan.entity';
import { formatDateTime } from '../../src/web/format';
import { fillText, launchBrowser, newPage, runBrowser, SCREENSHOTS, startAxe, serve } from '../support/browser';
import { createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const suite = runBrowser ? describe : describe.skip;

type Lang = 'en' | 'ru' | 'kk';
const BROWSER_LOCALE: Record<Lang, string> = { en: 'en-US', ru: 'ru-RU', kk: 'kk-KZ' };
const SIGN_IN: Record<Lang, { email: string; password: string; button: string }> = {
  en: { email: 'E-mail address', password: 'Password', button: 'Sign in' },
  ru: { email: 'Адрес электронной почты', password: 'Пароль', button: 'Войти' },
  kk: { email: 'Электрондық пошта мекенжайы', password: 'Құпиясөз', button: 'Кіру' },
};

/** One person at their own browser (context), in their own language. */
interface Person {
  email: string;
  password: string;
  lang: Lang;
  context: BrowserContext;
  page: Page;
}

/** The plan's title in the two state languages and English: each reader sees their own. */
const TITLE = {
  kk: 'Алмалы ауданы мектептеріне ыстық тамақ',
  ru: 'Горячее питание для школ Алмалинского района',
  en: 'Hot meals for the schools of Almaly district',
};
const REMARK_KK = 'Мәзірді апта сайын мектеп сайтында жариялауды ұсынамын.';
const REMARK_RU = 'Прошу разделить лот по районам, чтобы участвовали местные поставщики.';
/** The organizer (en) answers each remark in its language, with an English version. */
const ANSWER_KK = {
  kk: 'Апталық мәзір қыркүйектен бастап әр мектептің сайтында жарияланады.',
  en: 'The weekly menu will be published on every school website from September.',
};
const ANSWER_RU = {
  ru: 'Лот разделён на три районных лота в извещении о закупке.',
  en: 'The lot is split into three district lots in the procurement notice.',
};
const REMARK2_KK = 'Техникалық ерекшелікте порция мөлшері көрсетілмеген.';
const REMARK2_RU = 'В документации не указан срок оплаты поставщику.';
const RECOMMENDATION = 'Invite two parents to observe the tender commission.';

/**
 * Issue #7's acceptance: a citizen, an organizer and council members take one plan item through
 * the whole procedure, each in their own browser without JavaScript, only through the pages; the
 * sandbox clock is moved between the steps. Every main page passes the axe check.
 */
suite('the whole procedure in real browsers: organizer, citizens and the public council (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let organizer: Person;
  let citizen: Person; // registers through the pages, Kazakh
  let citizen2: Person; // Russian
  let chair: Person;
  let member: Person;
  let planId = '';
  let hearingDate = '';
  let reviewClosedAt = new Date(0);
  const citizenEmail = 'aigerim.whole@example.kz';
  const citizenPassword = 'Apple-orchard-2027';

  async function person(email: string, password: string, lang: Lang): Promise<Person> {
    const { context, page } = await newPage(browser, BROWSER_LOCALE[lang]);
    return { email, password, lang, context, page };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db, 'Public council of Almaty city');
    const akimat = await createOrganization(t.db, council, { name: 'Akimat of Almaly district', address: 'Almaty, Tole bi 155' });
    await createUser(t, 'organizer', { organizationId: akimat.id, email: 'procurement@almaly.test', displayName: 'Almaly procurement' });
    await createUser(t, 'citizen', { email: 'yerlan.whole@example.kz', displayName: 'Ерлан Б.', locale: 'ru' });
    await createUser(t, 'council_member', { councilId: council.id, isChair: true, email: 'chair@council.test', displayName: 'Gulnara K.' });
    await createUser(t, 'council_member', { councilId: council.id, email: 'member@council.test', displayName: 'Aliya N.' });
    await createUser(t, 'council_member', { councilId: council.id, email: 'absent@council.test', displayName: 'Marat O.' });
    base = await serve(t);
    browser = await launchBrowser();
    organizer = await person('procurement@almaly.test', PASSWORD, 'en');
    citizen = await person(citizenEmail, citizenPassword, 'kk');
    citizen2 = await person('yerlan.whole@example.kz', PASSWORD, 'ru');
    chair = await person('chair@council.test', PASSWORD, 'en');
    member = await person('member@council.test', PASSWORD, 'en');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // ---- helpers ----

  /** Sessions expire by the service clock: each step signs in again and lands on `path`. */
  async function signIn(p: Person, path: string): Promise<void> {
    const l = SIGN_IN[p.lang];
    await p.page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await p.page.getByLabel(l.email).fill(p.email);
    await p.page.getByLabel(l.password).fill(p.password);
    await p.page.getByRole('button', { name: l.button, exact: true }).click();
    await p.page.waitForURL(`${base}${path}`);
  }

  /** Axe checks under way: each starts on the page as it is now, and every step awaits its own at the end. */
  let checks: Array<{ url: string; findings: Promise<string[]> }> = [];
  async function axe(p: Person, url = p.page.url()): Promise<void> {
    checks.push({ url, ...(await startAxe(browser, p.context, url, BROWSER_LOCALE[p.lang])) });
  }
  async function axeDone(): Promise<void> {
    const done = checks;
    checks = [];
    for (const c of done) expect({ url: c.url, serious: await c.findings }).toEqual({ url: c.url, serious: [] });
  }

  async function shot(p: Person, name: string): Promise<void> {
    await p.page.screenshot({ path: join(SCREENSHOTS, `whole-procedure-${name}.png`), fullPage: true });
  }

  const text = (p: Person, selector: string): Promise<string> => p.page.locator(selector).first().innerText();
  const plan = (): Promise<Plan> => t.db.getRepository(Plan).findOneByOrFail({ id: planId });
  const at = (iso: string): void => t.clock.set(new Date(iso));

  /** Clicks a download link and returns the file's text. */
  async function download(p: Person, name: string | RegExp): Promise<{ filename: string; body: string }> {
    const [file] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('link', { name }).click()]);
    return { filename: file.suggestedFilename(), body: readFileSync(await file.path(), 'utf8') };
  }

  /** Answers, on the organizer's queue, the remark that contains `remark`. */
  async function answerInQueue(remark: string, disposition: string, answer: Partial<Record<Lang, string>>): Promise<void> {
    const item = organizer.page.locator('li.remark', { hasText: remark });
    await item.getByLabel('Disposition').selectOption(disposition);
    await fillText(item, 'Reasoned answer', 'en', answer);
    await item.getByRole('button', { name: 'Publish the answer' }).click();
    await organizer.page.waitForURL(/\/organizer\/remarks\?done=answered/);
    expect(await text(organizer, '#flash')).toBe('The answer was published and e-mailed to the author.');
    expect(await organizer.page.locator('li.remark', { hasText: remark }).count()).toBe(0);
  }

  async function leaveRemark(p: Person, label: string, button: string, body: string): Promise<void> {
    await p.page.getByLabel(label).fill(body);
    await p.page.getByRole('button', { name: button }).click();
    await p.page.waitForURL(/done=remark/);
    expect(await p.page.locator('.remark .body', { hasText: body }).count()).toBe(1);
  }

  // ---- the steps ----

  /** 1. The organizer creates the plan item and publishes it; the page shows the stage 1 window. */
  async function organizerPublishes(): Promise<void> {
    const o = organizer.page;
    await signIn(organizer, '/organizer');
    expect(await text(organizer, 'h1')).toBe('My procurement plans');
    await o.getByRole('link', { name: 'New plan item' }).first().click();
    await fillText(o, 'Subject of the procurement', 'en', TITLE);
    await fillText(o, 'Information about the procurement', 'en', {
      kk: '12 мектептің 1-4 сынып оқушыларына ыстық тамақ.',
      ru: 'Горячее питание учеников 1-4 классов в 12 школах.',
      en: 'Hot meals for pupils of grades 1-4 in 12 schools.',
    });
    await o.getByLabel('Subject code (ENS TRU / KTRU)').fill('56.29.20.000');
    await o.getByLabel('Planned amount, tenge').fill('48 000 000');
    await o.getByLabel('Procurement method').selectOption('open_tender');
    await o.getByLabel('Planned quarter').selectOption('2027-Q2');
    await fillText(o, 'Delivery place', 'en', { ru: 'Алматы, школы Алмалинского района', en: 'Almaty, Almaly district schools' });
    await o.getByRole('button', { name: 'Save the draft' }).click();
    await o.waitForURL(/\/organizer\/plans\/[0-9a-f-]{36}\?done=created/);
    planId = /plans\/([0-9a-f-]{36})/.exec(o.url())![1];
    expect(await text(organizer, '#flash')).toBe('The draft is saved. Check it and publish it when it is ready.');
    // published on Monday 1 March at 10:00 (UTC+5): D+20 is Sunday 21 March (Nauryz), 22-23 March are
    // Nauryz and 24 March the day off moved from the Sunday, so the window runs to the end of Thursday 25 March
    expect(await text(organizer, '#publish-window')).toBe(
      'Publishing now opens stage one: remarks will be accepted from 1 March 2027 at 10:00 until 25 March 2027 at 23:59. The in-person public hearing must then be held by 4 April 2027.',
    );
    await axe(organizer);
    await shot(organizer, '1-draft');
    await o.getByRole('button', { name: 'Publish and open stage one' }).click();
    await o.waitForURL(/done=published/);
    expect(await text(organizer, '#flash')).toBe('The plan item is published; stage one is open.');
    await shot(organizer, '1-published');
  }

  /** 2. A citizen registers, confirms the e-mailed link, signs in in Kazakh, finds the plan, remarks and follows; a second one remarks in Russian. */
  async function citizensRemark(): Promise<void> {
    at('2027-03-02T09:30:00+05:00');
    const c = citizen.page;
    await c.goto(base);
    await c.getByRole('link', { name: 'Тіркелу' }).click();
    await c.waitForURL(`${base}/register`);
    expect(await text(citizen, 'h1')).toBe('Тіркелу');
    await axe(citizen);
    await c.getByLabel('Электрондық пошта мекенжайы').fill(citizenEmail);
    await c.getByLabel('Көрсетілетін аты', { exact: true }).fill('Айгерім С.');
    await c.getByLabel('Құпиясөз').fill(citizenPassword);
    expect(await c.getByLabel('Хаттардың тілі').inputValue()).toBe('kk');
    await c.getByLabel('Көрсетілетін атым мен ескертулерімді жариялауға келісемін').check();
    await c.getByRole('button', { name: 'Тіркелу' }).click();
    expect(await text(citizen, 'h1')).toBe('Электрондық поштаңызды тексеріңіз');

    await t.flushMail();
    const mail = t.smtp.to(citizenEmail).at(-1);
    const link = /http:\/\/talqylau\.test(\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    await c.goto(`${base}${link![1]}`);
    expect(await text(citizen, 'h1')).toBe('Электрондық пошта мекенжайы расталды');
    await shot(citizen, '2-verified-kk');

    await signIn(citizen, '/');
    expect(await text(citizen, '.site-header')).toContain('Айгерім С.');
    expect(await text(citizen, 'h1')).toBe('Ашық қоғамдық талқылаулар');
    await c.getByLabel('Сатып алуды іздеу').fill('Алмалы');
    await c.getByRole('button', { name: 'Іздеу' }).click();
    const card = c.locator('.card', { hasText: TITLE.kk });
    expect(await card.innerText()).toMatch(/Бірінші кезең/);
    await axe(citizen);
    await shot(citizen, '2-home-kk');
    await card.getByRole('link', { name: TITLE.kk }).click();
    await c.waitForURL(`${base}/plans/${planId}`);
    expect(await text(citizen, 'h1')).toBe(TITLE.kk);
    expect(await c.locator('.badge.stage').first().innerText()).toBe('1-кезең: ескертулер қабылдануда');
    await c.getByRole('button', { name: 'Жоспарды бақылау' }).click();
    await c.waitForURL(/done=followed/);
    expect(await text(citizen, '#participation-flash')).toBe('Енді сіз жоспарды бақылап отырсыз.');
    expect(await c.getByRole('button', { name: 'Бақылауды тоқтату' }).count()).toBe(1);
    await leaveRemark(citizen, 'Сіздің ескертуіңіз немесе ұсынысыңыз', 'Ескертуді жариялау', REMARK_KK);
    expect(await text(citizen, '#flash')).toContain('Ескертуіңіз жарияланды.');
    await axe(citizen);
    await shot(citizen, '2-plan-remarked-kk');

    at('2027-03-02T15:00:00+05:00');
    await signIn(citizen2, `/plans/${planId}`);
    await leaveRemark(citizen2, 'Ваше замечание или предложение', 'Опубликовать замечание', REMARK_RU);
    expect(await text(citizen2, '#flash')).toContain('Ваше замечание опубликовано.');
    expect(await citizen2.page.locator('.remark', { hasText: REMARK_KK }).innerText()).toContain('Айгерім С.');
    await axe(citizen2);
    await shot(citizen2, '2-plan-remarked-ru');
  }

  /** 3. The organizer answers both from the queue; the citizen sees the answer and gets it by e-mail in Kazakh. */
  async function organizerAnswers(): Promise<void> {
    at('2027-03-03T10:00:00+05:00');
    await signIn(organizer, '/organizer/remarks');
    expect(await text(organizer, 'h1')).toBe('Remarks awaiting an answer');
    expect(await organizer.page.locator('li.remark').count()).toBe(2);
    expect(await organizer.page.locator('li.remark', { hasText: REMARK_KK }).innerText()).toMatch(
      /Answer due by \d+ March 2027 at \d\d:\d\d/,
    );
    await axe(organizer);
    await shot(organizer, '3-queue');
    await answerInQueue(REMARK_KK, 'accepted', ANSWER_KK);
    await answerInQueue(REMARK_RU, 'partially_accepted', ANSWER_RU);
    expect(await organizer.page.locator('main').innerText()).toContain('Every remark has an answer.');

    await signIn(citizen, '/my/remarks');
    expect(await text(citizen, 'h1')).toBe('Менің ескертулерім мен ұсыныстарым');
    const mine = citizen.page.locator('li.remark', { hasText: REMARK_KK });
    expect(await mine.locator('.answer').innerText()).toContain('ескерілді');
    expect(await mine.locator('.answer').innerText()).toContain(ANSWER_KK.kk);
    expect(await mine.locator('.answer .meta').innerText()).toContain('2027'); // answered on, local time
    await axe(citizen);
    await shot(citizen, '3-my-remarks-kk');

    await t.flushMail();
    const answerMail = t.smtp.to(citizenEmail).find((m) => m.subject === `Ескертуіңізге жауап: ${TITLE.kk}`);
    expect(answerMail?.text).toContain(ANSWER_KK.kk);
    expect(
      t.smtp.to(citizen2.email).some((m) => m.subject === `Ответ на ваше замечание: ${TITLE.ru}` && (m.text ?? '').includes(ANSWER_RU.ru)),
    ).toBe(true);
  }

  /** 4. After stage 1 the organizer schedules the hearing in the picker; the citizen signs up and takes the .ics. */
  async function hearingScheduled(): Promise<void> {
    const p = await plan();
    t.clock.set(new Date(p.stage1ClosesAt!.getTime() + 9 * 3600_000 + 1)); // the next morning, 09:00
    const hub = `/organizer/plans/${planId}/hearing`;
    await signIn(organizer, hub);
    const o = organizer.page;
    expect(await text(organizer, 'h1')).toContain('In-person public hearing');
    const refused = await o.locator('.refused-dates li').allInnerTexts();
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => / — \S/.test(r))).toBe(true); // every refused date says why
    expect(refused).toContain('27 March 2027, Saturday — Saturday');
    expect(await text(organizer, 'main')).toContain(
      'Allowed dates: from 26 March 2027 to 4 April 2027, working days only, starting between 09:00 and 18:00 (Asia/Almaty, UTC+5).',
    );
    const dates = o.locator('input[name="date"]');
    expect(await dates.count()).toBeGreaterThan(3);
    await axe(organizer);
    await shot(organizer, '4-hearing-picker');
    hearingDate = (await dates.nth(2).getAttribute('value'))!;
    await dates.nth(2).check();
    await o.getByLabel('Start time').fill('11:00');
    await fillText(o, 'Room (optional)', 'en', {
      kk: 'Мәжіліс залы, 2-қабат',
      ru: 'Актовый зал, 2-й этаж',
      en: 'Assembly hall, 2nd floor',
    });
    await o.getByRole('button', { name: 'Schedule and notify the participants' }).click();
    await o.waitForURL(/done=scheduled/);
    expect(await text(organizer, '#flash')).toBe('The hearing is scheduled; participants are notified by e-mail with a calendar file.');
    const day = Number(hearingDate.slice(8, 10));
    expect(await o.locator('main dl.facts').first().innerText()).toContain(`Scheduled: ${day} `);

    await t.flushMail();
    const announcement = t.smtp.to(citizenEmail).find((m) => m.attachments.some((a) => a.filename?.endsWith('.ics')));
    expect(announcement).toBeDefined();

    await signIn(citizen, `/plans/${planId}`);
    const c = citizen.page;
    expect(await text(citizen, '#hearing ~ dl.facts')).toContain('Almaty, Tole bi 155');
    await c.getByRole('button', { name: 'Тыңдауларға жазылу' }).click();
    await c.waitForURL(/done=signedup/);
    expect(await text(citizen, '#participation-flash')).toBe('Сіз тыңдауларға жазылдыңыз.');
    const ics = await download(citizen, 'Күнтізбеге қосу (.ics)');
    expect(ics.filename).toBe('hearing.ics');
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain(`DTSTART:${hearingDate.replace(/-/g, '')}T060000Z`); // 11:00 in Almaty
    expect(ics.body).toContain('LOCATION:Almaty\\, Tole bi 155'); // commas escaped (RFC 5545)
    await axe(citizen);
    await shot(citizen, '4-plan-hearing-kk');
  }

  /** 5. After the hearing the organizer publishes the protocol. */
  async function protocolPublished(): Promise<void> {
    at(`${hearingDate}T15:00:00+05:00`);
    await signIn(organizer, `/organizer/plans/${planId}/hearing`);
    const o = organizer.page;
    await o.getByLabel('Number of attendees').fill('31');
    await fillText(o, 'Speakers', 'en', { en: 'Айгерім С.\nЕрлан Б.\nParents committee of school 12' });
    await fillText(o, 'Summary', 'en', { en: 'The menu, allergies and splitting the lot by district were discussed.' });
    await fillText(o, 'Decisions', 'en', { en: 'Publish the weekly menu\nSplit the lot into three district lots' });
    await axe(organizer);
    await o.getByRole('button', { name: 'Publish the protocol' }).click();
    await o.waitForURL(/done=protocol/);
    expect(await text(organizer, '#flash')).toBe('The protocol is published; participants and the public council are notified.');
    await shot(organizer, '5-protocol');
  }

  /** 6. Two council members record positions, one with a recommendation; the chair closes the review. */
  async function councilReviews(): Promise<void> {
    const next = new Date(`${hearingDate}T10:00:00+05:00`);
    next.setUTCDate(next.getUTCDate() + 1);
    t.clock.set(next);
    reviewClosedAt = next;
    const path = `/council/plans/${planId}`;

    await signIn(member, '/council');
    expect(await text(member, 'h1')).toBe('Council review');
    await member.page.getByRole('link', { name: TITLE.en }).click();
    await member.page.waitForURL(`${base}${path}`);
    await member.page.getByLabel('endorse with recommendations').check();
    await fillText(member.page, 'Reasons', 'en', { en: 'The hearing was open and the remarks were answered.' });
    await fillText(member.page, 'Recommendations, one per line', 'en', { en: RECOMMENDATION });
    await member.page.getByRole('button', { name: 'Record my position' }).click();
    await member.page.waitForURL(/done=position/);
    expect(await text(member, '#flash')).toBe('Your position was recorded.');
    await axe(member);
    await shot(member, '6-member-position');

    await signIn(chair, path);
    await chair.page.getByLabel('endorse', { exact: true }).check();
    await fillText(chair.page, 'Reasons', 'en', { en: 'The protocol is complete.' });
    await chair.page.getByRole('button', { name: 'Record my position' }).click();
    await chair.page.waitForURL(/done=position/);
    expect(await text(chair, '#close-preview')).toBe(
      'If you close the review now, the conclusion will be: no majority. 2 of 3 members recorded a position: quorum reached (more than half of the members).',
    );
    await axe(chair);
    await chair.page.getByRole('button', { name: 'Close the review and publish the conclusion' }).click();
    await chair.page.waitForURL(/done=closed/);
    expect(await text(chair, '#flash')).toBe('The review is closed and the conclusion published.');
    await shot(chair, '6-conclusion');

    // the public plan page shows the conclusion (the citizen, in Kazakh)
    await citizen.page.goto(`${base}/plans/${planId}`);
    const review = await text(citizen, 'main');
    expect(review).toContain('Gulnara K.');
    expect(review).toContain('Aliya N.');
    expect(review).toContain(RECOMMENDATION);
  }

  /** 7. Responses, notice, stage 2 remarks and answers; the outcome is refused while one is unanswered. */
  async function stageTwoAndOutcome(): Promise<void> {
    const hub = `/organizer/plans/${planId}`;
    await signIn(organizer, `${hub}/recommendations`);
    const o = organizer.page;
    expect(await text(organizer, 'main')).toContain(RECOMMENDATION);
    await o.getByLabel('Yes, accepted').check();
    await fillText(o, 'Reasoned response', 'en', { en: 'Two members of the parents committee will observe the commission.' });
    await axe(organizer);
    await o.getByRole('button', { name: 'Publish the response' }).click();
    await o.waitForURL(/done=response/);
    expect(await text(organizer, '#flash')).toBe('The response is published and e-mailed to the council member.');

    await o.goto(`${base}${hub}/notice`);
    await o.getByLabel('Notice number').fill('2027-ALM-0042');
    // English is folded: open it unless a refused form shows it open already
    if ((await o.locator('#doc1Title > details').getAttribute('open')) === null) await o.locator('#doc1Title > details > summary').click();
    await o.locator('#doc1Title_en').fill('Technical specification');
    await o.locator('#doc1Url').fill('https://docs.almaly.kz/2027-0042/spec.pdf');
    await o.locator('#doc1Sha256').fill('a'.repeat(64));
    // English is folded: open it unless a refused form shows it open already
    if ((await o.locator('#doc2Title > details').getAttribute('open')) === null) await o.locator('#doc2Title > details > summary').click();
    await o.locator('#doc2Title_en').fill('Draft contract');
    await o.locator('#doc2Url').fill('https://docs.almaly.kz/2027-0042/contract.pdf');
    await o.locator('#doc2Sha256').fill('b'.repeat(64));
    // the two remarks accepted in stage 1 are commitments: one kept in the specification, one not
    expect(await o.locator('table.commitments tbody tr').count()).toBe(2);
    await o.locator('#c1Status').selectOption('implemented');
    await o.locator('#c1Document').selectOption('1');
    await o.locator('#c1Location').fill('Section 2.1');
    await o.locator('#c1Explanation').fill('The specification sets the requirement as accepted.');
    await o.locator('#c2Status').selectOption('not_implemented');
    await o.locator('#c2Explanation').fill('The lots are split in the plan, not in the documentation.');
    await axe(organizer);
    await o.getByRole('button', { name: 'Publish and open stage two' }).click();
    await o.waitForURL(/done=notice/);
    expect(await text(organizer, '#flash')).toBe('The procurement notice is published; stage two is open and participants are notified.');
    expect(await text(organizer, 'main')).toMatch(
      /Notice 2027-ALM-0042 was published .* Stage two: remarks are accepted from .* until .*2027 at 23:59/,
    );
    await shot(organizer, '7-notice');

    // stage 2 opens the day after the notice
    const p = await plan();
    t.clock.set(new Date(p.stage2OpensAt!.getTime() + 4 * 3600_000));
    await signIn(citizen, `/plans/${planId}`);
    expect(await citizen.page.locator('.badge.stage').first().innerText()).toBe('2-кезең: ескертулер қабылдануда');
    await leaveRemark(citizen, 'Сіздің ескертуіңіз немесе ұсынысыңыз', 'Ескертуді жариялау', REMARK2_KK);
    await axe(citizen);
    await shot(citizen, '7-stage2-remark-kk');
    await signIn(citizen2, `/plans/${planId}`);
    await leaveRemark(citizen2, 'Ваше замечание или предложение', 'Опубликовать замечание', REMARK2_RU);

    await signIn(organizer, '/organizer/remarks');
    await answerInQueue(REMARK2_KK, 'accepted', {
      kk: 'Жасына қарай порция мөлшері техникалық ерекшеліктің 3-бөліміне қосылды.',
      en: 'Portion sizes by age are added to section 3 of the specification.',
    });

    // stage 2 closed, one remark still unanswered: the outcome is refused with the count
    t.clock.set(new Date(p.stage2ClosesAt!.getTime() + 10 * 3600_000));
    await signIn(organizer, `${hub}/outcome`);
    await o.getByLabel('amend the plan or documentation').check();
    // English is folded: open it unless a refused form shows it open already
    if ((await o.locator('#summary > details').getAttribute('open')) === null) await o.locator('#summary > details > summary').click();
    await o.locator('#summary_en').fill('The specification and the lots are amended; the procurement goes ahead.');
    await o.getByRole('button', { name: 'Publish the outcome and close the discussion' }).click();
    expect(await text(organizer, '#form-error')).toBe('1 remark(s) still have no answer.');
    expect(await o.inputValue('#summary_en')).toBe('The specification and the lots are amended; the procurement goes ahead.');
    await axe(organizer);
    await shot(organizer, '7-outcome-refused');
    await o.getByRole('link', { name: 'Go to the remarks awaiting an answer' }).click();
    await answerInQueue(REMARK2_RU, 'explained', {
      ru: 'Срок оплаты указан в пункте 7 проекта договора: в течение 30 дней.',
      en: 'Payment terms are in clause 7 of the draft contract: within 30 days.',
    });
    await o.goto(`${base}${hub}/outcome`);
    await o.getByLabel('amend the plan or documentation').check();
    // English is folded: open it unless a refused form shows it open already
    if ((await o.locator('#summary > details').getAttribute('open')) === null) await o.locator('#summary > details > summary').click();
    await o.locator('#summary_en').fill('The specification and the lots are amended; the procurement goes ahead.');
    await o.getByRole('button', { name: 'Publish the outcome and close the discussion' }).click();
    await o.waitForURL(/done=outcome/);
    expect(await text(organizer, '#flash')).toBe('The outcome is published and the discussion is closed; participants are notified.');
    await shot(organizer, '7-outcome');
  }

  /** 8. Anyone, signed out and in English, sees the whole story on the public page and in the report. */
  async function publicRecord(): Promise<void> {
    const visitor = await person('', '', 'ru');
    const v = visitor.page;
    await v.goto(`${base}/plans/${planId}`);
    await v.getByRole('link', { name: 'English' }).click();
    await v.waitForURL(`${base}/plans/${planId}`);
    visitor.lang = 'en';
    expect(await text(visitor, 'h1')).toBe(TITLE.en);
    expect(await v.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    const timeline = await v.locator('ol.timeline li strong').allInnerTexts();
    expect(timeline).toEqual([
      'Published; stage one opens',
      'Stage one closes',
      'Last date for the hearing',
      'In-person public hearing',
      'Protocol published',
      'Public council review ends',
      'Procurement notice published', // stage two opens with the notice: one line
      'Stage two closes',
      'Outcome published',
    ]);
    expect(await v.locator('ol.timeline li').first().innerText()).toContain('1 March 2027 at 10:00');
    // the chair closed the review before its deadline: the timeline shows when it really ended
    expect(await v.locator('ol.timeline li', { hasText: 'Public council review ends' }).innerText()).toContain(
      formatDateTime(reviewClosedAt, 'Asia/Almaty', 'en'),
    );
    expect(await text(visitor, '#timeline + p')).toBe('time: Asia/Almaty, UTC+5');
    expect(await v.locator('ol.timeline li.future').allInnerTexts()).toEqual([]); // all of it has happened
    const main = await text(visitor, 'main');
    const record = [
      'Hearing protocol',
      'Split the lot into three district lots', // protocol
      'Conclusion of the council',
      'No position has a majority.',
      'Quorum: yes',
      "Organizer's response: accepted", // review
      'Procurement notice and documentation',
      '2027-ALM-0042', // notice
      'Commitments',
      'Section 2.1', // commitments
      'Outcome of the discussion',
      'Amend the plan or documentation', // outcome
    ];
    expect(record.filter((s) => !main.includes(s))).toEqual([]);
    expect(await v.getByRole('link', { name: 'Technical specification' }).getAttribute('href')).toBe(
      'https://docs.almaly.kz/2027-0042/spec.pdf',
    );
    expect(await v.getByRole('link', { name: 'Draft contract' }).count()).toBe(1);
    for (const r of [REMARK_KK, REMARK_RU, REMARK2_KK, REMARK2_RU])
      expect(await v.locator('li.remark', { hasText: r }).locator('.answer').count()).toBe(1);
    await axe(visitor);
    await shot(visitor, '8-public-en');

    const csv = await download(visitor, 'Download (CSV)');
    expect(csv.filename).toMatch(/\.csv$/);
    for (const r of [REMARK_KK, REMARK_RU, REMARK2_KK, REMARK2_RU, ANSWER_KK.en, ANSWER_RU.en, RECOMMENDATION])
      expect(csv.body).toContain(r);
    await visitor.context.close();
  }

  it('a plan item goes from publication to the outcome through the pages of its organizer, two citizens and the council', async () => {
    for (const step of [
      organizerPublishes,
      citizensRemark,
      organizerAnswers,
      hearingScheduled,
      protocolPublished,
      councilReviews,
      stageTwoAndOutcome,
      publicRecord,
    ]) {
      const started = Date.now();
      await step();
      await axeDone();
      if (process.env.STEP_TIMES) console.info(`${step.name}: ${Date.now() - started} ms`);
    }
  });
});
