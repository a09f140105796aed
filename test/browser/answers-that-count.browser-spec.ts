import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fillText, launchBrowser, newPage, runBrowser, SCREENSHOTS, startAxe, serve, textField } from '../support/browser';
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
  lang: Lang;
  context: BrowserContext;
  page: Page;
}

/** The plan's title in the two state languages; Alice (en) reads the Russian one, Aigerim the Kazakh one. */
const TITLE = { kk: 'Жол жөндеу: Төле би көшесі', ru: 'Ремонт дороги: улица Толе би' };
const SPEC = 'Техническая спецификация';
const REMARK = {
  formal: 'The estimate counts the asphalt area twice.',
  rejected: 'Publish the traffic plan for the works.',
  accepted: 'Жұмыс кезінде жаяу жүргіншілер жолы сақталсын.',
};
/** The organizer answers the English remarks in Russian with an English version, the Kazakh ones in Kazakh only. */
const ANSWER = {
  formal: { ru: 'Ваше замечание принято к сведению и будет рассмотрено.', en: 'Your remark has been noted and will be considered.' },
  rejected: {
    ru: 'План организации движения входит в договор и публикуется вместе с ним.',
    en: 'The traffic plan is part of the contract and is published with it.',
  },
  accepted: { kk: 'Жаяу жүргіншілер жолы жұмыс кезінде ашық қалады.' },
  corrected: {
    ru: 'Площадь асфальта посчитана дважды в строках 14 и 15 сметы; строка 15 удалена, сумма меньше на 4 млн тенге.',
    en: 'The asphalt area was counted twice in lines 14 and 15 of the estimate; line 15 is removed and the amount is lower by 4 million tenge.',
  },
  dispute: { kk: 'Жаяу жүргіншілер жолы 3.2-бөлімнің 4-тармағында көрсетілген.' },
};
const FORMAL_REASON = 'The answer repeats my remark and says nothing about the estimate.';
const DISPUTE_REASON = '3.2-бөлімде жаяу жүргіншілер жолы туралы ештеңе жоқ.';

/**
 * Issue 14's acceptance in real browsers without JavaScript, the API test's scenario
 * (test/procedure/answers-that-count.e2e-spec.ts) through the pages only: the organizer (ru), two
 * citizens (en, kk), the council's chair (en) and a member (kk), a third member who stays away.
 * An answer its author calls formal from the e-mail's link, the council finding it formal, the
 * outcome refused while the review is open and until a real correction, and a commitment kept in
 * the documentation, disputed in stage 2 and answered. Nauryz 2027 is 21-24 March. The steps run in
 * order and share state; each moves the sandbox clock. Every main page passes the axe check.
 */
