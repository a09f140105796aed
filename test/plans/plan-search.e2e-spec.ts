import type { CreatedUser } from '../support/factories';
import { bilingual, createCouncil, createOrganization, createUser, newPlanBody } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { LocalizedText } from '../../src/common/i18n/localized-text';
import { planPageSql } from '../../src/plans/plans.repository';

const API = '/api/v1';

/** Search finds a plan by either state language; Kazakh letters match in either case, without Russian stemming (issue 15). */
describe('plan search in Kazakh and Russian', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  const ids: Record<string, string> = {};

  async function publish(key: string, title: LocalizedText, description: LocalizedText): Promise<void> {
    const res = await t.http.post(`${API}/plans`).set(organizer.auth).send(newPlanBody({ title, description })).expect(201);
    await t.http.post(`${API}/plans/${res.body.id}/publish`).set(organizer.auth).expect(200);
    ids[key] = res.body.id;
  }

  async function search(q: string): Promise<string[]> {
    const res = await t.http.get(`${API}/plans`).query({ q, limit: 100 }).expect(200);
    const found = new Set(res.body.items.map((p: { id: string }) => p.id));
    return Object.keys(ids).filter((key) => found.has(ids[key]));
  }

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    await publish(
      'school',
      bilingual('Мектептерге оқулықтар жеткізу', 'Поставка учебников для школ'),
      bilingual('Қарағанды облысының мектептері үшін', 'Для школ Карагандинской области'),
    );
    await publish(
      'hospital',
      bilingual('Ауруханаға ұлтразвуктық аппарат', 'Аппарат УЗИ для больницы'),
      bilingual('Өңірлік аурухана', 'Областная больница'),
    );
    await publish('roads', bilingual('Жолдарды жөндеу', 'Ремонт дорог'), bilingual('Көшелер мен жолдар', 'Улицы и дороги'));
    // every other Kazakh letter, in one text
    await publish(
      'letters',
      bilingual('Әуежай ғимараты, қоңырау, өнім, ұлттық, үй, һәм ірі', 'Здание аэропорта'),
      bilingual('Іріктеу', 'Отбор'),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds a plan by its Kazakh or its Russian words', async () => {
    expect(await search('оқулықтар')).toEqual(['school']);
    expect(await search('учебников')).toEqual(['school']);
    expect(await search('аурухана')).toEqual(['hospital']);
    expect(await search('больница')).toEqual(['hospital']);
  });

  it('matches the Kazakh letters ә ғ қ ң ө ұ ү һ і typed in lower or upper case', async () => {
    for (const word of ['әуежай', 'ғимараты', 'қоңырау', 'өнім', 'ұлттық', 'үй', 'һәм', 'ірі']) {
      expect({ word, found: await search(word) }).toEqual({ word, found: ['letters'] });
      const upper = word.toUpperCase();
      expect({ word: upper, found: await search(upper) }).toEqual({ word: upper, found: ['letters'] });
    }
    expect(await search('ҚАРАҒАНДЫ')).toEqual(['school']);
    expect(await search('Қарағанды')).toEqual(['school']);
  });

  it('matches a Kazakh word by its beginning (suffixes), without a Russian stemmer', async () => {
    expect(await search('мектеп')).toEqual(['school']);
    expect(await search('жөнде')).toEqual(['roads']);
    expect(await search('жол')).toEqual(['roads']);
  });

  it('keeps Russian stemming: another form of a Russian word finds the plan', async () => {
    expect(await search('учебник')).toEqual(['school']);
    expect(await search('больницами')).toEqual(['hospital']);
    expect(await search('дорога')).toEqual(['roads']);
  });

  it('searches the home page by either language', async () => {
    const kk = await t.http.get('/').query({ q: 'ОҚУЛЫҚ', lang: 'kk' }).expect(200);
    expect(kk.text).toContain('Мектептерге оқулықтар жеткізу');
    expect(kk.text).not.toContain('Жолдарды жөндеу');
  });

  it('uses plans_search_idx on a few thousand plans with a realistic spread of words', async () => {
    const org = (await t.db.query(`SELECT id, created_by FROM plans LIMIT 1`))[0] as { id: string; created_by: string };
    const plan = (await t.db.query(`SELECT organization_id FROM plans WHERE id = $1`, [org.id]))[0] as { organization_id: string };
    await t.db.query(
      `INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, published_at, stage1_closes_at)
       SELECT $1, $2, jsonb_build_object('kk', 'тауар' || (g % 89) || ' сөз' || (g % 997), 'ru', 'товар' || (g % 83) || ' слово' || (g % 991), 'en', NULL),
              jsonb_build_object('kk', 'сипаттама' || (g % 499), 'ru', 'описание' || (g % 503), 'en', NULL), '000', g, 'auction', now(), now()
         FROM generate_series(1, 4000) g`,
      [plan.organization_id, org.created_by],
    );
    // as autovacuum would: statistics, and the GIN pending list merged into the index
    await t.db.query(`VACUUM ANALYZE plans`);
    const { statement, params } = planPageSql({ draftsOf: null, q: 'қоңырау', cursor: null, limit: 20 }, new Date());
    // planned for its word on every call: a generic plan would not read the index for a rare word
    expect(statement.name).toBeUndefined();
    const explained = await t.db.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${statement.text}`, params);
    expect(explained.map((r) => r['QUERY PLAN']).join('\n')).toContain('plans_search_idx');
    expect(await search('қоңырау')).toEqual(['letters']);
  });
});
