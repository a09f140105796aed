import type { ReceivedMail } from '../support/smtp-sink';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const API = '/api/v1';
const TITLE = { kk: 'Мектеп асханасына азық-түлік жеткізу', ru: 'Поставка продуктов питания для школьной столовой' };
const DESCRIPTION = {
  kk: 'Алматы қаласының №12 мектебіне оқу жылы бойы ыстық тамақ дайындауға арналған азық-түлік.',
  ru: 'Продукты для горячего питания в школе №12 города Алматы в течение учебного года.',
};
const DOCS = [
  {
    title: { kk: 'Техникалық ерекшелік', ru: 'Техническая спецификация' },
    url: 'https://goszakup.example/docs/spec.pdf',
    sha256: 'a'.repeat(64),
  },
];

/**
 * Issue 15 through the HTTP API as its users meet it: an administrator names the council and the
 * organizer in both state languages; the organizer's plan is refused publication until it has Kazakh
 * and Russian; readers get their language with `i18n`; search finds the plan in either language;
 * remarks record their language and their answers must include it (or kk or ru for another one);
 * each e-mail is in its recipient's language, a text only in another language marked; a translation
 * added later is no correction: no version, no e-mail. The tests run in order and share state.
 */
describe('two state languages, through the API', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let organizer: CreatedUser;
  let chair: CreatedUser;
  let aigerim: CreatedUser;
  let sergei: CreatedUser;
  let anna: CreatedUser;
  let planId: string;
  const remark = { kk: '', ru: '', en: '' };

  const at = (iso: string) => t.clock.set(new Date(iso));
  const read = async (lang: string, path = `${API}/plans/${planId}`) =>
    (await t.http.get(path).set('Accept-Language', lang).expect(200)).body;
  const mailTo = async (u: CreatedUser): Promise<ReceivedMail[]> => {
    await t.flushMail();
    return t.smtp.messages.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === u.user.email.toLowerCase()));
  };
  const clearMail = async () => {
    await t.flushMail();
    t.smtp.messages.length = 0;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T09:00:00+05:00' }); // Monday
    admin = await createUser(t, 'admin', { locale: 'ru' });
    aigerim = await createUser(t, 'citizen', { displayName: 'Айгерім', locale: 'kk' });
    sergei = await createUser(t, 'citizen', { displayName: 'Сергей', locale: 'ru' });
    anna = await createUser(t, 'citizen', { displayName: 'Anna', locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the administrator names the council and the organizer in Kazakh and Russian', async () => {
    const council = await t.http
      .post(`${API}/admin/councils`)
      .set(admin.auth)
      .send({ name: { kk: 'Алматы қаласының қоғамдық кеңесі', ru: 'Общественный совет города Алматы' } })
      .expect(201);
    const organization = await t.http
      .post(`${API}/admin/organizations`)
      .set(admin.auth)
      .send({
        name: { kk: 'Алматы қаласының білім басқармасы', ru: 'Управление образования города Алматы' },
        bin: '940240000438',
        address: { kk: 'Алматы қ., Абай даңғылы, 10', ru: 'г. Алматы, проспект Абая, 10' },
        timeZone: 'Asia/Almaty',
        councilId: council.body.id,
      })
      .expect(201);
    organizer = await createUser(t, 'organizer', { organizationId: organization.body.id, displayName: 'Организатор', locale: 'kk' });
    chair = await createUser(t, 'council_member', { councilId: council.body.id, isChair: true, displayName: 'Төраға', locale: 'kk' });
    const me = (await t.http.get(`${API}/me`).set(organizer.auth).set('Accept-Language', 'kk').expect(200)).body;
    expect(JSON.stringify(me)).toContain('Алматы қаласының білім басқармасы');
  });

  it('a plan written in Russian only is refused publication, naming the missing Kazakh; a translation lets it through', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(organizer.auth)
      .set('Content-Language', 'ru')
      .send({ title: TITLE.ru, description: DESCRIPTION.ru, subjectCode: '107111.000.000000', amount: 48_000_000, method: 'open_tender' })
      .expect(201);
    planId = created.body.id;
    at('2027-03-01T10:00:00+05:00');
    const refused = await t.http.post(`${API}/plans/${planId}/publish`).set(organizer.auth).set('Accept-Language', 'kk').expect(422);
    expect(refused.body.error).toMatchObject({ code: 'TRANSLATION_REQUIRED', missing: ['title.kk', 'description.kk'] });
    expect(refused.body.error.message).toContain('title.kk');
    await t.http
      .put(`${API}/plans/${planId}/translations`)
      .set(organizer.auth)
      .send({ title: { kk: TITLE.kk }, description: { kk: DESCRIPTION.kk } })
      .expect(200);
    const published = await t.http.post(`${API}/plans/${planId}/publish`).set(organizer.auth).expect(200);
    expect(published.body.stage1).toBeTruthy();
  });

  it('readers get their own language, every version under i18n, and English falls back to Russian', async () => {
    const kk = await read('kk');
    expect(kk).toMatchObject({ title: TITLE.kk, description: DESCRIPTION.kk });
    expect(kk.organization.name).toBe('Алматы қаласының білім басқармасы');
    expect((await read('ru')).title).toBe(TITLE.ru);
    const en = await read('en');
    expect(en.title).toBe(TITLE.ru);
    expect(en.i18n.title).toEqual({ kk: TITLE.kk, ru: TITLE.ru, en: null });
    const list = await read('kk', `${API}/plans?limit=5`);
    expect(list.items[0]).toMatchObject({ title: TITLE.kk, i18n: { title: { kk: TITLE.kk, ru: TITLE.ru, en: null } } });
  });

  it('search finds the plan by either language, Kazakh letters typed in capitals included', async () => {
    for (const q of ['ЖЕТКІЗУ', 'асханасына', 'асхана', 'продуктов', 'продукты питания']) {
      const found = await read('ru', `${API}/plans?q=${encodeURIComponent(q)}`);
      expect([q, found.items.map((p: { id: string }) => p.id)]).toEqual([q, [planId]]);
    }
    expect((await read('ru', `${API}/plans?q=${encodeURIComponent('ауруханаға')}`)).items).toEqual([]);
  });

  it('remarks record their language: chosen, else Content-Language, else the account language', async () => {
    at('2027-03-02T10:00:00+05:00');
    const post = (u: CreatedUser, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.http.post(`${API}/plans/${planId}/remarks`).set(u.auth).set(headers).send(body).expect(201);
    remark.kk = (await post(aigerim, { body: 'Ас мәзіріне жергілікті фермерлердің сүт өнімдерін қосуды ұсынамын.' })).body.id;
    remark.ru = (await post(sergei, { body: 'Прошу указать требования к свежести овощей.' }, { 'Content-Language': 'ru-KZ' })).body.id;
    remark.en = (await post(anna, { body: 'Please publish the daily menu for the pupils.', language: 'en' })).body.id;
    const items = (await read('en', `${API}/plans/${planId}/remarks?limit=10`)).items as { id: string; language: string }[];
    expect(Object.fromEntries(items.map((r) => [r.id, r.language]))).toEqual({ [remark.kk]: 'kk', [remark.ru]: 'ru', [remark.en]: 'en' });
  });

  it("an answer must include the remark's state language, or Kazakh or Russian for a remark in another language", async () => {
    at('2027-03-10T10:00:00+05:00');
    await clearMail();
    const answer = (id: string, body: unknown, disposition = 'explained') =>
      t.http.post(`${API}/remarks/${id}/answer`).set(organizer.auth).send({ body, disposition });
    const wrongLanguage = await answer(remark.kk, { ru: 'Молочная продукция местных фермеров будет включена в меню.' }).expect(422);
    expect(wrongLanguage.body.error).toMatchObject({ code: 'TRANSLATION_REQUIRED', missing: ['body.kk'] });
    await answer(remark.kk, {
      kk: 'Жергілікті фермерлердің сүт өнімдері мәзірге енгізіледі, талап техникалық ерекшелікке қосылды.',
      ru: 'Молочная продукция местных фермеров будет включена в меню, требование добавлено в спецификацию.',
    }).expect(201);
    const englishOnly = await answer(remark.en, { en: 'The menu will be published on the school website every Monday.' }).expect(422);
    expect(englishOnly.body.error).toMatchObject({ code: 'TRANSLATION_REQUIRED', missing: ['body.kk', 'body.ru'] });
    await answer(remark.en, { ru: 'Меню будет публиковаться на сайте школы каждый понедельник.' }).expect(201);
    // a plain string is in the organizer's account language (Kazakh) unless Content-Language says otherwise
    const ruText = 'Требования к свежести указаны в разделе 4 технической спецификации.';
    expect((await answer(remark.ru, ruText).expect(422)).body.error).toMatchObject({ missing: ['body.ru'] });
    await t.http
      .post(`${API}/remarks/${remark.ru}/answer`)
      .set(organizer.auth)
      .set('Content-Language', 'ru')
      .send({ body: ruText, disposition: 'explained' })
      .expect(201);
    expect(await mailTo(organizer)).toHaveLength(0);
  });

  it("each answer e-mail is in its recipient's language; a text only in another language is marked with it", async () => {
    const [toAigerim] = await mailTo(aigerim);
    expect(toAigerim.subject).toContain('Ескертуіңізге жауап');
    expect(toAigerim.subject).toContain(TITLE.kk);
    expect(toAigerim.html).toContain('<html lang="kk">');
    expect(toAigerim.text).toContain('Жергілікті фермерлердің сүт өнімдері');
    const [toAnna] = await mailTo(anna);
    expect(toAnna.html).toContain('<html lang="en">');
    expect(toAnna.html).toMatch(/<blockquote lang="ru"[^>]*>Меню будет публиковаться/);
    expect(toAnna.text).toContain('(no translation yet; shown in Russian)');
  });

  it('a translation added later is no correction: same version, no e-mail; a changed language is refused', async () => {
    await clearMail();
    const url = `${API}/remarks/${remark.en}/answer/translations`;
    await t.http
      .put(url)
      .set(organizer.auth)
      .send({ body: { kk: 'Мәзір әр дүйсенбі сайын мектеп сайтында жарияланады.', en: 'The menu is published every Monday.' } })
      .expect(200);
    const clash = await t.http
      .put(url)
      .set(organizer.auth)
      .send({ body: { ru: 'Другой текст ответа на замечание.' } })
      .expect(409);
    expect(clash.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
    const items = (await read('en', `${API}/plans/${planId}/remarks?limit=10`)).items as Record<string, any>[];
    const answered = items.find((r) => r.id === remark.en)!.answer;
    expect(answered).toMatchObject({ body: 'The menu is published every Monday.', version: 1 });
    expect(answered.i18n.body).toEqual({
      kk: 'Мәзір әр дүйсенбі сайын мектеп сайтында жарияланады.',
      ru: 'Меню будет публиковаться на сайте школы каждый понедельник.',
      en: 'The menu is published every Monday.',
    });
    expect(t.smtp.messages.length + (await mailTo(anna)).length).toBe(0);
  });

  it('the hearing room and the protocol are published in both languages and read in each', async () => {
    at('2027-03-26T10:00:00+05:00');
    await t.http
      .put(`${API}/plans/${planId}/hearing`)
      .set(organizer.auth)
      .send({ startsAt: '2027-04-01T10:00:00+05:00', room: { kk: 'Мәжіліс залы, 2-қабат', ru: 'Зал заседаний, 2 этаж' } })
      .expect(200);
    at('2027-04-01T14:00:00+05:00');
    await t.http
      .post(`${API}/plans/${planId}/hearing/protocol`)
      .set(organizer.auth)
      .send({
        attendeesCount: 14,
        speakers: [{ kk: 'Айгерім, ата-ана', ru: 'Айгерим, родитель' }],
        summary: { kk: 'Мәзір мен өнім сапасы талқыланды.', ru: 'Обсуждены меню и качество продуктов.' },
        decisions: [{ kk: 'Мәзірді апта сайын жариялау', ru: 'Публиковать меню еженедельно' }],
      })
      .expect(201);
    const kk = await read('kk');
    expect(kk.hearing.room).toBe('Мәжіліс залы, 2-қабат');
    expect(kk.protocol).toMatchObject({ summary: 'Мәзір мен өнім сапасы талқыланды.', decisions: ['Мәзірді апта сайын жариялау'] });
    const ru = await read('ru');
    expect(ru.protocol).toMatchObject({ summary: 'Обсуждены меню и качество продуктов.', speakers: ['Айгерим, родитель'] });
    expect(ru.protocol.i18n.decisions).toEqual([{ kk: 'Мәзірді апта сайын жариялау', ru: 'Публиковать меню еженедельно', en: null }]);
  });

  it('the council position, the notice and the outcome: each text in the reader’s language, with i18n', async () => {
    at('2027-04-02T10:00:00+05:00');
    await t.http
      .post(`${API}/plans/${planId}/review/positions`)
      .set(chair.auth)
      .send({ position: 'endorse', text: { kk: 'Хаттама толық, ұсыныс жоқ.', ru: 'Протокол полный, рекомендаций нет.' } })
      .expect(201);
    await t.http.post(`${API}/plans/${planId}/review/close`).set(chair.auth).expect(200);
    at('2027-04-05T10:00:00+05:00');
    await t.http.post(`${API}/plans/${planId}/notice`).set(organizer.auth).send({ noticeNumber: 'N-15', documents: DOCS }).expect(200);
    at('2027-04-13T10:00:00+05:00'); // stage 2 closed at the end of 12 April
    await t.http
      .post(`${API}/plans/${planId}/outcome`)
      .set(organizer.auth)
      .send({ decision: 'proceed', summary: { kk: 'Сатып алу ескертулер ескеріле отырып өткізіледі.' } })
      .expect(201);
    const ru = await read('ru');
    expect(ru.review.positions[0].text).toBe('Протокол полный, рекомендаций нет.');
    expect(ru.notice.documents[0]).toMatchObject({ title: 'Техническая спецификация', i18n: { title: { ...DOCS[0].title, en: null } } });
    expect(ru.outcome).toMatchObject({
      summary: 'Сатып алу ескертулер ескеріле отырып өткізіледі.',
      i18n: { summary: { kk: 'Сатып алу ескертулер ескеріле отырып өткізіледі.', ru: null, en: null } },
    });
    await t.http
      .put(`${API}/plans/${planId}/outcome/translations`)
      .set(organizer.auth)
      .send({ summary: { ru: 'Закупка проводится с учётом замечаний.' } })
      .expect(200);
    expect((await read('ru')).outcome.summary).toBe('Закупка проводится с учётом замечаний.');
  });
});
