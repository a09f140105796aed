import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fillText, launchBrowser, newPage, runBrowser, SCREENSHOTS, startAxe, serve } from '../support/browser';
import { bilingual, createCouncil, createOrganization, createUser, PASSWORD } from '../support/factories';
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

const TITLE = { kk: '№7 мектептің асханасын жабдықтау', ru: 'Оснащение столовой школы №7' };
const DESCRIPTION = {
  kk: 'Асханаға плиталар, тоңазытқыштар және ыдыс жуғыш машиналар сатып алу.',
  ru: 'Закупка плит, холодильников и посудомоечных машин для столовой.',
};
const REMARK = {
  kk: 'Жабдықтың кепілдік мерзімі кемінде үш жыл болсын.',
  ru: 'Прошу указать в спецификации энергопотребление каждой плиты.',
};
/** The Kazakh remark gets both state languages; the Russian one is answered only in Russian. */
const ANSWER = {
  kk: {
    kk: 'Кепілдік мерзімі техникалық ерекшелікте үш жыл етіп белгіленеді.',
    ru: 'Гарантийный срок в технической спецификации устанавливается в три года.',
  },
  ru: { ru: 'Энергопотребление указывается в приложении 2 к спецификации для каждой позиции.' },
};
const ROOM = { kk: 'Мәжіліс залы, 3-қабат', ru: 'Актовый зал, 3-й этаж' };
const SUMMARY = { kk: 'Жабдықтың кепілдігі мен энергия тұтынуы талқыланды.', ru: 'Обсудили гарантию и энергопотребление оборудования.' };
const POSITION = 'Слушания проведены открыто, ответы по существу.'; // the council member writes only in Russian
const DOC = { kk: 'Техникалық ерекшелік', ru: 'Техническая спецификация' };
const OUTCOME = { kk: 'Сатып алу кепілдік талабымен жалғасады.', ru: 'Закупка продолжается с требованием о гарантии.' };

/**
 * Issue 15's acceptance in real browsers without JavaScript, through the pages only: an organizer with
 * a Kazakh interface writes the plan in Kazakh and Russian side by side and is refused publication
 * while a translation is missing; a Kazakh and a Russian reader each remark in their language; the
 * answers start in the remark's language, one only in Russian, which the Kazakh reader sees marked
 * `lang="ru"` with a note; the hearing room, the protocol, a council position written only in Russian,
 * the notice and the outcome in both; the plan page in kk and ru with the right `lang` attributes;
 * e-mails in the recipient's language. Each step moves the sandbox clock; every main page passes axe.
 */
