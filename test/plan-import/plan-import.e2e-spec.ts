import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../src/common/errors/error-message';
import { IMPORT_JSON_BODY_LIMIT, IMPORT_LIMITS } from '../../src/plan-import/plan-import.columns';
import { Plan } from '../../src/plans/plan.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '../../src/web/assets/annual-plan-sample.csv'), 'utf8');
const HEADER = 'Номер пункта плана;Наименование на казахском языке;Наименование на русском языке;Код ЕНС ТРУ;Способ закупки;Сумма;Квартал';
const line = (point: string, overrides: { method?: string; amount?: string; kk?: string } = {}) =>
  `${point};${overrides.kk ?? 'Кеңсе қағазы'};Бумага офисная;171812.900.000001;${overrides.method ?? 'Аукцион'};${overrides.amount ?? '1 500 000'};2027-Q2`;
const csvOf = (...lines: string[]) => [HEADER, ...lines].join('\r\n');

/** The import of an annual plan through the API: preview, confirm, idempotency and who may. */
describe('plan imports (POST /api/v1/plan-imports)', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let colleague: CreatedUser;
  let other: CreatedUser;
  let citizen: CreatedUser;
  let akimatId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat' });
    const health = await createOrganization(t.db, council, { name: 'Health department' });
    akimatId = akimat.id;
    organizer = await createUser(t, 'organizer', { organizationId: akimat.id });
    colleague = await createUser(t, 'organizer', { organizationId: akimat.id });
    other = await createUser(t, 'organizer', { organizationId: health.id });
    citizen = await createUser(t, 'citizen');
  });

  afterAll(async () => {
    await t?.close();
  });

  const preview = (u: CreatedUser, csv: string, lang = 'en') =>
    t.http.post('/api/v1/plan-imports/preview').set(u.auth).set('accept-language', lang).send({ csv });
  const confirm = (u: CreatedUser, csv: string, lang = 'en') =>
    t.http.post('/api/v1/plan-imports').set(u.auth).set('accept-language', lang).send({ csv });
  const plansOf = (organizationId: string) =>
    t.db.getRepository(Plan).find({ where: { organizationId }, order: { planPointNumber: 'ASC' } });

  it('previews every row with its errors (codes, columns, messages in the reader’s language) and writes nothing', async () => {
    const res = await preview(organizer, csvOf(line('P-1'), line('P-2', { method: 'Тендер', amount: '12,50' }), line('P-1')), 'ru');
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 3, new: 1, exists: 0, invalid: 2, created: 0 });
    expect(res.body.createdIds).toEqual([]);
    const [first, second, third] = res.body.rows;
    expect(first).toMatchObject({ row: 2, planPointNumber: 'P-1', status: 'new', errors: [], planId: null });
    expect(first.values).toMatchObject({ nameKk: 'Кеңсе қағазы', method: 'Аукцион', amount: '1 500 000', quarter: '2027-Q2' });
    expect(second.status).toBe('invalid');
    expect(second.errors).toEqual([
      { column: 'method', code: 'METHOD_UNKNOWN', message: expect.stringContaining('Способ закупки: неизвестный способ') },
      { column: 'amount', code: 'AMOUNT_FRACTION', message: expect.stringContaining('Сумма, тенге: в сумме есть тиыны') },
    ]);
    expect(third.errors).toEqual([{ column: 'planPointNumber', code: 'PLAN_POINT_REPEATED', message: expect.any(String) }]);
    const kk = await preview(organizer, csvOf(line('P-2', { method: 'Тендер' })), 'kk');
    expect(kk.body.rows[0].errors[0].message).toContain('Сатып алу тәсілі: белгісіз тәсіл');
    expect(await plansOf(akimatId)).toEqual([]);
  });

  it('refuses a file it cannot read as a whole with a stable code and status', async () => {
    const missing = await preview(organizer, 'Номер пункта плана;Сумма\n1;100', 'ru');
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(missing.body.error.message).toContain('Наименование на казахском языке');
    expect((await preview(organizer, HEADER)).body.error.code).toBe('IMPORT_NO_ROWS');
    expect((await preview(organizer, `${HEADER}\n1;"x`)).body.error.code).toBe('IMPORT_NOT_CSV');
    const big = await preview(organizer, `${HEADER}\n${'x'.repeat(210 * 1024)}`);
    expect([big.status, big.body.error.code]).toEqual([413, 'IMPORT_TOO_LARGE']);
  });

  it('takes any CSV within the limit however JSON-escaped, and refuses a larger one or body as IMPORT_TOO_LARGE, never a generic 413', async () => {
    const council = await createCouncil(t.db);
    const own = await createOrganization(t.db, council, { name: 'Escaping department' });
    const staff = await createUser(t, 'organizer', { organizationId: own.id });
    const post = (path: string, body: string, lang = 'en') =>
      t.http.post(path).set(staff.auth).set('accept-language', lang).set('content-type', 'application/json').send(body);
    // every character written as \uXXXX: an ASCII byte becomes 6, the worst case
    const escaped = (csv: string) => `{"csv":"${[...csv].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`;
    const head = 'Plan point number,Name KK,Name RU,Subject code,Method,Amount\r\nE-1,Paper,Paper,171812.900.000001,auction,100\r\n';
    const atLimit = head + ','.repeat(IMPORT_LIMITS.maxBytes - head.length);
    expect(Buffer.byteLength(escaped(atLimit))).toBeGreaterThan(5.9 * IMPORT_LIMITS.maxBytes);
    for (const path of ['/api/v1/plan-imports/preview', '/api/v1/plan-imports']) {
      const ok = await post(path, escaped(atLimit));
      expect([ok.status, ok.body.summary?.total]).toEqual([200, 1]);
    }
    const over = await post('/api/v1/plan-imports/preview', escaped(`${atLimit},`), 'kk');
    expect([over.status, over.body.error.code, over.body.error.maxBytes]).toEqual([413, 'IMPORT_TOO_LARGE', IMPORT_LIMITS.maxBytes]);
    expect(over.body.error.message).toBe(errorMessage('IMPORT_TOO_LARGE', 'kk', { max: '200' }));
    // a body beyond what any CSV within the limit needs: the same refusal, in the reader's language
    for (const path of ['/api/v1/plan-imports/preview', '/api/v1/plan-imports']) {
      const huge = await post(path, JSON.stringify({ csv: 'x'.repeat(IMPORT_JSON_BODY_LIMIT) }), 'ru');
      expect([huge.status, huge.body.error.code, huge.body.error.maxBytes]).toEqual([413, 'IMPORT_TOO_LARGE', IMPORT_LIMITS.maxBytes]);
      expect(huge.body.error.message).toBe(errorMessage('IMPORT_TOO_LARGE', 'ru', { max: '200' }));
    }
    expect(await plansOf(own.id)).toHaveLength(1);
  });

  it('creates drafts of the valid rows with the right fields, unpublished, the description being the name', async () => {
    const res = await confirm(
      organizer,
      csvOf(line('A-1'), line('A-2', { method: 'Бір көзден алу', amount: '2 000 000,00' }), line('A-3', { kk: '' })),
    );
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 3, new: 0, exists: 0, invalid: 1, created: 2 });
    expect(res.body.createdIds).toHaveLength(2);
    const plans = await plansOf(akimatId);
    expect(plans.map((p) => [p.planPointNumber, p.method, p.amount, p.plannedQuarter, p.publishedAt])).toEqual([
      ['A-1', 'auction', 1_500_000, '2027-Q2', null],
      ['A-2', 'single_source', 2_000_000, '2027-Q2', null],
    ]);
    expect(plans[0].title.toJSON()).toEqual({ kk: 'Кеңсе қағазы', ru: 'Бумага офисная', en: null });
    expect(plans[0].description.toJSON()).toEqual(plans[0].title.toJSON());
    expect(plans[0].createdBy).toBe(organizer.user.id);
    expect(plans[0].subjectCode).toBe('171812.900.000001');
    expect(res.body.rows[0]).toMatchObject({ status: 'created', planId: plans[0].id });

    // the draft is a draft like any other: the organizer's API shows it with its plan-point number
    const view = await t.http.get(`/api/v1/plans/${plans[0].id}`).set(organizer.auth);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'draft', planPointNumber: 'A-1' });
  });

  it('re-importing skips the plan-point numbers already imported (by a colleague too) and creates only new ones', async () => {
    const again = await preview(colleague, csvOf(line('A-1'), line('A-4')));
    expect(again.body.rows.map((r: { status: string }) => r.status)).toEqual(['exists', 'new']);
    expect(again.body.rows[0].planId).toBe((await plansOf(akimatId))[0].id);
    const res = await confirm(colleague, csvOf(line('A-1'), line('A-4')));
    expect(res.body.summary).toMatchObject({ created: 1, exists: 1 });
    expect((await plansOf(akimatId)).map((p) => p.planPointNumber)).toEqual(['A-1', 'A-2', 'A-4']);
  });

  it('another organization’s plan-point numbers do not collide', async () => {
    const res = await confirm(other, csvOf(line('A-1')));
    expect(res.body.summary).toMatchObject({ created: 1, exists: 0 });
  });

  it('two confirms at once create each plan point once', async () => {
    const csv = csvOf(...Array.from({ length: 30 }, (_, i) => line(`C-${i}`)));
    const results = await Promise.all([confirm(organizer, csv), confirm(colleague, csv), confirm(organizer, csv)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.reduce((n, r) => n + r.body.summary.created, 0)).toBe(30);
    for (const r of results) expect(r.body.summary.created + r.body.summary.exists).toBe(30);
    const created = (await plansOf(akimatId)).filter((p) => p.planPointNumber?.startsWith('C-'));
    expect(created).toHaveLength(30);
  });

  it('imports the sample file cleanly, one method per row', async () => {
    const council = await createCouncil(t.db);
    const school = await createOrganization(t.db, council, { name: 'School department' });
    const staff = await createUser(t, 'organizer', { organizationId: school.id });
    const checked = await preview(staff, SAMPLE);
    expect(checked.body.rows.flatMap((r: { errors: unknown[] }) => r.errors)).toEqual([]);
    const res = await confirm(staff, SAMPLE);
    expect(res.body.summary).toEqual({ total: 6, new: 0, exists: 0, invalid: 0, created: 6 });
    const plans = await plansOf(school.id);
    expect(plans.map((p) => p.method).sort()).toEqual([
      'auction',
      'commodity_exchange',
      'e_shop',
      'open_tender',
      'price_offers',
      'single_source',
    ]);
    expect(plans.find((p) => p.method === 'price_offers')!.amount).toBe(3_600_000);
    expect(plans[0].deliveryPlace!.toJSON()).toMatchObject({
      kk: expect.stringContaining('Алматы қ.'),
      ru: expect.stringContaining('г. Алматы'),
    });
    expect((await confirm(staff, SAMPLE)).body.summary).toMatchObject({ created: 0, exists: 6 });
  });

  it('refuses everyone but organizer staff, and a body that is not JSON', async () => {
    const anon = await t.http.post('/api/v1/plan-imports/preview').send({ csv: SAMPLE });
    expect(anon.status).toBe(401);
    const res = await preview(citizen, SAMPLE);
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await confirm(citizen, SAMPLE)).status).toBe(403);
    const form = await t.http.post('/api/v1/plan-imports').set(organizer.auth).type('form').send({ csv: SAMPLE });
    expect([form.status, form.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});
