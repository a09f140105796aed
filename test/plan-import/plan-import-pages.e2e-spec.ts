import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plan } from '../../src/plans/plan.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const SAMPLE = readFileSync(join(__dirname, '../../src/web/assets/annual-plan-sample.csv'));
const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** The organizer's import page: upload a file (multipart), see the preview, confirm, see the drafts. */
describe('plan import pages (/organizer/import)', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let citizen: CreatedUser;
  let organizationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const akimat = await createOrganization(t.db, council, { name: 'Akimat' });
    organizationId = akimat.id;
    organizer = await createUser(t, 'organizer', { organizationId: akimat.id });
    citizen = await createUser(t, 'citizen');
  });

  afterAll(async () => {
    await t?.close();
  });

  const cookie = (u: CreatedUser) => `session=${u.token}`;
  const page = (path: string, u: CreatedUser, lang = 'en') => t.http.get(path).set('cookie', cookie(u)).set('accept-language', lang);
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];
  async function upload(u: CreatedUser, content: Buffer, lang = 'en', name = 'plan-2027.csv') {
    const token = csrfOf((await page('/organizer/import', organizer)).text);
    return t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(u))
      .set('accept-language', lang)
      .field('_csrf', token)
      .attach('file', content, { filename: name, contentType: 'text/csv' });
  }

  it('is linked from the organizer’s pages and explains the columns in the reader’s language', async () => {
    const list = await page('/organizer', organizer, 'kk');
    expect(list.text).toContain('href="/organizer/import"');
    const form = await page('/organizer/import', organizer, 'ru');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<h1>Импорт из годового плана закупок</h1>');
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect(form.text).toContain('<label for="file">Файл CSV годового плана</label>');
    expect(form.text).toContain('Не более 200 КиБ и 1000 строк');
    expect((await page('/organizer/import', citizen)).status).toBe(403);
  });

  it('links the sample file in every language, served as a CSV download', async () => {
    const texts = { en: 'Sample file', ru: 'Образец файла', kk: 'Файл үлгісі' };
    for (const [lang, text] of Object.entries(texts)) {
      const form = await page('/organizer/import', organizer, lang);
      expect(form.text).toContain(`<a href="/assets/annual-plan-sample.csv" download="annual-plan-sample.csv" type="text/csv">${text}</a>`);
    }
    const file = await t.http.get('/assets/annual-plan-sample.csv').buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe('attachment; filename="annual-plan-sample.csv"');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(file.text, 'utf8').equals(SAMPLE)).toBe(true);
    // the sample is what the import reads cleanly (checked row by row in plan-import.e2e-spec.ts)
    expect((await upload(organizer, Buffer.from(file.text, 'utf8'), 'en')).text).toContain('6 rows: 6 to create');
  });

  it('upload → preview → confirm creates the drafts, linked from the result; a second confirm creates nothing', async () => {
    const preview = await upload(organizer, SAMPLE, 'ru');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<caption>Строки файла plan-2027.csv</caption>');
    expect(preview.text).toContain('Строк: 6; будет создано: 6; уже импортировано: 0; с ошибками: 0.');
    // the status and the problems come first, where they are seen without scrolling; then the values as read
    expect(preview.text).toMatch(/<th scope="row">2<\/th>\s*<td>будет создан<\/td>\s*<td id="[^"]+-errors"><\/td>/);
    expect(preview.text).toContain('<td class="nowrap">2027-0001-ОК</td><td lang="kk">Мектеп ғимаратының шатырын күрделі жөндеу</td>');
    expect(preview.text).toContain('Создать черновики (6)');
    expect(await t.db.getRepository(Plan).countBy({ organizationId })).toBe(0);

    const csv = unescape(/name="csv" value="([^"]*)"/.exec(preview.text)![1]);
    expect(csv.replace(/\r/g, '')).toBe(
      SAMPLE.toString('utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r/g, ''),
    );
    const confirm = () =>
      t.http
        .post('/organizer/import')
        .set('cookie', cookie(organizer))
        .set('accept-language', 'ru')
        .field('_csrf', csrfOf(preview.text))
        .field('csv', csv)
        .field('fileName', 'plan-2027.csv');
    const result = await confirm();
    expect(result.status).toBe(200);
    expect(result.text).toContain('Создано черновиков: 6; пропущено как уже импортированные: 0; строк с ошибками: 0.');
    const plans = await t.db.getRepository(Plan).findBy({ organizationId });
    expect(plans).toHaveLength(6);
    for (const p of plans) expect(result.text).toContain(`href="/organizer/plans/${p.id}"`);
    expect(plans.every((p) => p.publishedAt === null)).toBe(true);

    // the draft's page shows its plan-point number
    const draft = plans.find((p) => p.planPointNumber === '2027-0001-ОК')!;
    const hub = await page(`/organizer/plans/${draft.id}`, organizer, 'ru');
    expect(hub.text).toContain('<dt>Номер пункта плана</dt><dd>2027-0001-ОК</dd>');

    const again = await confirm();
    expect(again.text).toContain('Создано черновиков: 0; пропущено как уже импортированные: 6');
    expect(await t.db.getRepository(Plan).countBy({ organizationId })).toBe(6);
    const reupload = await upload(organizer, SAMPLE, 'en');
    expect(reupload.text).toContain('6 rows: 0 to create, 6 already imported, 0 with errors.');
    expect(reupload.text).toContain('There is nothing to create');
    expect(reupload.text).not.toContain('name="csv"');
  });

  it('shows each bad row’s problems linked to its row, in the reader’s language', async () => {
    const csv = Buffer.from(
      'Жоспар тармағының нөмірі;Атауы қазақ тілінде;Атауы орыс тілінде;ТЖҚБН коды;Сатып алу тәсілі;Сома;Тоқсан\n' +
        'K-1;Су;Вода;110712.300.000000;Тендер;100,5;2027-Q2\n' +
        'K-2;Су;Вода;110712.300.000000;Аукцион;100;2027-Q2\n',
    );
    const res = await upload(organizer, csv, 'kk');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<tr id="row-2" aria-describedby="row-2-errors">');
    expect(res.text).toContain('<a href="#row-2">Жол 2</a>');
    expect(res.text).toContain('Сатып алу тәсілі: белгісіз тәсіл');
    expect(res.text).toContain('Сома, теңге: сомада тиын бар');
    expect(res.text).toContain('Жобаларды жасау (1)');
  });

  it('shows the refusal of a whole file on the upload form: wrong encoding, missing columns, no file', async () => {
    const cp1251 = Buffer.from([0xcd, 0xee, 0xec, 0xe5, 0xf0, 0x3b, 0xd1, 0xf3, 0xec, 0xec, 0xe0, 0x0a, 0x31, 0x3b, 0x32]);
    const encoding = await upload(organizer, cp1251, 'ru');
    expect(encoding.status).toBe(422);
    expect(encoding.text).toContain('Файл не в кодировке UTF-8');
    expect(encoding.text).toContain('aria-invalid="true"');
    const columns = await upload(organizer, Buffer.from('Сумма\n1'), 'en');
    expect(columns.status).toBe(422);
    expect(columns.text).toContain('The header row lacks these columns: Plan point number, Name in Kazakh');
    const none = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .field('_csrf', csrfOf((await page('/organizer/import', organizer)).text));
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose a CSV file.');
    const large = await upload(organizer, Buffer.alloc(201 * 1024, 0x41), 'en');
    expect(large.status).toBe(413);
    expect(large.text).toContain('The file is larger than 200 KiB');
  });

  it('refuses a multipart post without a valid CSRF token, and multipart on other forms', async () => {
    const forged = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .attach('file', SAMPLE, { filename: 'plan.csv', contentType: 'text/csv' });
    expect(forged.status).toBe(403);
    const elsewhere = await t.http
      .post('/organizer/plans')
      .set('cookie', cookie(organizer))
      .field('_csrf', csrfOf((await page('/organizer/import', organizer)).text))
      .field('title_ru', 'x');
    expect(elsewhere.status).toBe(403);
    const before = await t.db.getRepository(Plan).countBy({ organizationId });
    expect(before).toBe(6);
  });

  it('answers a malformed or over-limit multipart body with a refusal, never a 5xx', async () => {
    const count = await t.db.getRepository(Plan).countBy({ organizationId });
    const token = csrfOf((await page('/organizer/import', organizer)).text);
    let many = t.http.post('/organizer/import/preview').set('cookie', cookie(organizer)).field('_csrf', token);
    for (let i = 0; i < 10; i++) many = many.field(`extra${i}`, 'x');
    const tooMany = await many;
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(tooMany.status).toBeLessThan(500);
    const twoFiles = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .field('_csrf', token)
      .attach('file', SAMPLE, 'a.csv')
      .attach('other', SAMPLE, 'b.csv');
    expect(twoFiles.status).toBeLessThan(500);
    const broken = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc');
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const noBoundary = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .set('content-type', 'multipart/form-data')
      .send('garbage');
    expect(noBoundary.status).toBeGreaterThanOrEqual(400);
    expect(noBoundary.status).toBeLessThan(500);
    // a compressed body is refused at once, not read by two readers until the request timeout
    const gzipped = await t.http
      .post('/organizer/import/preview')
      .set('cookie', cookie(organizer))
      .set('accept-language', 'en')
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .set('content-encoding', 'gzip')
      .timeout(5000)
      .send(gzipSync(`--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--xyz--\r\n`));
    expect(gzipped.status).toBe(415);
    expect(gzipped.text).toContain('This content type is not supported');
    expect(await t.db.getRepository(Plan).countBy({ organizationId })).toBe(count);
  });

  it('reads no multipart body of a client without a session: the sign-in redirect, never a parse of the upload', async () => {
    const anonymous = await t.http
      .post('/organizer/import/preview')
      .attach('file', SAMPLE, { filename: 'plan.csv', contentType: 'text/csv' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent('/organizer/import')}`);
    // a body that the parser would refuse (400) is not even looked at
    const garbage = await t.http
      .post('/organizer/import')
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\ngarbage');
    expect(garbage.status).toBe(303);
    const count = await t.db.getRepository(Plan).countBy({ organizationId });
    expect(count).toBe(6);
  });
});
