import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Protocol } from '../../src/hearings/protocol.entity';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import type { World } from './fixtures';
import { createPlan, createWorld } from './fixtures';
import type { CreatedUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The council's pages in Kazakh and Russian: texts in the reader's language with lang marking, the position form side by side. */
describe('council pages in two state languages', () => {
  let t: TestApp;
  let w: World;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 3);
    const plan = await createPlan(
      t,
      w,
      {
        title: LocalizedText.of({ kk: '№5 мектепті жөндеу', ru: 'Ремонт школы №5' })!,
        protocolPublishedAt: new Date('2027-02-22T10:00:00+05:00'),
        reviewClosesAt: new Date('2027-03-09T23:59:59.999+05:00'),
      },
      false,
    );
    planId = plan.id;
    await t.db.getRepository(Protocol).save({
      planId,
      version: 1,
      attendeesCount: 12,
      speakers: [LocalizedText.of({ kk: 'Айгүл Серікқызы', ru: 'Айгуль Серикқызы' })!],
      positions: [],
      questions: [{ question: LocalizedText.of({ ru: 'Почему так дорого?' })!, answer: LocalizedText.of({ kk: 'Смета тексерілді.' }) }],
      summary: LocalizedText.of({ kk: 'Тыңдауда смета талқыланды.', ru: 'На слушаниях обсудили смету.' })!,
      decisions: [LocalizedText.of({ ru: 'Оставить план без изменений' })!],
      authorId: w.organizer.user.id,
      publishedAt: new Date('2027-02-22T10:00:00+05:00'),
      late: false,
      correctionReason: null,
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const cookie = (who: CreatedUser) => `session=${who.token}`;
  const get = (path: string, who: CreatedUser, lang: string) => t.http.get(path).set('cookie', cookie(who)).set('accept-language', lang);
  async function post(path: string, who: CreatedUser, form: Record<string, string>, page: string, lang: string) {
    const match = /name="_csrf" value="([^"]+)"/.exec((await get(page, who, lang)).text);
    return t.http
      .post(path)
      .set('cookie', cookie(who))
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf: match![1] });
  }

  it("shows the protocol in the reader's language; a text only in the other language carries its lang and a note", async () => {
    const kk = await get(`/council/plans/${planId}`, w.members[1], 'kk');
    expect(kk.status).toBe(200);
    expect(kk.text).toContain('<h1>№5 мектепті жөндеу</h1>');
    expect(kk.text).toContain('<title>№5 мектепті жөндеу');
    expect(kk.text).toContain('<p class="description">Тыңдауда смета талқыланды.</p>');
    expect(kk.text).toContain('<li>Айгүл Серікқызы</li>');
    expect(kk.text).toMatch(/<li lang="ru">Оставить план без изменений <small class="lang-note" lang="kk">[^<]+<\/small><\/li>/);
    expect(kk.text).toMatch(/<span lang="ru">Почему так дорого\?<\/span>/);
    const ru = await get(`/council/plans/${planId}`, w.members[1], 'ru');
    expect(ru.text).toContain('<p class="description">На слушаниях обсудили смету.</p>');
    expect(ru.text).toContain('<li>Оставить план без изменений</li>');
    expect(ru.text).toMatch(/<span lang="kk">Смета тексерілді\.<\/span>/);
  });

  it('has the reasons and the recommendations side by side; recommendations pair line by line, an uneven pair is refused', async () => {
    const page = `/council/plans/${planId}`;
    const form = await get(page, w.members[1], 'ru');
    expect(form.text).toMatch(/<textarea id="text_kk" name="text_kk" lang="kk"/);
    expect(form.text).toMatch(/<textarea id="text_ru" name="text_ru" lang="ru"/);
    expect(form.text).toMatch(/<textarea id="recommendations_kk" name="recommendations_kk" lang="kk"/);

    const uneven = await post(
      `${page}/positions`,
      w.members[1],
      {
        position: 'endorse_with_recommendations',
        text_kk: 'Жалпы келісемін.',
        text_ru: 'В целом согласен.',
        recommendations_kk: 'Лоттарға бөлу\nМерзімді ұзарту',
        recommendations_ru: 'Разделить на лоты',
      },
      page,
      'ru',
    );
    expect(uneven.status).toBe(400);
    expect(uneven.text).toContain('На языках разное число строк');
    expect(uneven.text).toContain('Лоттарға бөлу\nМерзімді ұзарту</textarea>');

    const saved = await post(
      `${page}/positions`,
      w.members[1],
      {
        position: 'endorse_with_recommendations',
        text_kk: 'Жалпы келісемін.',
        text_ru: 'В целом согласен.',
        recommendations_kk: 'Лоттарға бөлу\nМерзімді ұзарту',
        recommendations_ru: 'Разделить на лоты\r\n Продлить срок \n\n',
      },
      page,
      'ru',
    );
    expect(saved.status).toBe(303);
    const position = await t.db.getRepository(ReviewPosition).findOneByOrFail({ planId, memberId: w.members[1].user.id });
    expect(position.text.toJSON()).toEqual({ kk: 'Жалпы келісемін.', ru: 'В целом согласен.', en: null });
    const recs = await t.db.getRepository(Recommendation).find({ where: { positionId: position.id }, order: { createdAt: 'ASC' } });
    expect(recs.map((r) => r.text.toJSON())).toEqual([
      { kk: 'Лоттарға бөлу', ru: 'Разделить на лоты', en: null },
      { kk: 'Мерзімді ұзарту', ru: 'Продлить срок', en: null },
    ]);
  });

  it('lets a member add the missing language of their own position, without a second position', async () => {
    const page = `/council/plans/${planId}`;
    const m = w.members[2];
    expect((await post(`${page}/positions`, m, { position: 'object', text_ru: 'Против: смета завышена.' }, page, 'kk')).status).toBe(303);
    const kk = await get(page, m, 'kk');
    expect(kk.text).toMatch(/<p class="body" lang="ru">Против: смета завышена\./);
    expect(kk.text).toContain(`action="/council/plans/${planId}/positions/translations"`);
    expect(kk.text).toMatch(/id="text_ru"[^>]*>Против: смета завышена\.<\/textarea>/);
    const res = await post(
      `${page}/positions/translations`,
      m,
      { text_kk: 'Қарсымын: смета асырылған.', text_ru: 'Против: смета завышена.' },
      page,
      'kk',
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/council/plans/${planId}?done=translated#positions`);
    const stored = await t.db.getRepository(ReviewPosition).findOneByOrFail({ planId, memberId: m.user.id });
    expect(stored.text.toJSON()).toEqual({ kk: 'Қарсымын: смета асырылған.', ru: 'Против: смета завышена.', en: null });
    const after = await get(page, m, 'kk');
    expect(after.text).toContain('<p class="body">Қарсымын: смета асырылған.</p>');
    const conflict = await post(`${page}/positions/translations`, m, { text_ru: 'Иначе.' }, page, 'kk');
    expect(conflict.status).toBe(409);
    expect(await t.db.getRepository(ReviewPosition).countBy({ planId, memberId: m.user.id })).toBe(1);
  });

  it("lets the organizer add the protocol's missing Kazakh line by line on the hearing page, without a new version", async () => {
    const page = `/organizer/plans/${planId}/hearing`;
    const form = await get(page, w.organizer, 'ru');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`action="${page}/protocol/translations"`);
    expect(form.text).toMatch(/id="decisions_ru"[^>]*>Оставить план без изменений<\/textarea>/);
    expect(form.text).toMatch(/<textarea id="decisions_kk" name="decisions_kk" lang="kk"[^>]*aria-describedby="decisions_kk-hint"/);
    const res = await post(
      `${page}/protocol/translations`,
      w.organizer,
      { decisions_kk: 'Жоспарды өзгеріссіз қалдыру', decisions_ru: 'Оставить план без изменений' },
      page,
      'ru',
    );
    expect(res.status).toBe(303);
    const protocols = await t.db.getRepository(Protocol).find({ where: { planId } });
    expect(protocols).toHaveLength(1);
    expect(protocols[0].decisions.map((x) => x?.toJSON())).toEqual([
      { kk: 'Жоспарды өзгеріссіз қалдыру', ru: 'Оставить план без изменений', en: null },
    ]);
    expect(protocols[0].summary.toJSON()).toEqual({ kk: 'Тыңдауда смета талқыланды.', ru: 'На слушаниях обсудили смету.', en: null });
    const kk = await get(`/council/plans/${planId}`, w.members[1], 'kk');
    expect(kk.text).toContain('<li>Жоспарды өзгеріссіз қалдыру</li>');
  });
});
