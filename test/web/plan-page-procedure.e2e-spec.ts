import { bootstrapData, DEMO_PASSWORD } from '../../src/bootstrap-data';
import { Plan } from '../../src/plans/plan.entity';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/** The plan page shows every later step of the procedure: protocol, council review, notice, outcome, report. */
describe('plan page: protocol, council review, notice and outcome', () => {
  let t: TestApp;
  let plans: Plan[];
  const page = async (id: string, lang: string) => (await t.http.get(`/plans/${id}`).set('Accept-Language', lang).expect(200)).text;
  const byTitle = (start: string) => plans.find((p) => p.title.text('ru').startsWith(start))!;

  beforeAll(async () => {
    t = await startTestApp();
    await bootstrapData(t.app, { ...t.config, adminEmail: null, adminPassword: null, demoData: true });
    plans = await t.db.getRepository(Plan).find();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a closed plan: protocol, conclusion with tally and quorum, recommendations with responses, documents with checksums, outcome and report links (ru)', async () => {
    const closed = byTitle('Озеленение');
    const html = await page(closed.id, 'ru');
    expect(html).toContain('<h2 id="protocol">Протокол публичных слушаний</h2>');
    expect(html).toContain('Участников');
    expect(html).toContain('<h3>Заключение совета</h3>');
    expect(html).toContain('Совет одобряет итоги с рекомендациями.');
    expect(html).toContain('Участвовали 2 из 3 членов совета: одобряют — 0, одобряют с рекомендациями — 2, возражают — 0.');
    expect(html).toContain('Кворум: есть');
    expect(html).toContain('Включить двухлетний уход за посадками в договор.');
    expect(html.match(/Ответ организатора: принята/g)).toHaveLength(2);
    expect(html).toContain('<h2 id="notice">Извещение и документация о закупке</h2>');
    expect(html).toMatch(/SHA-256: <code class="checksum">[0-9a-f]{64}<\/code>/);
    expect(html).toContain('<h2 id="outcome">Итог обсуждения</h2>');
    expect(html).toContain('Изменить план или документацию');
    // a Russian reader's Excel splits CSV on semicolons
    expect(html).toContain(`href="/api/v1/plans/${closed.id}/report?format=csv&amp;separator=semicolon"`);
    expect(html).not.toContain('Совет рассматривает протокол до');
  });

  it('a plan under review: the review period, the positions so far and a recommendation awaiting a response (kk)', async () => {
    const review = byTitle('Ремонт дорог');
    const html = await page(review.id, 'kk');
    expect(html).toContain('<h2 id="review">Қоғамдық кеңестің қарауы</h2>');
    expect(html).toMatch(/Кеңес хаттаманы .* дейін қарайды\./);
    expect(html).toContain('Ұсынымдармен мақұлдайды');
    expect(html).toContain('Жұмыс кестесін тұрғындармен алдын ала келісу.');
    expect(html).toMatch(/Ұйымдастырушының жауабы күтілуде, мерзімі — /);
    expect(html).not.toContain('id="notice"');
    expect(html).not.toContain('id="outcome"');
  });

  it('a corrected notice shows the new version with its reason and keeps the earlier one (en)', async () => {
    const stage2 = byTitle('Лекарственные средства');
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'organizer@health.talqylau.local', password: DEMO_PASSWORD });
    const token = login.status === 200 ? login.body.accessToken : null;
    expect(token).toBeTruthy();
    await t.http
      .post(`/api/v1/plans/${stage2.id}/notice/corrections`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Language', 'en') // the texts below are English, whatever the organizer's account language
      .send({
        noticeNumber: 'N-2027-77',
        documents: [{ title: 'Specification, 2nd edition', url: 'https://example.kz/spec-2.pdf', sha256: 'a'.repeat(64) }],
        reason: 'Wrong file attached',
      })
      .expect(201);
    const html = await page(stage2.id, 'en');
    expect(html).toContain('Version 2');
    expect(html).toContain('Reason for the correction: Wrong file attached');
    expect(html).toContain('Specification, 2nd edition');
    expect(html).toContain('<summary>Earlier versions (1)</summary>');
    expect(html).toContain('Technical specification'); // the earlier version's title, in the reader's language
  });
});