suite('two state languages in real browsers: a plan in Kazakh and Russian from the draft to the outcome (no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let organizer: Person; // kk interface
  let aigerim: Person; // kk
  let ivan: Person; // ru
  let member: Person; // ru, the council's chair
  let planId = '';
  const id = { kk: '', ru: '' };

  async function person(email: string, lang: Lang): Promise<Person> {
    const { context, page } = await newPage(browser, BROWSER_LOCALE[lang]);
    page.setDefaultTimeout(10_000);
    return { email, lang, context, page };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T09:00:00+05:00' }); // Monday
    const council = await createCouncil(t.db, bilingual('Алматы қаласының қоғамдық кеңесі', 'Общественный совет города Алматы'));
    const org = await createOrganization(t.db, council, {
      name: bilingual('Алмалы ауданының әкімдігі', 'Акимат Алмалинского района'),
      address: bilingual('Алматы қ., Төле би к-сі, 155', 'г. Алматы, ул. Толе би, 155'),
    });
    await createUser(t, 'organizer', {
      organizationId: org.id,
      email: 'schools@almaly.test',
      displayName: 'Сатып алу бөлімі',
      locale: 'kk',
    });
    await createUser(t, 'citizen', { email: 'aigerim.sl@example.kz', displayName: 'Айгерім', locale: 'kk' });
    await createUser(t, 'citizen', { email: 'ivan.sl@example.kz', displayName: 'Иван', locale: 'ru' });
    await createUser(t, 'council_member', {
      councilId: council.id,
      isChair: true,
      email: 'chair.sl@council.test',
      displayName: 'Гульнара К.',
      locale: 'ru',
    });
    base = await serve(t);
    browser = await launchBrowser();
    organizer = await person('schools@almaly.test', 'kk');
    aigerim = await person('aigerim.sl@example.kz', 'kk');
    ivan = await person('ivan.sl@example.kz', 'ru');
    member = await person('chair.sl@council.test', 'ru');
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

  const shot = (p: Person, name: string) => p.page.screenshot({ path: join(SCREENSHOTS, `state-languages-${name}.png`), fullPage: true });

  /** The e-mails to `p` since the last call of `clearMail()`. */
  async function mailTo(p: Person) {
    await t.flushMail();
    return t.smtp.to(p.email);
  }
  async function clearMail(): Promise<void> {
    await t.flushMail();
    t.smtp.messages.length = 0;
  }

  /** The `lang` attribute of <html>. */
  const htmlLang = (p: Person) => p.page.locator('html').getAttribute('lang');

  // ---- the steps ----

  it('the organizer (kk) writes the plan side by side; publication is refused while a translation is missing, then published', async () => {
    at('2027-03-01T10:00:00+05:00');
    const o = organizer.page;
    await signIn(organizer, '/organizer/plans/new');
    expect(await htmlLang(organizer)).toBe('kk');
    // Kazakh and Russian side by side, each input with its language; English folded
    const title = o.getByRole('group', { name: 'Сатып алу нысанасы', exact: true });
    expect(await title.locator('.lang-pair input').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('lang')))).toEqual([
      'kk',
      'ru',
    ]);
    expect(await title.locator('details.lang-optional').getAttribute('open')).toBeNull();
    await axe(organizer);
    await fillText(o, 'Сатып алу нысанасы', 'kk', TITLE);
    await fillText(o, 'Сатып алу туралы ақпарат', 'kk', { kk: DESCRIPTION.kk }); // the Russian description is forgotten
    await o.getByLabel('Нысана коды (ТЖҚБН / КТЖҚ)').fill('275111.000.000000');
    await o.getByLabel('Жоспарланған сома, теңге').fill('35000000');
    await o.getByLabel('Сатып алу тәсілі').selectOption('open_tender');
    await o.getByRole('button', { name: 'Жобаны сақтау' }).click();
    await o.waitForURL(/\/organizer\/plans\/[0-9a-f-]{36}\?done=created/);
    planId = /plans\/([0-9a-f-]{36})/.exec(o.url())![1];

    // the draft hub lists the missing translation before the publish button
    const publish = o.locator('section[aria-labelledby="publish-heading"]');
    expect(await publish.locator('.notice-warning').innerText()).toBe('Әлі аударылмағандар: Сатып алу туралы ақпарат (Русский).');
    await o.getByRole('button', { name: 'Жариялау және бірінші кезеңді ашу' }).click();
    expect(await text(organizer, '#form-error')).toBe(
      'Жоспарды әзірге жариялауға болмайды: атауы мен сипаттамасы қазақ және орыс тілдерінде қажет.',
    );
    expect(await text(organizer, '.badge.stage')).not.toContain('ашық');
    await axe(organizer);
    await shot(organizer, '1-publish-refused-kk');

    // the translation is added on the draft's form, then the plan is published
    await o.getByRole('link', { name: 'Жобаны өзгерту' }).first().click();
    expect(await o.getByRole('group', { name: 'Сатып алу нысанасы', exact: true }).getByLabel('Орысша', { exact: true }).inputValue()).toBe(
      TITLE.ru,
    );
    await fillText(o, 'Сатып алу туралы ақпарат', 'kk', { ru: DESCRIPTION.ru });
    await o.getByRole('button', { name: 'Өзгерістерді сақтау' }).click();
    await o.waitForURL(new RegExp(`/organizer/plans/${planId}(\\?|$)`));
    expect(await o.locator('section[aria-labelledby="publish-heading"] .notice-warning').count()).toBe(0);
    await o.getByRole('button', { name: 'Жариялау және бірінші кезеңді ашу' }).click();
    await o.waitForURL(/done=published/);
    expect(await text(organizer, '#flash')).toBe('Позиция жарияланды; бірінші кезең ашық.');
  });

  it('a Kazakh and a Russian reader read the plan in their language and remark in it (the language select starts in the page language)', async () => {
    at('2027-03-02T10:00:00+05:00');
    const cases: Array<[Person, 'kk' | 'ru', string, string]> = [
      [aigerim, 'kk', 'Сіздің ескертуіңіз немесе ұсынысыңыз', 'Ескертуді жариялау'],
      [ivan, 'ru', 'Ваше замечание или предложение', 'Опубликовать замечание'],
    ];
    for (const [p, lang, label, button] of cases) {
      await signIn(p, `/plans/${planId}`);
      expect(await htmlLang(p)).toBe(lang);
      expect(await text(p, 'h1')).toBe(TITLE[lang]);
      expect(await p.page.locator('h1').getAttribute('lang')).toBeNull(); // in the page's language
      expect(await text(p, 'main')).toContain(DESCRIPTION[lang]);
      // nothing in another language, but the remarks as written (and the language choices, each named in itself)
      expect(await p.page.locator('main [lang]:not(option):not(li.remark [lang])').count()).toBe(0);
      expect(await p.page.locator('#remark-language').inputValue()).toBe(lang);
      await axe(p);
      await p.page.getByLabel(label).fill(REMARK[lang]);
      await p.page.getByRole('button', { name: button }).click();
      await p.page.waitForURL(/done=remark/);
      const item = p.page.locator('li.remark', { has: p.page.locator('.body', { hasText: REMARK[lang] }) });
      expect(await item.locator('.body').getAttribute('lang')).toBe(lang);
      id[lang] = (await item.getAttribute('id'))!.replace(/^remark-/, '');
    }
    // the Russian remark on the Kazakh page: marked with its language and a note
    await aigerim.page.reload();
    const ru = aigerim.page.locator(`#remark-${id.ru}`);
    expect(await ru.locator('.body').getAttribute('lang')).toBe('ru');
    expect(await ru.innerText()).toContain('Жазылған тілі: орыс тілі');
    await shot(aigerim, '2-remarks-kk');
  });

  it('the organizer answers each remark in its language: the form starts in it; the Russian remark only in Russian; e-mails in each language', async () => {
    at('2027-03-03T10:00:00+05:00');
    await clearMail();
    const o = organizer.page;
    await signIn(organizer, '/organizer/remarks');
    for (const lang of ['kk', 'ru'] as const) {
      const item = o.locator(`#remark-${id[lang]}`);
      expect(await item.innerText()).toContain(`Ескертудің тілі: ${lang === 'kk' ? 'қазақ тілі' : 'орыс тілі'}`);
      // the remark's language comes first and its field is the first of the pair
      const first = item.locator('.lang-pair textarea').first();
      expect(await first.getAttribute('lang')).toBe(lang);
    }
    await axe(organizer);
    await shot(organizer, '3-queue-kk');
    for (const lang of ['kk', 'ru'] as const) {
      const item = o.locator(`#remark-${id[lang]}`);
      await item.getByLabel('Қалай ескерілді').selectOption(lang === 'kk' ? 'explained' : 'rejected'); // no commitment to account for in the notice
      await fillText(item, 'Дәлелді жауап', 'kk', ANSWER[lang]);
      await item.getByRole('button', { name: 'Жауапты жариялау' }).click();
      await o.waitForURL(/\/organizer\/remarks\?done=answered/);
      expect(await text(organizer, '#flash')).toBe('Жауап жарияланып, авторға электрондық поштамен жіберілді.');
    }

    const toAigerim = await mailTo(aigerim);
    expect(toAigerim.map((m) => m.subject)).toEqual([`Ескертуіңізге жауап: ${TITLE.kk}`]);
    expect(toAigerim[0].text).toContain(ANSWER.kk.kk);
    expect(toAigerim[0].text).not.toContain(ANSWER.kk.ru);
    const toIvan = await mailTo(ivan);
    expect(toIvan.map((m) => m.subject)).toEqual([`Ответ на ваше замечание: ${TITLE.ru}`]);
    expect(toIvan[0].text).toContain(ANSWER.ru.ru);
  });

  it('the Kazakh reader sees the Russian-only answer marked lang="ru" with a visible note; the Russian reader sees the other in Russian', async () => {
    const a = aigerim.page;
    await a.goto(`${base}/plans/${planId}`);
    const answer = a.locator(`#remark-${id.ru} .answer`);
    const marked = answer.locator('[lang="ru"]', { hasText: ANSWER.ru.ru });
    expect(await marked.count()).toBe(1);
    expect(await answer.innerText()).toContain('(аудармасы әлі жоқ; көрсетілген тіл: орыс тілі)');
    expect(await answer.locator('.lang-note').getAttribute('lang')).toBe('kk');
    expect(await a.locator(`#remark-${id.kk} .answer`).innerText()).toContain(ANSWER.kk.kk);
    expect(await a.locator(`#remark-${id.kk} .answer [lang]`).count()).toBe(0);
    await axe(aigerim);
    await shot(aigerim, '4-answers-kk');

    const i = ivan.page;
    await i.goto(`${base}/plans/${planId}`);
    expect(await i.locator(`#remark-${id.kk} .answer`).innerText()).toContain(ANSWER.kk.ru);
    expect(await i.locator(`#remark-${id.kk} .answer .lang-note`).count()).toBe(0);
    expect(await i.locator(`#remark-${id.ru} .answer`).innerText()).toContain(ANSWER.ru.ru);
    await axe(ivan);
  });

  it('the hearing with its room in Kazakh and Russian (announced in each language), then the protocol', async () => {
    at('2027-03-26T10:00:00+05:00');
    await clearMail();
    const o = organizer.page;
    await signIn(organizer, `/organizer/plans/${planId}/hearing`);
    await o.locator('input[name="date"][value="2027-04-01"]').check();
    await o.getByLabel('Басталу уақыты').fill('10:00');
    await fillText(o, 'Зал (міндетті емес)', 'kk', ROOM);
    await o.getByRole('button', { name: 'Тағайындау және қатысушыларға хабарлау' }).click();
    await o.waitForURL(/done=scheduled/);
    expect(await text(organizer, '#flash')).toBe('Тыңдаулар тағайындалды; қатысушыларға күнтізбе файлы бар хат жіберілді.');
    expect((await mailTo(aigerim)).find((m) => m.text?.includes(ROOM.kk))?.subject).toContain(TITLE.kk);
    expect((await mailTo(ivan)).find((m) => m.text?.includes(ROOM.ru))?.subject).toContain(TITLE.ru);

    at('2027-04-01T14:00:00+05:00');
    await signIn(organizer, `/organizer/plans/${planId}/hearing`);
    await o.getByLabel('Қатысушылар саны').fill('17');
    await fillText(o, 'Сөз сөйлегендер', 'kk', { kk: 'Айгерім\nИван', ru: 'Айгерим\nИван' });
    await fillText(o, 'Қысқаша мазмұны', 'kk', SUMMARY);
    await fillText(o, 'Шешімдер', 'kk', { kk: 'Кепілдікті үш жыл ету', ru: 'Установить гарантию в три года' });
    await axe(organizer);
    await o.getByRole('button', { name: 'Хаттаманы жариялау' }).click();
    await o.waitForURL(/done=protocol/);
    expect(await text(organizer, '#flash')).toBe('Хаттама жарияланды; қатысушылар мен қоғамдық кеңеске хабарланды.');
  });

  it('a council member (ru) records a position only in Russian and closes the review', async () => {
    at('2027-04-02T10:00:00+05:00');
    const m = member.page;
    await signIn(member, `/council/plans/${planId}`);
    expect(await text(member, 'main')).toContain(SUMMARY.ru);
    await m.getByLabel('одобрить', { exact: true }).check();
    await fillText(m, 'Обоснование', 'ru', { ru: POSITION });
    await m.getByRole('button', { name: 'Записать мою позицию' }).click();
    await m.waitForURL(/done=position/);
    await m.getByRole('button', { name: 'Завершить рассмотрение и опубликовать заключение' }).click();
    await m.waitForURL(/done=closed/);
    expect(await text(member, '#flash')).toBe('Рассмотрение завершено, заключение опубликовано.');
    await axe(member);
  });

  it('the notice with a document titled in both languages; after stage 2, the outcome in both (e-mailed in each language)', async () => {
    at('2027-04-05T10:00:00+05:00'); // Monday
    const o = organizer.page;
    await signIn(organizer, `/organizer/plans/${planId}/notice`);
    await o.getByLabel('Хабарлама нөмірі').fill('N-15');
    await o.locator('#doc1Title_kk').fill(DOC.kk);
    await o.locator('#doc1Title_ru').fill(DOC.ru);
    await o.locator('#doc1Url').fill('https://goszakup.example/docs/n15-spec.pdf');
    await o.locator('#doc1Sha256').fill('c'.repeat(64));
    await axe(organizer);
    await o.getByRole('button', { name: 'Жариялау және екінші кезеңді ашу' }).click();
    await o.waitForURL(/done=notice/);
    expect(await text(organizer, '#flash')).toBe('Хабарлама жарияланды; екінші кезең ашық, қатысушыларға хабарланды.');

    at('2027-04-13T10:00:00+05:00'); // stage 2 closed at the end of 12 April
    await clearMail();
    await signIn(organizer, `/organizer/plans/${planId}/outcome`);
    await o.getByLabel('сатып алуды жалғастыру').check();
    await fillText(o, 'Шешімнің қысқаша негіздемесі', 'kk', OUTCOME);
    await axe(organizer);
    await o.getByRole('button', { name: 'Қорытындыны жариялау және талқылауды аяқтау' }).click();
    await o.waitForURL(/done=outcome/);
    await shot(organizer, '7-outcome-kk');

    const toAigerim = (await mailTo(aigerim)).find((m) => m.subject === `Талқылау қорытындысы: ${TITLE.kk}`);
    expect(toAigerim?.text).toContain(OUTCOME.kk);
    const toIvan = (await mailTo(ivan)).find((m) => m.subject === `Итог обсуждения: ${TITLE.ru}`);
    expect(toIvan?.text).toContain(OUTCOME.ru);
  });

  it('the plan page in Kazakh and in Russian shows every text in the reader’s language, fallbacks marked with their own lang', async () => {
    for (const [p, lang] of [
      [aigerim, 'kk'],
      [ivan, 'ru'],
    ] as const) {
      const page = p.page;
      await page.goto(`${base}/plans/${planId}`);
      expect(await htmlLang(p)).toBe(lang);
      const main = await text(p, 'main');
      const expected = [TITLE[lang], DESCRIPTION[lang], ROOM[lang], SUMMARY[lang], DOC[lang], OUTCOME[lang], ANSWER.kk[lang], ANSWER.ru.ru];
      expect(expected.filter((s) => !main.includes(s))).toEqual([]);
      expect(await page.getByRole('link', { name: DOC[lang] }).getAttribute('href')).toBe('https://goszakup.example/docs/n15-spec.pdf');
      // the elements in another language than the page's: only the Russian-only texts on the Kazakh page, each with its note
      const other = await page
        .locator('main [lang]:not(.lang-note):not(option)')
        .evaluateAll((els) => els.map((e) => ({ lang: e.getAttribute('lang'), text: (e.textContent ?? '').trim() })));
      const foreign = other.filter((e) => e.lang !== lang);
      if (lang === 'kk') {
        expect(foreign.map((e) => e.lang)).toEqual(foreign.map(() => 'ru'));
        expect(foreign.some((e) => e.text.includes(ANSWER.ru.ru))).toBe(true);
        expect(foreign.some((e) => e.text.includes(POSITION))).toBe(true);
        expect(foreign.some((e) => e.text.includes(REMARK.ru))).toBe(true);
        expect(await page.locator('main .lang-note').count()).toBeGreaterThanOrEqual(2); // the answer and the position
      } else {
        // on the Russian page only the Kazakh remark is in another language (remarks stay as written)
        expect(foreign).toEqual([{ lang: 'kk', text: REMARK.kk }]);
        expect(await page.locator('main .lang-note').count()).toBe(0);
      }
      await axe(p);
      await shot(p, `8-plan-${lang}`);
    }
  });
});
