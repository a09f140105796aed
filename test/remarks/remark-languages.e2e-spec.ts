import { TokenService } from '../../src/identity/auth/token.service';
import type { Organization } from '../../src/organizations/organization.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { publishedPlan } from './published-plan';

const API = '/api/v1';

/** Issue 15: a remark records its language, and its answer is published in it (Law on Languages, art. 11). */
describe('remark languages and answers in Kazakh and Russian', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let otherOrganizer: CreatedUser;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-02T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council);
    const other = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id, locale: 'ru' });
    otherOrganizer = await createUser(t, 'organizer', { organizationId: other.id });
    const plan = await publishedPlan(t, org.id, organizer.user.id);
    planId = plan.id;
  });
  afterAll(async () => {
    await t.close();
  });

  function auth(u: CreatedUser): { Authorization: string } {
    return { Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` };
  }

  async function remark(author: CreatedUser, body: string, send: Record<string, unknown> = {}, contentLanguage?: string): Promise<string> {
    const req = t.http.post(`${API}/plans/${planId}/remarks`).set(auth(author));
    if (contentLanguage) req.set('Content-Language', contentLanguage);
    return (await req.send({ body, ...send }).expect(201)).body.id;
  }

  const answer = (remarkId: string, body: unknown, disposition = 'accepted') =>
    t.http.post(`${API}/remarks/${remarkId}/answer`).set(auth(organizer)).send({ body, disposition });

  async function listed(remarkId: string, acceptLanguage = 'ru') {
    const res = await t.http.get(`${API}/plans/${planId}/remarks`).set('Accept-Language', acceptLanguage).query({ limit: 100 }).expect(200);
    return res.body.items.find((i: { id: string }) => i.id === remarkId);
  }

  async function language(remarkId: string): Promise<string> {
    const [row] = await t.db.query(`SELECT language FROM remarks WHERE id = $1`, [remarkId]);
    return row.language;
  }

  it('records the language chosen, else Content-Language, else the author’s account language', async () => {
    const kazakh = await createUser(t, 'citizen', { locale: 'kk' });
    expect(await language(await remark(kazakh, 'Мерзімі тым қысқа', { language: 'ru' }))).toBe('ru');
    expect(await language(await remark(kazakh, 'Die Frist ist zu kurz', {}, 'de-DE'))).toBe('de');
    // another text: the same one again would be the author's duplicate (409 DUPLICATE_REMARK)
    expect(await language(await remark(kazakh, 'Мерзімі тым қысқа, ұзартыңыз'))).toBe('kk');
    expect(await language(await remark(kazakh, 'Ҳужжатлар', { language: 'UND' }))).toBe('und');
    const bad = await t.http.post(`${API}/plans/${planId}/remarks`).set(auth(kazakh)).send({ body: 'x', language: 'Kazakh' }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const id = await remark(kazakh, 'Тапсырыс берушіге сұрақ', { language: 'kk' });
    expect(await listed(id)).toMatchObject({ id, language: 'kk', body: 'Тапсырыс берушіге сұрақ' });
  });

  it('asks for the remark’s language when it is kk or ru: 422 TRANSLATION_REQUIRED body.kk', async () => {
    const citizen = await createUser(t, 'citizen', { locale: 'kk' });
    const id = await remark(citizen, 'Техникалық ерекшелікті нақтылаңыз');
    // the organizer's account is Russian: a plain string is a Russian answer
    const refused = await answer(id, 'Спецификация уточнена в извещении.').set('Accept-Language', 'en').expect(422);
    expect(refused.body.error.code).toBe('TRANSLATION_REQUIRED');
    expect(refused.body.error.missing).toEqual(['body.kk']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM answers WHERE remark_id = $1`, [id]);
    expect(n).toBe(0);
    await answer(id, 'Ерекшелік хабарландыруда нақтыланды.').set('Content-Language', 'kk').expect(201);
  });

  it('asks an English remark for Kazakh or Russian: both named missing, either will do', async () => {
    const citizen = await createUser(t, 'citizen', { locale: 'en' });
    const id = await remark(citizen, 'The delivery period is too short.');
    const refused = await answer(id, { en: 'The delivery period was extended to 60 days.' }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'TRANSLATION_REQUIRED', missing: ['body.kk', 'body.ru'] });
    await answer(id, { ru: 'Срок поставки продлён до 60 дней.', en: 'The delivery period was extended to 60 days.' }).expect(201);
    const other = await remark(citizen, 'Another point about the lots.', { language: 'de' });
    await answer(other, 'Лоттар аудандар бойынша бөлінеді.').set('Content-Language', 'kk').expect(201);
  });

  it('gives the answer in the reader’s language with every version under i18n, and the fallback for English', async () => {
    const citizen = await createUser(t, 'citizen', { locale: 'ru' });
    const id = await remark(citizen, 'Уточните сроки');
    await answer(id, { kk: 'Мерзімдер хабарландыруда көрсетілген.', ru: 'Сроки указаны в извещении закупки.' }).expect(201);
    const kk = await listed(id, 'kk');
    expect(kk.language).toBe('ru');
    expect(kk.answer.body).toBe('Мерзімдер хабарландыруда көрсетілген.');
    expect(kk.answer.i18n.body).toEqual({
      kk: 'Мерзімдер хабарландыруда көрсетілген.',
      ru: 'Сроки указаны в извещении закупки.',
      en: null,
    });
    expect((await listed(id, 'ru')).answer.body).toBe('Сроки указаны в извещении закупки.');
    // English is missing: en → ru → kk
    expect((await listed(id, 'en')).answer.body).toBe('Сроки указаны в извещении закупки.');
  });

  it('refuses a correction that changes no version of the text; a new language is a change', async () => {
    const citizen = await createUser(t, 'citizen', { locale: 'ru' });
    const id = await remark(citizen, 'Объедините лоты');
    await answer(id, { ru: 'Лоты объединены в один лот.' }).expect(201);
    const correct = (body: unknown, reason: unknown = 'Уточнение формулировки') =>
      t.http.post(`${API}/remarks/${id}/answer/corrections`).set(auth(organizer)).send({ body, disposition: 'accepted', reason });
    const same = await correct('  Лоты объединены в один лот. ').expect(422);
    expect(same.body.error.code).toBe('CORRECTION_UNCHANGED');
    const noRussian = await correct({ kk: 'Лоттар бір лотқа біріктірілді.' }, { kk: 'Тұжырым нақтыланды' }).expect(422);
    expect(noRussian.body.error).toMatchObject({ code: 'TRANSLATION_REQUIRED', missing: ['body.ru', 'reason.ru'] });
    const fixed = await correct({ ru: 'Лоты объединены в один лот.', kk: 'Лоттар бір лотқа біріктірілді.' }).expect(201);
    expect(fixed.body.version).toBe(2);
    const item = await listed(id, 'kk');
    expect(item.answer).toMatchObject({ version: 2, body: 'Лоттар бір лотқа біріктірілді.', correctionReason: 'Уточнение формулировки' });
    expect(item.answer.i18n.correctionReason).toEqual({ kk: null, ru: 'Уточнение формулировки', en: null });
  });

  it('adds a translation to the latest version: no new version, no verdict reset, no e-mail; 409 TRANSLATION_EXISTS', async () => {
    const citizen = await createUser(t, 'citizen', { locale: 'kk' });
    const id = await remark(citizen, 'Жеткізу мерзімін ұзартыңыз');
    await answer(id, { kk: 'Жеткізу мерзімі 60 күнге дейін ұзартылды.' }).expect(201);
    await t.flushMail();
    await t.http.put(`${API}/remarks/${id}/verdict`).set(auth(citizen)).send({ verdict: 'reasoned', answerVersion: 1 }).expect(200);
    const mailsBefore = t.smtp.to(citizen.user.email).length;
    const [{ n: outboxBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);

    const put = (who: CreatedUser, body: Record<string, unknown>) =>
      t.http.put(`${API}/remarks/${id}/answer/translations`).set(auth(who)).send(body);
    await put(citizen, { body: { ru: 'Срок поставки продлён до 60 дней.' } }).expect(403);
    await put(otherOrganizer, { body: { ru: 'Срок поставки продлён до 60 дней.' } }).expect(403);
    const added = await put(organizer, { body: { ru: 'Срок поставки продлён до 60 дней.' } })
      .set('Accept-Language', 'kk')
      .expect(200);
    expect(added.body).toMatchObject({ remarkId: id, version: 1, added: ['body.ru'], body: 'Жеткізу мерзімі 60 күнге дейін ұзартылды.' });
    expect(added.body.i18n.body).toEqual({
      kk: 'Жеткізу мерзімі 60 күнге дейін ұзартылды.',
      ru: 'Срок поставки продлён до 60 дней.',
      en: null,
    });

    const again = await put(organizer, { body: { ru: 'Срок поставки продлён до 60 дней.' } }).expect(200);
    expect(again.body.added).toEqual([]);
    // a string is in the Content-Language
    const asString = await put(organizer, { body: 'Срок поставки продлён до 60 дней.' }).set('Content-Language', 'ru').expect(200);
    expect(asString.body.added).toEqual([]);
    const exists = await put(organizer, { body: { kk: 'Басқа мәтін, жаңа нұсқа емес.' } }).expect(409);
    expect(exists.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['kk'] });
    const noReason = await put(organizer, { correctionReason: { ru: 'Причина' } }).expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    await put(organizer, {}).expect(400);

    const versions = await t.db.query(`SELECT version, body FROM answers WHERE remark_id = $1`, [id]);
    expect(versions).toEqual([
      { version: 1, body: { kk: 'Жеткізу мерзімі 60 күнге дейін ұзартылды.', ru: 'Срок поставки продлён до 60 дней.', en: null } },
    ]);
    const item = await listed(id, 'ru');
    expect(item.answer).toMatchObject({
      version: 1,
      body: 'Срок поставки продлён до 60 дней.',
      verdict: { verdict: 'reasoned', answerVersion: 1 },
    });
    expect(item.answer.history).toEqual([]);
    await t.dispatcher.runOnce();
    await t.flushMail();
    expect(t.smtp.to(citizen.user.email)).toHaveLength(mailsBefore);
    const [{ n: outboxAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);
    expect(outboxAfter).toBe(outboxBefore);
  });

  it('describes the language, the localized answer and the translation endpoint in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/remarks/{id}/answer/translations'].put.summary).toContain('TRANSLATION_EXISTS');
    expect(doc.components.schemas.CreateRemarkDto.properties.language).toMatchObject({ pattern: '^[a-z]{2,3}$' });
    expect(doc.components.schemas.AnswerDto.properties.body.oneOf).toHaveLength(2);
    expect(doc.components.schemas.CorrectionDto.properties.reason.oneOf).toHaveLength(2);
    expect(Object.keys(doc.components.schemas.AnswerTranslationsDto.properties).sort()).toEqual(['body', 'correctionReason']);
  });

  it('e-mails the answer in the author’s language, and marks a version in another language', async () => {
    const russian = await createUser(t, 'citizen', { locale: 'ru' });
    const ru = await remark(russian, 'Уточните адрес поставки');
    await answer(ru, { kk: 'Жеткізу мекенжайы: Абай даңғылы, 10.', ru: 'Адрес поставки: проспект Абая, 10.' }).expect(201);
    const english = await createUser(t, 'citizen', { locale: 'en' });
    const en = await remark(english, 'Which address is the delivery to?');
    await answer(en, { ru: 'Адрес поставки: проспект Абая, 10.' }).expect(201);
    await t.dispatcher.runOnce();
    await t.flushMail();

    const [toRussian] = t.smtp.to(russian.user.email);
    expect(toRussian.subject).toBe('Ответ на ваше замечание: Ремонт школы');
    expect(toRussian.text).toContain('> Адрес поставки: проспект Абая, 10.');
    expect(toRussian.text).not.toContain('Абай даңғылы');

    const [toEnglish] = t.smtp.to(english.user.email);
    expect(toEnglish.subject).toBe('Answer to your remark: Ремонт школы');
    expect(toEnglish.text).toContain('(no translation yet; shown in Russian)');
    expect(toEnglish.html).toContain('<blockquote lang="ru"');
    expect(toEnglish.html).toContain('Адрес поставки: проспект Абая, 10.');
  });
});
