import { TokenService } from '../../src/identity/auth/token.service';
import type { CreatedUser } from '../support/factories';
import { asAuthUser, createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { publishedPlan } from './published-plan';
import { RemarksService } from '../../src/remarks/remarks.service';

/** Issue 15 on the pages: the remark form's language, remarks and answers marked with their language, the answer, correction and translation forms. */
describe('remark languages on the pages', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let citizen: CreatedUser;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-02T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id, locale: 'ru' });
    citizen = await createUser(t, 'citizen', { locale: 'kk', displayName: 'Айгүл' });
    const plan = await publishedPlan(t, org.id, organizer.user.id);
    planId = plan.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const cookie = (u: CreatedUser) => `session=${t.app.get(TokenService).sign(u.user.id).token}`;
  const get = (path: string, u: CreatedUser | null, lang: string) => {
    const r = t.http.get(path).set('accept-language', lang);
    return u ? r.set('cookie', cookie(u)) : r;
  };
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];
  async function post(path: string, u: CreatedUser, form: Record<string, string>, lang: string) {
    const session = cookie(u);
    const token = csrfOf((await t.http.get(`/plans/${planId}`).set('cookie', session).set('accept-language', lang)).text);
    return t.http
      .post(path)
      .set('cookie', session)
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf: token });
  }
  const remarks = () => t.app.get(RemarksService);
  async function remarkIn(language: string, body: string): Promise<string> {
    return (await remarks().create(asAuthUser(citizen.user), planId, body, undefined, language)).id;
  }

  it('offers the remark’s language, starting in the page’s, and records the one chosen', async () => {
    const kk = await get(`/plans/${planId}`, citizen, 'kk').expect(200);
    expect(kk.text).toContain('<label for="remark-language">Ескертудің тілі</label>');
    expect(kk.text).toMatch(/<option value="kk" lang="kk" selected>Қазақша<\/option>/);
    expect(kk.text).toContain('<option value="und">Басқа тіл</option>');
    const ru = await get(`/plans/${planId}`, citizen, 'ru').expect(200);
    expect(ru.text).toMatch(/<option value="ru" lang="ru" selected>Русский<\/option>/);

    const sent = await post(
      `/plans/${planId}/remarks`,
      citizen,
      { body: 'The delivery period is too short.', language: 'en', idempotencyKey: '' },
      'kk',
    );
    expect(sent.status).toBe(303);
    const id = /#remark-([0-9a-f-]+)/.exec(sent.headers.location)![1];
    const [row] = await t.db.query(`SELECT language FROM remarks WHERE id = $1`, [id]);
    expect(row.language).toBe('en');
    // another language than the page's: marked with its lang, and said
    const page = await get(`/plans/${planId}`, null, 'kk').expect(200);
    expect(page.text).toContain(
      '<p class="meta remark-language">Жазылған тілі: ағылшын тілі</p><p class="body" lang="en">The delivery period is too short.</p>',
    );
    // "another language" is kept as und, and gets no lang attribute
    const other = await post(
      `/plans/${planId}/remarks`,
      citizen,
      { body: 'Bitte die Frist verlängern.', language: 'und', idempotencyKey: '' },
      'ru',
    );
    const otherId = /#remark-([0-9a-f-]+)/.exec(other.headers.location)![1];
    expect((await t.db.query(`SELECT language FROM remarks WHERE id = $1`, [otherId]))[0].language).toBe('und');
    expect((await get(`/plans/${planId}`, null, 'ru')).text).toContain('<p class="body">Bitte die Frist verlängern.</p>');
  });

  it('starts the answer form in the remark’s language and asks for it (TRANSLATION_REQUIRED on its field)', async () => {
    const kkRemark = await remarkIn('kk', 'Жеткізу мерзімін ұзартыңыз');
    const ruRemark = await remarkIn('ru', 'Продлите срок поставки');
    const page = (await get(`/plans/${planId}`, organizer, 'ru').expect(200)).text;
    expect(page.indexOf(`id="answer-${kkRemark}_kk"`)).toBeLessThan(page.indexOf(`id="answer-${kkRemark}_ru"`));
    expect(page.indexOf(`id="answer-${ruRemark}_ru"`)).toBeLessThan(page.indexOf(`id="answer-${ruRemark}_kk"`));
    expect(page).toContain(`<textarea id="answer-${kkRemark}_kk" name="answer-${kkRemark}_kk" lang="kk"`);
    expect(page).toContain('Язык замечания — казахский: ответ должен быть на этом языке');

    // both fields wrong: each says so, and the first (the disposition) takes the focus
    const invalid = await post(
      `/plans/${planId}/remarks/${kkRemark}/answer`,
      organizer,
      { disposition: '', [`answer-${kkRemark}_kk`]: 'Қысқа' },
      'ru',
    );
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(new RegExp(`<select id="disposition-${kkRemark}"[^>]* autofocus`));
    expect(invalid.text).toContain(`<p class="error" id="answer-${kkRemark}-error">`);
    expect(invalid.text.match(/ autofocus/g)).toHaveLength(1);

    const refused = await post(
      `/plans/${planId}/remarks/${kkRemark}/answer`,
      organizer,
      { disposition: 'accepted', [`answer-${kkRemark}_ru`]: 'Срок поставки продлён до 60 дней.' },
      'ru',
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`id="answer-${kkRemark}_kk-error">Обязательно: ответ должен быть и на языке замечания (казахский).`);
    expect(refused.text).toMatch(new RegExp(`<textarea id="answer-${kkRemark}_kk"[^>]*aria-invalid="true" autofocus`));
    expect(refused.text).toContain('Срок поставки продлён до 60 дней.</textarea>'); // the text typed is kept

    const ok = await post(
      `/plans/${planId}/remarks/${kkRemark}/answer`,
      organizer,
      { disposition: 'accepted', [`answer-${kkRemark}_kk`]: 'Жеткізу мерзімі 60 күнге дейін ұзартылды.' },
      'ru',
    );
    expect(ok.status).toBe(303);
    // a Russian reader sees the Kazakh answer marked as such, with the note
    const ru = (await get(`/plans/${planId}`, null, 'ru')).text;
    expect(ru).toContain(
      '<p class="body" lang="kk">Жеткізу мерзімі 60 күнге дейін ұзартылды. <small class="lang-note" lang="ru">(перевода пока нет; показано: казахский)</small></p>',
    );
    const kk = (await get(`/plans/${planId}`, null, 'kk')).text;
    expect(kk).toContain('<p class="body">Жеткізу мерзімі 60 күнге дейін ұзартылды.</p>');
    // the organizer is offered the translation form for the missing Russian
    expect((await get(`/plans/${planId}`, organizer, 'ru')).text).toContain(`href="/organizer/remarks/${kkRemark}/translation"`);
  });

  it('shows each remark’s language in the queue, its answer form starting in it', async () => {
    const id = await remarkIn('en', 'Please split the lot.');
    const queue = (await get('/organizer/remarks', organizer, 'kk').expect(200)).text;
    const item = queue.slice(queue.indexOf(`id="remark-${id}"`));
    expect(item).toContain('Ескертудің тілі: ағылшын тілі');
    expect(item).toMatch(/<h2 class="card-title">[^<]*Мектепті жөндеу[^<]*<\/h2>/); // the plan's title in the reader's language
    expect(item).toContain('<p class="body" lang="en">Please split the lot.</p>');
    // English needs Kazakh or Russian: the page's state language comes first
    expect(item.indexOf(`id="answer-${id}_kk"`)).toBeLessThan(item.indexOf(`id="answer-${id}_ru"`));
    expect(item).toContain('қазақ немесе орыс тілінде (немесе екеуінде де) жауап беріңіз');
    const refused = await post(
      `/organizer/remarks/${id}/answer`,
      organizer,
      { disposition: 'accepted', [`answer-${id}_en`]: 'The lot will be split into three.' },
      'en',
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`id="answer-${id}_kk-error">Required: write this in Kazakh or in Russian (or both).`);
    const ok = await post(
      `/organizer/remarks/${id}/answer`,
      organizer,
      { disposition: 'accepted', [`answer-${id}_ru`]: 'Лот будет разделён на три лота.' },
      'en',
    );
    expect(ok.status).toBe(303);
  });

  it('corrects in the remark’s language side by side, the reason too', async () => {
    const id = await remarkIn('kk', 'Бағаны негіздеңіз');
    await remarks().answer(asAuthUser(organizer.user), id, { kk: 'Баға нарықтық талдау бойынша есептелді.' }, 'explained');
    const form = (await get(`/organizer/remarks/${id}/correction`, organizer, 'ru').expect(200)).text;
    expect(form.indexOf('id="body_kk"')).toBeLessThan(form.indexOf('id="body_ru"'));
    expect(form).toMatch(
      /<textarea id="body_kk" name="body_kk" lang="kk"[^>]* autofocus>Баға нарықтық талдау бойынша есептелді.<\/textarea>/,
    );
    expect(form).toContain('id="reason_kk"');
    // the answer lacks Russian: adding it is a translation, not a correction
    expect(form).toContain(`<a href="/organizer/remarks/${id}/translation">Добавить перевод ответа</a>`);

    const refused = await post(
      `/organizer/remarks/${id}/correction`,
      organizer,
      { disposition: 'accepted', body_kk: 'Баға қайта есептелді, смета жаңартылды.', reason_ru: 'Пересчитана смета' },
      'ru',
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('id="reason_kk-error">Обязательно');
    const ok = await post(
      `/organizer/remarks/${id}/correction`,
      organizer,
      {
        disposition: 'accepted',
        body_kk: 'Баға қайта есептелді, смета жаңартылды.',
        reason_kk: 'Смета қайта есептелді',
        reason_ru: 'Пересчитана смета',
      },
      'ru',
    );
    expect(ok.status).toBe(303);
    const [latest] = await t.db.query(`SELECT version, correction_reason FROM answers WHERE remark_id = $1 ORDER BY version DESC LIMIT 1`, [
      id,
    ]);
    expect(latest).toEqual({ version: 2, correction_reason: { kk: 'Смета қайта есептелді', ru: 'Пересчитана смета', en: null } });
  });

  it('adds a translation of a published answer: no new version, no e-mail; a changed version is refused', async () => {
    const id = await remarkIn('kk', 'Кепілдік мерзімін көрсетіңіз');
    await remarks().answer(asAuthUser(organizer.user), id, { kk: 'Кепілдік мерзімі 24 ай болады.' }, 'accepted');
    const [{ n: outbox }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);
    const form = (await get(`/organizer/remarks/${id}/translation`, organizer, 'ru').expect(200)).text;
    expect(form).toContain('<p class="notice-warning" role="note">Ещё нет переводов: Мотивированный ответ (Русский).</p>');
    expect(form).toContain('<span class="hint" id="body_ru-hint">');

    const changed = await post(
      `/organizer/remarks/${id}/translation`,
      organizer,
      { body_kk: 'Кепілдік мерзімі 36 ай болады.', body_ru: '' },
      'ru',
    );
    expect(changed.status).toBe(409);
    expect(changed.text).toContain('id="body_kk-error"');
    const ok = await post(
      `/organizer/remarks/${id}/translation`,
      organizer,
      { body_kk: 'Кепілдік мерзімі 24 ай болады.', body_ru: 'Гарантийный срок составит 24 месяца.' },
      'ru',
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/organizer/remarks/${id}/translation?done=translated`);
    const answers = await t.db.query(`SELECT version, body FROM answers WHERE remark_id = $1`, [id]);
    expect(answers).toEqual([
      { version: 1, body: { kk: 'Кепілдік мерзімі 24 ай болады.', ru: 'Гарантийный срок составит 24 месяца.', en: null } },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n).toBe(outbox);
    const ru = (await get(`/plans/${planId}`, null, 'ru')).text;
    expect(ru).toContain('<p class="body">Гарантийный срок составит 24 месяца.</p>');
  });

  it('shows the answer in the reader’s language on my remarks and on the verdict page', async () => {
    const id = await remarkIn('kk', 'Құжаттарды жариялаңыз');
    await remarks().answer(
      asAuthUser(organizer.user),
      id,
      { kk: 'Құжаттар порталда жарияланды.', ru: 'Документы опубликованы на портале.' },
      'accepted',
    );
    const mine = (await get('/my/remarks', citizen, 'ru').expect(200)).text;
    expect(mine).toContain('<p class="body">Документы опубликованы на портале.</p>');
    expect(mine).toContain('Ремонт школы');
    const verdict = (await get(`/remarks/${id}/verdict`, citizen, 'en').expect(200)).text;
    expect(verdict).toContain('<p class="body" lang="ru">Документы опубликованы на портале. <small class="lang-note" lang="en">');
    expect(verdict).toContain('<p class="body" lang="kk">Құжаттарды жариялаңыз</p>');
  });
});