suite('answers that count in real browsers: verdicts, the council check and commitments (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let organizer: Person; // ru
  let alice: Person; // en
  let aigerim: Person; // kk
  let chair: Person; // en
  let member: Person; // kk
  let planId = '';
  const id: Record<keyof typeof REMARK | 'dispute', string> = { formal: '', rejected: '', accepted: '', dispute: '' };

  async function person(email: string, lang: Lang): Promise<Person> {
    const { context, page } = await newPage(browser, BROWSER_LOCALE[lang]);
    page.setDefaultTimeout(10_000);
    return { email, lang, context, page };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T09:00:00+05:00' }); // Monday
    const council = await createCouncil(t.db, 'Public council of Almaty');
    const org = await createOrganization(t.db, council, { name: 'Akimat of Almaly district', address: 'Almaty, Tole bi 155' });
    await createUser(t, 'organizer', { organizationId: org.id, email: 'roads@almaly.test', displayName: 'Отдел закупок', locale: 'ru' });
    await createUser(t, 'citizen', { email: 'alice.atc@example.kz', displayName: 'Alice', locale: 'en' });
    await createUser(t, 'citizen', { email: 'aigerim.atc@example.kz', displayName: 'Айгерім', locale: 'kk' });
    await createUser(t, 'council_member', {
      councilId: council.id,
      isChair: true,
      email: 'chair.atc@council.test',
      displayName: 'Gulnara K.',
    });
    await createUser(t, 'council_member', {
      councilId: council.id,
      email: 'member.atc@council.test',
      displayName: 'Әлия Н.',
      locale: 'kk',
    });
    await createUser(t, 'council_member', { councilId: council.id, email: 'absent.atc@council.test', displayName: 'Marat O.' });
    base = await serve(t);
    browser = await launchBrowser();
    organizer = await person('roads@almaly.test', 'ru');
    alice = await person('alice.atc@example.kz', 'en');
    aigerim = await person('aigerim.atc@example.kz', 'kk');
    chair = await person('chair.atc@council.test', 'en');
    member = await person('member.atc@council.test', 'kk');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // ---- helpers ----

  const at = (iso: string): void => t.clock.set(new Date(iso));
  const text = (p: Person, selector: string): Promise<string> => p.page.locator(selector).first().innerText();

  /** Sessions expire by the service clock: each step signs in again and lands on `path`. */
  async function signIn(p: Person, path: string): Promise<void> {
    const l = SIGN_IN[p.lang];
    await p.page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await p.page.getByLabel(l.email).fill(p.email);
    await p.page.getByLabel(l.password).fill(PASSWORD);
    await p.page.getByRole('button', { name: l.button, exact: true }).click();
    await p.page.waitForURL(`${base}${path}`);
  }

  /** Axe checks under way: each starts on the page as it is now; every step awaits its own at the end. */
  let checks: Array<{ url: string; findings: Promise<string[]> }> = [];
  async function axe(p: Person): Promise<void> {
    const url = p.page.url();
    checks.push({ url, ...(await startAxe(browser, p.context, url, BROWSER_LOCALE[p.lang])) });
  }
  afterEach(async () => {
    const done = checks;
    checks = [];
    for (const c of done) expect({ url: c.url, serious: await c.findings }).toEqual({ url: c.url, serious: [] });
  });

  const shot = (p: Person, name: string) =>
    p.page.screenshot({ path: join(SCREENSHOTS, `answers-that-count-${name}.png`), fullPage: true });

  /** The e-mails to `p` since the last call of `clearMail()`. */
  async function mailTo(p: Person) {
    await t.flushMail();
    return t.smtp.to(p.email);
  }
  async function clearMail(): Promise<void> {
    await t.flushMail();
    t.smtp.messages.length = 0;
  }

  async function leaveRemark(p: Person, body: string): Promise<string> {
    const labels = {
      en: ['Your remark or proposal', 'Publish the remark'],
      kk: ['Сіздің ескертуіңіз немесе ұсынысыңыз', 'Ескертуді жариялау'],
    };
    const [label, button] = labels[p.lang as 'en' | 'kk'];
    await p.page.getByLabel(label).fill(body);
    await p.page.getByRole('button', { name: button }).click();
    await p.page.waitForURL(/done=remark/);
    const item = p.page.locator('li.remark', { has: p.page.locator('.body', { hasText: body }) });
    expect(await item.count()).toBe(1);
    return (await item.getAttribute('id'))!.replace(/^remark-/, '');
  }

  /** The organizer answers a remark from the queue (ru). */
  async function answerInQueue(remarkId: string, disposition: string, answer: Partial<Record<Lang, string>>): Promise<void> {
    const o = organizer.page;
    const item = o.locator(`#remark-${remarkId}`);
    await item.getByLabel('Как учтено').selectOption(disposition);
    await fillText(item, 'Мотивированный ответ', 'ru', answer);
    await item.getByRole('button', { name: 'Опубликовать ответ' }).click();
    await o.waitForURL(/\/organizer\/remarks\?done=answered/);
    expect(await text(organizer, '#flash')).toBe('Ответ опубликован и отправлен автору по электронной почте.');
    expect(await o.locator(`#remark-${remarkId}`).count()).toBe(0);
  }

  /** The organizer tries to publish the outcome (ru). */
  async function tryOutcome(): Promise<void> {
    const o = organizer.page;
    await o.getByLabel('продолжить закупку').check();
    await fillText(o, 'Краткое обоснование решения', 'ru', {
      ru: 'Закупка продолжается с изменённой сметой.',
      kk: 'Сатып алу өзгертілген сметамен жалғасады.',
    });
    await o.getByRole('button', { name: 'Опубликовать итог и завершить обсуждение' }).click();
  }

  // ---- the steps ----

  it('the organizer publishes the plan item; two citizens remark; the organizer answers from the queue', async () => {
    at('2027-03-01T10:00:00+05:00');
    const o = organizer.page;
    await signIn(organizer, '/organizer/plans/new');
    await fillText(o, 'Предмет закупки', 'ru', TITLE);
    await fillText(o, 'Информация о закупке', 'ru', { kk: 'Көше жолын жөндеу, 2,4 км.', ru: 'Ремонт дорожного полотна, 2,4 км.' });
    await o.getByLabel('Код предмета (ЕНС ТРУ / КТРУ)').fill('421110.000.000000');
    await o.getByLabel('Планируемая сумма, тенге').fill('80000000');
    await o.getByLabel('Способ закупки').selectOption('open_tender');
    await o.getByRole('button', { name: 'Сохранить черновик' }).click();
    await o.waitForURL(/\/organizer\/plans\/[0-9a-f-]{36}\?done=created/);
    planId = /plans\/([0-9a-f-]{36})/.exec(o.url())![1];
    await o.getByRole('button', { name: 'Опубликовать и открыть первый этап' }).click();
    await o.waitForURL(/done=published/);
    expect(await text(organizer, '#flash')).toBe('Позиция опубликована; первый этап открыт.');

    at('2027-03-02T10:00:00+05:00');
    await signIn(alice, `/plans/${planId}`);
    id.formal = await leaveRemark(alice, REMARK.formal);
    id.rejected = await leaveRemark(alice, REMARK.rejected);
    await signIn(aigerim, `/plans/${planId}`);
    id.accepted = await leaveRemark(aigerim, REMARK.accepted);

    at('2027-03-19T11:00:00+05:00'); // Friday before Nauryz
    await clearMail();
    await signIn(organizer, '/organizer/remarks');
    expect(await text(organizer, 'h1')).toBe('Замечания, ожидающие ответа');
    await axe(organizer);
    await answerInQueue(id.formal, 'explained', ANSWER.formal);
    await answerInQueue(id.rejected, 'rejected', ANSWER.rejected);
    await answerInQueue(id.accepted, 'accepted', ANSWER.accepted);
    expect(await text(organizer, '#council-findings + p')).toBe('Совет не требует исправлений.');
    expect(await text(organizer, '#called-formal + p')).toBe('Ни один автор не назвал ответ формальным.');
  });

  it('the author opens the verdict link of the answer e-mail and calls the answer formal, with a reason (en)', async () => {
    const mails = await mailTo(alice);
    const mail = mails.find((m) => m.subject === `Answer to your remark: ${TITLE.ru}` && (m.text ?? '').includes(ANSWER.formal.en));
    expect(mail?.text).toContain('Did the answer deal with your remark on its substance?');
    expect(mail?.text).toContain('until 2027-04-07 23:59 (Asia/Almaty)'); // 10 working days after 19 March, Nauryz not counted
    const link = new RegExp(`http://talqylau\\.test(/remarks/${id.formal}/verdict)`).exec(mail?.text ?? '');
    expect(link).not.toBeNull();

    at('2027-03-25T10:00:00+05:00');
    const a = alice.page;
    await a.context().clearCookies(); // the session of 2 March has expired anyway
    await a.goto(`${base}${link![1]}`);
    await a.waitForURL(/\/login\?next=/);
    await a.getByLabel('E-mail address').fill(alice.email);
    await a.getByLabel('Password').fill(PASSWORD);
    await a.getByRole('button', { name: 'Sign in', exact: true }).click();
    await a.waitForURL(`${base}${link![1]}`);
    expect(await text(alice, 'h1')).toBe('Your verdict on the answer');
    expect(await text(alice, 'main')).toContain(ANSWER.formal.en);
    expect(await text(alice, '#verdict-shown')).toBe('The author has not judged this answer yet.');
    await axe(alice);

    await a.getByLabel('Formal: the answer does not deal with my remark on its substance').check();
    await a.getByRole('button', { name: 'Publish my verdict' }).click();
    expect(await text(alice, `#verdict-reason-error-${id.formal}`)).toBe('Write your reason: 10 to 2000 characters');
    await a.getByLabel('Your reason').fill(FORMAL_REASON);
    await a.getByRole('button', { name: 'Publish my verdict' }).click();
    await a.waitForURL(/done=verdict/);
    expect(await text(alice, '#flash')).toBe('Your verdict is published.');
    expect(await text(alice, '#verdict-shown')).toContain('formal (version 1, 25 March 2027 at 10:00)');
    expect(await text(alice, '#verdict-shown')).toContain(FORMAL_REASON);
    await axe(alice);
    await shot(alice, '1-verdict-formal-en');
  });

  it('the other author calls her answer reasoned on the plan page (kk)', async () => {
    const c = aigerim.page;
    await signIn(aigerim, `/plans/${planId}`);
    // the other author's verdict is public beside the answer, with its reason
    expect(await text(aigerim, `#verdict-of-${id.formal}`)).toContain('формальды (1-нұсқа,');
    expect(await text(aigerim, `#verdict-of-${id.formal}`)).toContain(FORMAL_REASON);
    expect(await c.locator(`#verdict-form-${id.formal}`).count()).toBe(0);
    const form = c.locator(`#verdict-form-${id.accepted}`);
    await form.getByLabel('Дәлелді: жауапта ескертуім мәні бойынша қаралған').check();
    await form.getByLabel('Себебі').fill('Жауап нақты әрі түсінікті.');
    await form.getByRole('button', { name: 'Бағамды жариялау' }).click();
    await c.waitForURL(`${base}/plans/${planId}?done=verdict#remark-${id.accepted}`);
    expect(await text(aigerim, '#flash')).toBe('Бағаңыз жарияланды.');
    expect(await text(aigerim, `#verdict-of-${id.accepted}`)).toContain('дәлелді (1-нұсқа,');
    await axe(aigerim);
    await shot(aigerim, '2-verdict-reasoned-kk');
  });

  it('the hearing and its protocol; two council members name the formal answer on their position forms (kk, en)', async () => {
    at('2027-03-26T10:00:00+05:00');
    const o = organizer.page;
    await signIn(organizer, `/organizer/plans/${planId}/hearing`);
    await o.locator('input[name="date"][value="2027-04-01"]').check();
    await o.getByLabel('Время начала').fill('10:00');
    await o.getByRole('button', { name: 'Назначить и оповестить участников' }).click();
    await o.waitForURL(/done=scheduled/);
    expect(await text(organizer, '#flash')).toBe('Слушания назначены; участникам отправлено письмо с файлом календаря.');

    at('2027-04-01T14:00:00+05:00');
    await signIn(organizer, `/organizer/plans/${planId}/hearing`);
    await o.getByLabel('Число участников').fill('12');
    await fillText(o, 'Выступившие', 'ru', { ru: 'Alice' });
    await fillText(o, 'Краткое содержание', 'ru', { ru: 'Смета обсуждалась.' });
    await fillText(o, 'Решения', 'ru', { ru: 'Проверить смету' });
    await o.getByRole('button', { name: 'Опубликовать протокол' }).click();
    await o.waitForURL(/done=protocol/);
    expect(await text(organizer, '#flash')).toBe('Протокол опубликован; участники и общественный совет оповещены.');

    at('2027-04-02T10:00:00+05:00');
    const path = `/council/plans/${planId}`;
    const m = member.page;
    await signIn(member, path);
    const answers = m.locator('#position-form .answers-to-check');
    expect(await answers.locator('legend').innerText()).toBe('Сіз формальды деп санайтын жауаптар (міндетті емес)');
    // the answer its author called formal comes first, with the author's reason
    const first = answers.locator('li.remark').first();
    expect(await first.innerText()).toContain(REMARK.formal);
    expect(await first.innerText()).toContain('Ескерту авторы бұл жауапты формальды деп санайды');
    expect(await first.innerText()).toContain(FORMAL_REASON);
    expect(await answers.locator('li.remark').count()).toBe(3);
    await axe(member);
    await m.getByLabel('қарсылық білдіру').check();
    await fillText(m, 'Негіздемесі', 'kk', { kk: 'Сметаға берілген жауап формальды.' });
    await first.getByLabel('Бұл жауапты формальды деп санаймын').check();
    await m.getByRole('button', { name: 'Ұстанымымды жазу' }).click();
    await m.waitForURL(/done=position/);
    expect(await text(member, '#flash')).toBe('Ұстанымыңыз жазылды.');
    expect(await text(member, `#formal-${id.formal}`)).toContain('Қарау әлі жүріп жатыр');
    await shot(member, '3-member-position-kk');

    const c = chair.page;
    await signIn(chair, path);
    await c.getByLabel('endorse', { exact: true }).check();
    await fillText(c, 'Reasons', 'en', { en: 'The protocol is complete.' });
    await c.locator('#position-form li.remark', { hasText: REMARK.formal }).getByLabel('I find this answer formal').check();
    await c.getByRole('button', { name: 'Record my position' }).click();
    await c.waitForURL(/done=position/);
    expect(await text(chair, '#flash')).toBe('Your position was recorded.');
    const votes = c.locator(`#formal-${id.formal}`);
    expect(await votes.innerText()).toContain('Its author calls this answer formal');
    expect(await votes.innerText()).toContain('The review is still open');
    expect(await text(chair, '#close-preview')).toContain('2 of 3 members recorded a position');
    await axe(chair);
    await shot(chair, '3-chair-position-en');
  });

  it('the notice must account for the commitment: the unfinished row is refused next to its fields, then completed (ru)', async () => {
    at('2027-04-05T10:00:00+05:00'); // Monday
    const o = organizer.page;
    await signIn(organizer, `/organizer/plans/${planId}/notice`);
    await o.getByLabel('Номер извещения').fill('N-7');
    await o.locator('#doc1Title_ru').fill(SPEC);
    await o.locator('#doc1Url').fill('https://goszakup.example/docs/spec.pdf');
    await o.locator('#doc1Sha256').fill('a'.repeat(64));
    await o.locator('#doc2Title_ru').fill('Проект договора');
    await o.locator('#doc2Url').fill('https://goszakup.example/docs/contract.pdf');
    await o.locator('#doc2Sha256').fill('b'.repeat(64));
    // the table starts filled with the one commitment: the remark accepted in stage 1
    const rows = o.locator('table.commitments tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(REMARK.accepted);
    expect(await rows.first().innerText()).toContain(ANSWER.accepted.kk);
    // implemented, but neither the document nor the place in it
    await o.locator('#c1Status').selectOption('implemented');
    await o.locator('#c1Explanation').fill('Пешеходная дорожка сохраняется на время работ.');
    await o.getByRole('button', { name: 'Опубликовать и открыть второй этап' }).click();
    expect(await text(organizer, '#c1Status-error')).toContain(
      'Не заполнено: выберите статус, дайте пояснение, а для учтённого — документ и место в нём.',
    );
    expect(await o.locator(`#commitment-row-${id.accepted}`).getAttribute('class')).toBe('row-error');
    expect(await text(organizer, '#form-error')).toBe('Незаполненных обязательств: 1; они отмечены в таблице.');
    expect(await o.inputValue('#doc1Title_ru')).toBe(SPEC); // what was typed stays
    expect(await o.inputValue('#c1Explanation')).toBe('Пешеходная дорожка сохраняется на время работ.');
    await axe(organizer);
    await shot(organizer, '4-notice-incomplete-ru');

    await o.locator('#c1Document').selectOption({ label: `1. ${SPEC}` });
    await o.locator('#c1Location').fill('Раздел 3.2');
    await o.getByRole('button', { name: 'Опубликовать и открыть второй этап' }).click();
    await o.waitForURL(/done=notice/);
    expect(await text(organizer, '#flash')).toBe('Извещение о закупке опубликовано; второй этап открыт, участники оповещены.');
  });

  it('in stage 2 the author disputes the commitment on the plan page; the organizer answers the dispute; she gets it by e-mail (kk)', async () => {
    at('2027-04-06T10:00:00+05:00');
    const c = aigerim.page;
    await signIn(aigerim, `/plans/${planId}`);
    const item = c.locator(`#commitment-${id.accepted}`);
    expect(await item.innerText()).toContain('Раздел 3.2');
    expect(await item.innerText()).toContain(SPEC);
    expect(await item.innerText()).toContain('Автор әлі растаған да, дауласқан да жоқ.');
    await item.getByLabel('Дауласамын: ескермеген').check();
    await item.getByLabel('Негіздеме').fill(DISPUTE_REASON);
    await item.getByRole('button', { name: 'Жіберу' }).click();
    await c.waitForURL(/done=commitment/);
    expect(await text(aigerim, '#commitment-flash')).toBe('Бағаңыз жарияланды.');
    const disputed = c.locator(`#commitment-${id.accepted}`);
    expect(await disputed.innerText()).toContain('автор дауласты');
    await disputed.getByRole('link', { name: 'Дау екінші кезең ескертпесі ретінде' }).click();
    id.dispute = /#remark-([0-9a-f-]{36})$/.exec(c.url())![1];
    const remark = c.locator(`#remark-${id.dispute}`);
    expect(await remark.innerText()).toContain(DISPUTE_REASON);
    expect(await remark.locator('.badge.stage').innerText()).toBe('Екінші кезең');
    await axe(aigerim);
    await shot(aigerim, '5-dispute-kk');

    at('2027-04-06T15:00:00+05:00');
    await clearMail();
    await signIn(organizer, '/organizer/remarks');
    expect(await organizer.page.locator(`#remark-${id.dispute}`).innerText()).toContain(DISPUTE_REASON);
    await answerInQueue(id.dispute, 'explained', ANSWER.dispute);
    const mails = await mailTo(aigerim);
    expect(mails.map((m) => m.subject)).toEqual([`Ескертуіңізге жауап: ${TITLE.kk}`]);
    expect(mails[0].text).toContain(ANSWER.dispute.kk);
  });

  it('after stage 2 the outcome form says the council review is still open and refuses (ru); the chair closes it (en)', async () => {
    at('2027-04-13T09:00:00+05:00'); // stage 2 closed at the end of 12 April
    await signIn(organizer, `/organizer/plans/${planId}/outcome`);
    expect(await text(organizer, '#outcome-review-open')).toContain(
      'Итог ждёт завершения рассмотрения общественным советом: пока председатель его не завершит или не истечёт срок',
    );
    await tryOutcome();
    expect(await text(organizer, '#form-error')).toBe(
      'Рассмотрение советом ещё идёт: итог публикуется после того, как председатель его завершит или истечёт срок.',
    );
    await axe(organizer);
    await shot(organizer, '6-outcome-review-open-ru');

    at('2027-04-13T09:30:00+05:00');
    await clearMail();
    const c = chair.page;
    await signIn(chair, `/council/plans/${planId}`);
    await c.getByRole('button', { name: 'Close the review and publish the conclusion' }).click();
    await c.waitForURL(/done=closed/);
    expect(await text(chair, '#flash')).toBe('The review is closed and the conclusion published.');
    expect(await text(chair, '.formal-finding')).toContain('The council found 1 answer(s) formal');
    expect(await text(chair, `#formal-${id.formal}`)).toContain('Formal: a correction is required');
    expect(await c.locator(`#formal-${id.formal} td`).nth(1).innerText()).toBe('2 of 3');
    await axe(chair);
    await shot(chair, '6-conclusion-en');
    // the organizer is e-mailed once, in Russian, with the link to the correction
    const told = (await mailTo(organizer)).filter((m) => (m.text ?? '').includes(`/organizer/remarks/${id.formal}/correction`));
    expect(told).toHaveLength(1);
  });

  it('the queue shows the demanded correction; the outcome is refused for it; an unchanged correction is refused; a real one is published (ru)', async () => {
    at('2027-04-13T10:00:00+05:00');
    const o = organizer.page;
    await o.goto(`${base}/organizer/remarks`); // signed in at 09:00 the same day
    const findings = o.locator('section[aria-labelledby="council-findings"]');
    expect(await findings.locator('h2').innerText()).toBe('Исправления, которых требует совет');
    const finding = findings.locator(`#finding-${id.formal}`);
    expect(await finding.innerText()).toContain(REMARK.formal);
    expect(await finding.innerText()).toContain('2 из 3 членов совета');
    expect(await o.locator(`#called-${id.formal}`).innerText()).toContain(FORMAL_REASON);
    await axe(organizer);
    await shot(organizer, '7-queue-findings-ru');

    await o.goto(`${base}/organizer/plans/${planId}/outcome`);
    expect(await text(organizer, '#outcome-findings')).toContain(
      'Ответы, признанные советом формальными, ещё требуют исправления до публикации итога: 1.',
    );
    await tryOutcome();
    expect(await text(organizer, '#form-error')).toBe('Ответы, признанные советом формальными, ещё не исправлены: 1.');
    await axe(organizer);

    await o.getByRole('link', { name: 'Исправления, которых требует совет' }).click();
    await o.locator(`#finding-${id.formal}`).getByRole('link', { name: 'Исправить ответ' }).click();
    await o.waitForURL(`${base}/organizer/remarks/${id.formal}/correction`);
    expect(await text(organizer, '#council-found')).toBe('Общественный совет признал этот ответ формальным (2 из 3 членов).');
    // the form starts with the published versions, the remark's (English) one needing Kazakh or Russian: Russian first
    expect(await textField(o, 'Мотивированный ответ', 'ru', 'ru').inputValue()).toBe(ANSWER.formal.ru);
    expect(await textField(o, 'Мотивированный ответ', 'ru', 'en').inputValue()).toBe(ANSWER.formal.en);
    await fillText(o, 'Причина исправления', 'ru', { ru: 'Совет просил' });
    await o.getByRole('button', { name: 'Опубликовать исправление' }).click();
    expect(await text(organizer, '#body-error')).toContain('Исправление должно менять текст ответа или решение по замечанию.');
    expect(await o.getAttribute('#body', 'aria-describedby')).toBe('body-error');
    expect(await o.locator('#body_ru:focus').count()).toBe(1);
    await axe(organizer);
    await shot(organizer, '7-correction-unchanged-ru');

    await clearMail();
    await o.getByLabel('Как учтено').selectOption('accepted');
    await fillText(o, 'Мотивированный ответ', 'ru', ANSWER.corrected);
    await fillText(o, 'Причина исправления', 'ru', { ru: 'Совет признал первый ответ формальным.' });
    await o.getByRole('button', { name: 'Опубликовать исправление' }).click();
    await o.waitForURL(/done=corrected/);
    expect(await text(organizer, '#flash')).toBe('Исправленный ответ опубликован и отправлен автору замечания.');
    expect(await text(organizer, '#council-findings + p')).toBe('Совет не требует исправлений.');
  });

  it('the author is asked again by e-mail and calls the corrected answer reasoned (en)', async () => {
    const mails = await mailTo(alice);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('The answer has a new version (2).');
    expect(mails[0].text).toContain(ANSWER.corrected.en);
    const link = new RegExp(`http://talqylau\\.test(/remarks/${id.formal}/verdict)`).exec(mails[0].text ?? '');
    expect(link).not.toBeNull();

    at('2027-04-13T10:15:00+05:00');
    await signIn(alice, link![1]);
    const a = alice.page;
    expect(await text(alice, 'main')).toContain('version 2');
    expect(await text(alice, '#verdict-shown')).toBe('The author has not judged this answer yet.');
    await a.getByLabel('Reasoned: the answer deals with my remark on its substance').check();
    await a.getByLabel('Your reason').fill('Now the answer explains the estimate.');
    await a.getByRole('button', { name: 'Publish my verdict' }).click();
    await a.waitForURL(/done=verdict/);
    expect(await text(alice, '#verdict-shown')).toContain('reasoned (version 2, 13 April 2027');
    await axe(alice);
  });

  it('the corrected answer is a new commitment: the organizer accounts for it as a later version; the outcome is published (ru)', async () => {
    at('2027-04-13T10:30:00+05:00');
    const o = organizer.page;
    await o.goto(`${base}/organizer/plans/${planId}/notice`);
    const form = o.locator('form#commitments');
    const row = form.locator(`#commitment-row-${id.formal}`);
    expect(await row.innerText()).toContain('Ещё не отражено');
    expect(await form.locator(`#commitment-row-${id.accepted}`).innerText()).toContain('Сейчас: версия 1');
    await row.locator('select[name$="Status"]').selectOption('implemented');
    await row.locator('select[name$="Document"]').selectOption(SPEC);
    await row.locator('input[name$="Location"]').fill('Смета, строка 15');
    await row.locator('textarea[name$="Explanation"]').fill('Строка 15 сметы удалена.');
    await axe(organizer);
    await clearMail();
    await form.getByRole('button', { name: 'Опубликовать новые версии' }).click();
    await o.waitForURL(/done=commitments/);
    expect(await text(organizer, '#flash')).toBe('Новые версии опубликованы и отправлены авторам.');
    expect((await mailTo(alice)).map((m) => m.subject)).toEqual([`Where your accepted remark is kept: ${TITLE.ru}`]);

    at('2027-04-13T11:00:00+05:00');
    await o.goto(`${base}/organizer/plans/${planId}/outcome`);
    expect(await o.locator('#outcome-review-open, #outcome-findings').count()).toBe(0);
    await tryOutcome();
    await o.waitForURL(/done=outcome/);
    expect(await text(organizer, '#flash')).toBe('Итог опубликован, обсуждение завершено; участники оповещены.');
    await shot(organizer, '8-outcome-ru');
  });

  it('the plan page shows the verdicts, the council finding, the commitments with their status and the dispute, and the outcome (en, kk)', async () => {
    const a = alice.page;
    await a.goto(`${base}/plans/${planId}`);
    // verdicts beside the answers
    expect(await text(alice, `#verdict-of-${id.formal}`)).toContain('reasoned (version 2, 13 April 2027');
    expect(await text(alice, `#remark-${id.formal} .answer`)).toContain(ANSWER.corrected.en);
    // the first version stays public with the author's formal verdict on it
    await a.locator(`#remark-${id.formal} details.answer-history summary`).click();
    expect(await text(alice, `#answer-${id.formal}-v1`)).toContain(ANSWER.formal.en);
    expect(await text(alice, `#verdict-of-${id.formal}-v1`)).toContain('formal (version 1,');
    expect(await text(alice, `#verdict-of-${id.accepted}`)).toContain('reasoned (version 1,');
    expect(await text(alice, `#verdict-of-${id.rejected}`)).toBe('The author has not judged this answer yet.');
    // the council's finding, corrected
    expect(await text(alice, '.formal-finding')).toContain('The council found 1 answer(s) formal');
    expect(await text(alice, `#formal-${id.formal}`)).toContain('Formal; corrected on 13 April 2027');
    expect(await a.locator(`#formal-${id.formal} td`).nth(1).innerText()).toBe('2 of 3');
    // the commitments: status, where, the author's dispute and its answer
    const kept = a.locator(`#commitment-${id.accepted}`);
    expect(await kept.innerText()).toContain('implemented');
    expect(await kept.innerText()).toContain('Раздел 3.2');
    expect(await kept.innerText()).toContain('disputed by the author');
    expect(await kept.innerText()).toContain(DISPUTE_REASON);
    expect(await kept.getByRole('link', { name: 'The dispute as a stage-2 remark' }).getAttribute('href')).toBe(
      `/plans/${planId}#remark-${id.dispute}`,
    );
    expect(await text(alice, `#remark-${id.dispute} .answer`)).toContain(ANSWER.dispute.kk);
    const later = a.locator(`#commitment-${id.formal}`);
    expect(await later.innerText()).toContain('implemented');
    expect(await later.innerText()).toContain('Смета, строка 15');
    expect(await later.innerText()).toContain('The author has not confirmed or disputed it.');
    // the outcome, and no more forms
    expect(await text(alice, '#outcome')).toBe('Outcome of the discussion');
    expect(await text(alice, 'main')).toContain('Proceed with the procurement');
    // the verdict window of the corrected answer outlives the outcome: its author may still change her mind there, and only there
    expect(await a.locator('form.verdict-form').count()).toBe(1);
    expect(await a.locator(`#verdict-form-${id.formal}`).getByRole('button', { name: 'Change my verdict' }).count()).toBe(1);
    await axe(alice);
    await shot(alice, '9-public-record-en');

    await aigerim.page.goto(`${base}/plans/${planId}`);
    expect(await text(aigerim, `#commitment-${id.accepted}`)).toContain('автор дауласты');
    expect(await text(aigerim, '#commitments')).toBe('Міндеттемелер');
    expect(await aigerim.page.locator(`#commitment-${id.accepted} form`).count()).toBe(0); // the outcome ended the window
    await axe(aigerim);
  });
});
