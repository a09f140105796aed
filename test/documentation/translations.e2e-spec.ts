import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Notice } from '../../src/documentation/notice.entity';
import { Plan } from '../../src/plans/plan.entity';
import { Outcome } from '../../src/outcomes/outcome.entity';
import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld, sha256 } from '../reviews/fixtures';

const SPEC_RU = 'Техническая спецификация';
const SPEC_KK = 'Техникалық ерекшелік';
const CONTRACT_RU = 'Проект договора';
const CONTRACT_KK = 'Шарт жобасы';
const DOCS = [
  { title: SPEC_RU, url: 'https://goszakup.gov.kz/docs/spec.pdf', sha256: sha256('spec') },
  { title: CONTRACT_RU, url: 'https://goszakup.gov.kz/docs/contract.pdf', sha256: sha256('contract') },
];

async function outboxCount(t: TestApp): Promise<number> {
  const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM outbox_messages`);
  return count;
}

/**
 * Adding a translation to the notice or the outcome is not a correction (issue 15): only missing
 * languages, no new version, no e-mail; readers get their language with every version under i18n,
 * and the plan page marks a text shown in another language.
 */
describe('translations of the notice and the outcome', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 2);
  });
  afterAll(async () => {
    await t.close();
  });

  const cookie = (u: CreatedUser) => `session=${u.token}`;
  const page = (path: string, u?: CreatedUser, lang = 'en') => {
    const r = t.http.get(path).set('accept-language', lang);
    return u ? r.set('cookie', cookie(u)) : r;
  };
  async function post(path: string, u: CreatedUser, form: Record<string, string>, lang = 'en') {
    const token = /name="_csrf" value="([^"]+)"/.exec((await page('/account', u)).text)![1];
    return t.http
      .post(path)
      .set('cookie', cookie(u))
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf: token });
  }

  it('refuses a title repeated in one language (422 DOCUMENT_TITLES_NOT_UNIQUE); the same words in two languages of one title are fine', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00') });
    const url = `/api/v1/plans/${plan.id}/notice`;
    const repeated = [
      { ...DOCS[0], title: { ru: SPEC_RU, kk: SPEC_KK } },
      { ...DOCS[1], title: { ru: CONTRACT_RU, kk: ` ${SPEC_KK.toUpperCase()}` } },
    ];
    const res = await t.http.post(url).set(w.organizer.auth).send({ noticeNumber: 'N-1', documents: repeated }).expect(422);
    expect(res.body.error.code).toBe('DOCUMENT_TITLES_NOT_UNIQUE');
    const same = [{ ...DOCS[0], title: { ru: 'Смета', kk: 'Смета' } }, DOCS[1]];
    await t.http.post(url).set(w.organizer.auth).set('Content-Language', 'ru').send({ noticeNumber: 'N-1', documents: same }).expect(200);
  });

  it('PUT /notice/translations adds the Kazakh titles: no new version, no e-mail; a commitment then names a document by its Kazakh title', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00') });
    const author = await createUser(t, 'citizen', { locale: 'kk' });
    const remark = await createRemark(t, plan.id, author.user.id, { body: 'Кепілдік мерзімі көрсетілмеген' });
    await answerRemark(t, remark, w.organizer.user.id, {
      body: 'Кепілдік қосылады',
      disposition: 'accepted',
      publishedAt: new Date('2027-01-20T10:00:00+05:00'),
    });
    const follower = await createUser(t, 'citizen');
    await t.db.getRepository(PlanSubscription).save({ planId: plan.id, userId: follower.user.id, kind: 'follow' });
    await t.db.getRepository(Plan).update({ id: plan.id }, { title: LocalizedText.of({ kk: 'Шатыр жөндеу', ru: 'Ремонт кровли' })! });
    const url = `/api/v1/plans/${plan.id}/notice`;
    const commitment = {
      remarkId: remark.id,
      status: 'implemented',
      document: SPEC_RU,
      location: 'п. 4.2',
      explanation: 'Гарантия 24 месяца.',
    };
    await t.http
      .post(url)
      .set(w.organizer.auth)
      .set('Content-Language', 'ru')
      .send({ noticeNumber: 'N-7', documents: DOCS, commitments: [commitment] })
      .expect(200);

    // a Kazakh title is not a title yet
    const commitmentsUrl = `/api/v1/plans/${plan.id}/commitments`;
    const unknown = await t.http
      .post(commitmentsUrl)
      .set(w.organizer.auth)
      .send({ commitments: [{ ...commitment, document: SPEC_KK, location: '4.2-тармақ' }] })
      .expect(422);
    expect(unknown.body.error.code).toBe('COMMITMENT_INVALID');

    // e-mails in the recipient's language: the Kazakh author's commitment and stage-2 e-mails name the
    // plan in Kazakh, the English follower's in Russian (en→ru→kk)
    await t.flushMail();
    const toAuthor = t.smtp.to(author.user.email).map((m) => m.subject ?? '');
    expect(toAuthor).toHaveLength(2);
    for (const subject of toAuthor) expect(subject).toContain('Шатыр жөндеу');
    expect(t.smtp.to(follower.user.email).map((m) => m.subject)).toEqual(['Stage 2 is open: Ремонт кровли']);
    const mailsBefore = await outboxCount(t);
    const translations = `${url}/translations`;
    const other = await createWorld(t, 0);
    expect(
      (
        await t.http
          .put(translations)
          .set(other.organizer.auth)
          .send({ documents: [{ title: { kk: SPEC_KK } }] })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await t.http
          .put(translations)
          .set(author.auth)
          .send({ documents: [{ title: { kk: SPEC_KK } }] })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');

    const added = await t.http
      .put(translations)
      .set(w.organizer.auth)
      .set('Accept-Language', 'kk')
      .send({ documents: [{ title: { kk: SPEC_KK } }, { title: { kk: CONTRACT_KK, ru: CONTRACT_RU } }] })
      .expect(200);
    expect(added.body).toMatchObject({ version: 1, noticeNumber: 'N-7' });
    expect(added.body.versions).toHaveLength(1);
    expect(added.body.documents).toEqual([
      { title: SPEC_KK, url: DOCS[0].url, sha256: DOCS[0].sha256, i18n: { title: { kk: SPEC_KK, ru: SPEC_RU, en: null } } },
      { title: CONTRACT_KK, url: DOCS[1].url, sha256: DOCS[1].sha256, i18n: { title: { kk: CONTRACT_KK, ru: CONTRACT_RU, en: null } } },
    ]);
    expect(await t.db.getRepository(Notice).countBy({ planId: plan.id })).toBe(1);
    expect(await outboxCount(t)).toBe(mailsBefore);

    // the same text again changes nothing; another text for a language already there is a correction, not a translation
    await t.http
      .put(translations)
      .set(w.organizer.auth)
      .send({ documents: [{ title: { kk: SPEC_KK } }] })
      .expect(200);
    const conflict = await t.http
      .put(translations)
      .set(w.organizer.auth)
      .send({ documents: [{}, { title: { ru: 'Договор' } }] })
      .expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['ru'] });
    expect(
      (
        await t.http
          .put(translations)
          .set(w.organizer.auth)
          .send({ correctionReason: { kk: 'Себеп' } })
          .expect(400)
      ).body.error.code,
    ).toBe('VALIDATION_FAILED');

    // GET /plans/{id} in Russian: the reader's version, every version under i18n
    const record = await t.http.get(`/api/v1/plans/${plan.id}`).set('Accept-Language', 'ru').expect(200);
    expect(record.body.notice.documents[0]).toMatchObject({ title: SPEC_RU, i18n: { title: { kk: SPEC_KK, ru: SPEC_RU, en: null } } });
    // the commitment's answer is a published text too
    expect(record.body.commitments[0].answer.body).toBe('Кепілдік қосылады');
    expect(Object.values(record.body.commitments[0].answer.i18n.body)).toContain('Кепілдік қосылады');

    // the commitment may now name the document by its Kazakh title
    const later = await t.http
      .post(commitmentsUrl)
      .set(w.organizer.auth)
      .send({ commitments: [{ ...commitment, document: SPEC_KK, location: '4.2-тармақ' }] })
      .expect(201);
    expect(later.body.published).toEqual([{ remarkId: remark.id, version: 2 }]);
    // the plan page names the document of each version (v1 typed in Russian, v2 in Kazakh) in the reader's language
    const kkPage = await t.http.get(`/plans/${plan.id}?lang=kk`).expect(200);
    expect(kkPage.text).toContain(`<dd>${SPEC_KK}</dd>`);
    expect(kkPage.text).not.toContain(`<dd>${SPEC_RU}</dd>`);
    const ruPage = await t.http.get(`/plans/${plan.id}?lang=ru`).expect(200);
    expect(ruPage.text).toContain(`<dd>${SPEC_RU}</dd>`);
    expect(ruPage.text).not.toContain(`<dd>${SPEC_KK}</dd>`);
  });

  it('PUT /outcome/translations adds the Russian summary without a version or e-mail; the plan page marks what exists only in another language', async () => {
    const plan = await createPlan(t, w, {
      protocolPublishedAt: new Date('2027-02-05T10:00:00+05:00'),
      reviewClosesAt: new Date('2027-02-19T23:59:59.999+05:00'),
      noticePublishedAt: new Date('2027-02-10T10:00:00+05:00'),
      stage2OpensAt: new Date('2027-02-10T10:00:00+05:00'),
      stage2ClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
    });
    await t.http.post(`/api/v1/plans/${plan.id}/review/close`).set(w.chair.auth).expect(200);
    await t.db.getRepository(Plan).update(
      { id: plan.id },
      {
        title: LocalizedText.of({ kk: 'Мектеп жөндеу', ru: 'Ремонт школы' })!,
        description: LocalizedText.single('Капитальный ремонт', 'ru')!,
      },
    );
    const url = `/api/v1/plans/${plan.id}/outcome`;
    const translations = `${url}/translations`;
    expect(
      (
        await t.http
          .put(translations)
          .set(w.organizer.auth)
          .send({ summary: { ru: 'x' } })
          .expect(409)
      ).body.error.code,
    ).toBe('OUTCOME_NOT_PUBLISHED');
    const follower = await createUser(t, 'citizen', { locale: 'ru' });
    await t.db.getRepository(PlanSubscription).save({ planId: plan.id, userId: follower.user.id, kind: 'follow' });
    const summaryKk = 'Сатып алу жоспар бойынша жалғасады';
    const published = await t.http
      .post(url)
      .set(w.organizer.auth)
      .set('Content-Language', 'kk')
      .set('Accept-Language', 'ru')
      .send({ decision: 'proceed', summary: summaryKk })
      .expect(201);
    expect(published.body).toMatchObject({ summary: summaryKk, i18n: { summary: { kk: summaryKk, ru: null, en: null } } });

    // the Russian reader's e-mail shows the Kazakh summary, marked
    await t.flushMail();
    const [mail] = t.smtp.to(follower.user.email);
    expect(mail.html).toContain(`<blockquote lang="kk"`);
    expect(mail.text).toContain('(перевода пока нет; показано: казахский)');

    // the plan page in Russian: the summary in Kazakh with lang="kk" and the visible note
    const ruPage = await t.http.get(`/plans/${plan.id}?lang=ru`).expect(200);
    expect(ruPage.text).toContain(`<p class="body" lang="kk">${summaryKk} <small class="lang-note" lang="ru">`);
    const kkPage = await t.http.get(`/plans/${plan.id}?lang=kk`).expect(200);
    expect(kkPage.text).toContain(`<p class="body">${summaryKk}</p>`);
    // the plan itself: the Kazakh title (heading and <title>); the Russian-only description marked for the Kazakh reader
    expect(kkPage.text).toContain('<h1>Мектеп жөндеу</h1>');
    expect(kkPage.text).toMatch(/<title>[^<]*Мектеп жөндеу/);
    expect(kkPage.text).toContain(
      '<p class="description" lang="ru">Капитальный ремонт <small class="lang-note" lang="kk">(аудармасы әлі жоқ; көрсетілген тіл: орыс тілі)</small></p>',
    );
    expect(ruPage.text).toContain('<h1>Ремонт школы</h1>');
    expect(ruPage.text).toContain('<p class="description">Капитальный ремонт</p>');

    await t.flushMail();
    const mailsBefore = await outboxCount(t);
    const summaryRu = 'Закупка продолжается по плану';
    const added = await t.http
      .put(translations)
      .set(w.organizer.auth)
      .set('Accept-Language', 'ru')
      .send({ summary: { ru: summaryRu } })
      .expect(200);
    expect(added.body).toMatchObject({ version: 1, summary: summaryRu, i18n: { summary: { kk: summaryKk, ru: summaryRu, en: null } } });
    expect(await t.db.getRepository(Outcome).countBy({ planId: plan.id })).toBe(1);
    expect(await outboxCount(t)).toBe(mailsBefore);
    const conflict = await t.http
      .put(translations)
      .set(w.organizer.auth)
      .send({ summary: { kk: 'Басқа мәтін' } })
      .expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'TRANSLATION_EXISTS', languages: ['kk'] });
    expect(
      (
        await t.http
          .put(translations)
          .set(w.members[0].auth)
          .send({ summary: { en: 'Go on' } })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');

    const ruAfter = await t.http.get(`/plans/${plan.id}?lang=ru`).expect(200);
    expect(ruAfter.text).toContain(`<p class="body">${summaryRu}</p>`);
    const record = await t.http.get(`/api/v1/plans/${plan.id}`).set('Accept-Language', 'kk').expect(200);
    expect(record.body.outcome).toMatchObject({ summary: summaryKk, i18n: { summary: { kk: summaryKk, ru: summaryRu, en: null } } });
    expect(record.body.outcome.versions[0].i18n.summary).toEqual({ kk: summaryKk, ru: summaryRu, en: null });
  });

  it('the organizer adds translations by the pages: the missing ones are marked, a changed version is refused beside the form', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-02-20T12:00:00+05:00') });
    await t.http
      .post(`/api/v1/plans/${plan.id}/notice`)
      .set(w.organizer.auth)
      .set('Content-Language', 'ru')
      .send({ noticeNumber: 'N-9', documents: DOCS })
      .expect(200);
    const url = `/organizer/plans/${plan.id}/notice`;
    const before = await page(url, w.organizer, 'ru');
    expect(before.text).toContain('id="notice-translations"');
    expect(before.text).toContain('name="doc1Title_ru" lang="ru" value="Техническая спецификация"');
    expect(before.text).toMatch(/id="doc1Title_kk-hint"/);
    expect(before.text).toContain('role="note"');

    const mailsBefore = await outboxCount(t);
    const refused = await post(`${url}/translations`, w.organizer, { doc1Title_ru: 'Спецификация' }, 'ru');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('name="doc1Title_ru" lang="ru" value="Спецификация"');
    const ok = await post(`${url}/translations`, w.organizer, { doc1Title_kk: SPEC_KK, doc2Title_kk: CONTRACT_KK }, 'kk');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${url}?done=translations#notice-translations`);
    const after = await page(ok.headers.location, w.organizer, 'kk');
    expect(after.text).toContain('Аудармалар хабарламаға қосылды.');
    expect(after.text).not.toContain('role="note"');
    expect(await outboxCount(t)).toBe(mailsBefore);
    expect(await t.db.getRepository(Notice).countBy({ planId: plan.id })).toBe(1);

    // the public plan page in Kazakh now lists the Kazakh titles
    const kkPage = await page(`/plans/${plan.id}`, undefined, 'kk');
    expect(kkPage.text).toContain(`rel="noopener noreferrer">${SPEC_KK}</a>`);
  });

  it('describes both translation endpoints and the localized fields in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/plans/{id}/notice/translations'].put.summary).toContain('TRANSLATION_EXISTS');
    expect(doc.paths['/api/v1/plans/{id}/outcome/translations'].put.summary).toContain('no new version, no e-mail');
    const kinds = (schema: { oneOf?: { type: string }[] }) => schema.oneOf?.map((x) => x.type);
    expect(kinds(doc.components.schemas.NoticeDocumentDto.properties.title)).toEqual(['string', 'object']);
    expect(kinds(doc.components.schemas.OutcomeDto.properties.summary)).toEqual(['string', 'object']);
    expect(kinds(doc.components.schemas.OutcomeTranslationsDto.properties.summary)).toEqual(['string', 'object']);
    expect(doc.components.schemas.NoticeTranslationsDto.properties.documents.items.$ref).toContain('NoticeDocumentTranslationDto');
  });
});
