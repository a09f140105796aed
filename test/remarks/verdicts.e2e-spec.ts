import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { authNow } from '../reviews/fixtures';
import { captureStatements } from '../support/statements';
import { publishedPlan } from './published-plan';

const API = '/api/v1';
/** Published Wed 17 March 2027 10:00 in Almaty: 10 working days skip Nauryz (21-24 March) and weekends, ending Mon 5 April. */
const ANSWERED_AT = '2027-03-17T10:00:00+05:00';
const V1_CLOSES_AT = '2027-04-05T18:59:59.999Z';
/** The correction, Thu 18 March: its window ends Tue 6 April. */
const CORRECTED_AT = '2027-03-18T11:00:00+05:00';
const V2_CLOSES_AT = '2027-04-06T18:59:59.999Z';
/** The answer to the English remark must be in Kazakh or Russian too (Law on Languages, art. 11). */
const LOT_RU = 'Лот остаётся целым: за него отвечает один подрядчик.';

describe('the author’s verdict on an answer', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let author: CreatedUser;
  let stranger: CreatedUser;
  let planId: string;
  let remarkId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    author = await createUser(t, 'citizen', { displayName: 'Aigerim S.', locale: 'en' });
    stranger = await createUser(t, 'citizen', { displayName: 'Someone else' });
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const r = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(authNow(t, author))
      .send({ body: 'Split the lot in two' })
      .expect(201);
    remarkId = r.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (who: CreatedUser | null, body: Record<string, unknown>, id = remarkId) => {
    const req = t.http.put(`${API}/remarks/${id}/verdict`);
    return who ? req.set(authNow(t, who)).send(body) : req.send(body);
  };
  const rows = async () =>
    t.db.query(
      `SELECT verdict, reason, a.version FROM answer_verdicts v JOIN answers a ON a.id = v.answer_id WHERE v.remark_id = $1 ORDER BY v.created_at, v.id`,
      [remarkId],
    );
  const listed = async () => {
    const res = await t.http.get(`${API}/plans/${planId}/remarks`).expect(200);
    return res.body.items.find((i: { id: string }) => i.id === remarkId);
  };

  it('refuses before the answer, strangers, the organizer, anonymous callers and invalid bodies, writing nothing', async () => {
    const notYet = await put(author, { verdict: 'reasoned' }).expect(409);
    expect(notYet.body.error.code).toBe('NOT_ANSWERED');
    const notAuthor = await put(stranger, { verdict: 'reasoned' }).set('Accept-Language', 'ru').expect(403);
    expect(notAuthor.body.error).toEqual({ code: 'NOT_AUTHOR', message: 'Это может сделать только автор замечания.' });
    expect((await put(organizer, { verdict: 'reasoned' }).expect(403)).body.error.code).toBe('NOT_AUTHOR');
    await put(null, { verdict: 'reasoned' }).expect(401);
    const unknown = await put(author, { verdict: 'reasoned' }, '6f1b5c1e-3f0a-4d5e-9a7b-2c3d4e5f6a7b').expect(404);
    expect(unknown.body.error.code).toBe('REMARK_NOT_FOUND');
    const noReason = await put(author, { verdict: 'formal' }).expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    await put(author, { verdict: 'formal', reason: '   too short ' }).expect(400);
    await put(author, { verdict: 'formal', reason: 'x'.repeat(2001) }).expect(400);
    await put(author, { verdict: 'bad' }).expect(400);
    await put(author, { verdict: 'reasoned', extra: 1 }).expect(400);
    expect(await rows()).toEqual([]);
    expect((await listed()).answer).toBeNull();
  });

  it('the answer e-mail invites the verdict with the link and its end, counted in working days across Nauryz', async () => {
    t.clock.set(new Date(ANSWERED_AT));
    await t.http
      .post(`${API}/remarks/${remarkId}/answer`)
      .set(authNow(t, organizer))
      .send({ body: { en: 'The lot stays whole: one contractor is responsible.', ru: LOT_RU }, disposition: 'rejected' })
      .expect(201);
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`Give your verdict on the answer: http://talqylau.test/remarks/${remarkId}/verdict`);
    expect(mails[0].text).toContain('until 2027-04-05 23:59 (Asia/Almaty)');
    expect(mails[0].text).toContain('not an appeal under the Administrative Procedural Code');
    expect(mails[0].text).toContain(`http://talqylau.test/plans/${planId}`);
    expect(mails[0].html).toContain(`href="http://talqylau.test/remarks/${remarkId}/verdict"`);
  });

  it('records the verdict on the latest version, appends a change, and repeats nothing for the same verdict', async () => {
    t.clock.set(new Date('2027-03-17T12:00:00+05:00'));
    const first = await put(author, { verdict: 'reasoned', answerVersion: 1 }).expect(200);
    expect(first.body).toEqual({
      remarkId,
      answerVersion: 1,
      verdict: 'reasoned',
      reason: null,
      at: '2027-03-17T07:00:00.000Z',
      closesAt: V1_CLOSES_AT,
    });
    t.clock.set(new Date('2027-03-17T13:00:00+05:00'));
    const changed = await put(author, { verdict: 'formal', reason: '  The answer ignores the cost of one big lot.  ' }).expect(200);
    expect(changed.body).toMatchObject({ verdict: 'formal', reason: 'The answer ignores the cost of one big lot.', answerVersion: 1 });
    const again = await Promise.all(
      Array.from({ length: 8 }, () => put(author, { verdict: 'formal', reason: 'The answer ignores the cost of one big lot.' })),
    );
    expect(again.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(again.every((r) => r.body.at === changed.body.at)).toBe(true);
    expect(await rows()).toEqual([
      { verdict: 'reasoned', reason: null, version: 1 },
      { verdict: 'formal', reason: 'The answer ignores the cost of one big lot.', version: 1 },
    ]);
    const item = await listed();
    expect(item.disputes).toBeNull();
    expect(item.answer).toMatchObject({
      version: 1,
      verdictClosesAt: V1_CLOSES_AT,
      verdict: { verdict: 'formal', reason: 'The answer ignores the cost of one big lot.', at: changed.body.at, answerVersion: 1 },
      history: [],
    });
  });

  it('serializes concurrent changes: each request appends at most one row and the last one is the verdict', async () => {
    const bodies = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? { verdict: 'reasoned' } : { verdict: 'formal', reason: `Concurrent reason number ${i}` },
    );
    const results = await Promise.all(bodies.map((b) => put(author, b)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeLessThanOrEqual(12);
    const item = await listed();
    const last = all[all.length - 1];
    expect(item.answer.verdict).toMatchObject({ verdict: last.verdict, reason: last.reason });
  });

  it('422 CORRECTION_UNCHANGED for the same text (trimmed) and disposition; a real correction asks again, e-mailed once', async () => {
    t.clock.set(new Date(CORRECTED_AT));
    const same = await t.http
      .post(`${API}/remarks/${remarkId}/answer/corrections`)
      .set(authNow(t, organizer))
      .send({
        body: { en: '  The lot stays whole: one contractor is responsible.\n', ru: LOT_RU },
        disposition: 'rejected',
        reason: 'Typo',
      })
      .expect(422);
    expect(same.body.error.code).toBe('CORRECTION_UNCHANGED');
    expect(same.body.error.message).toBe('A correction must change the text or the disposition of the answer.');
    await t.http
      .post(`${API}/remarks/${remarkId}/answer/corrections`)
      .set(authNow(t, organizer))
      .send({
        body: { en: 'The lot stays whole: one contractor is responsible.', ru: LOT_RU },
        disposition: 'explained',
        reason: { en: 'Disposition', ru: 'Решение по замечанию' },
      })
      .expect(201);
    await t.flushMail();
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toContain('corrected');
    expect(mails[1].text).toContain('The answer has a new version (2). Please judge it again');
    expect(mails[1].text).toContain('until 2027-04-06 23:59 (Asia/Almaty)');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM outbox_messages WHERE recipient = $1`, [author.user.email]);
    expect(count).toBe(2);

    const stale = await put(author, { verdict: 'reasoned', answerVersion: 1 }).set('Accept-Language', 'en').expect(409);
    expect(stale.body.error).toEqual({
      code: 'ANSWER_VERSION_STALE',
      message: 'The answer has been corrected since you read it (the latest version is 2). Read the correction first.',
      latest: 2,
    });
    const item = await listed();
    expect(item.answer.version).toBe(2);
    expect(item.answer.verdict).toBeNull();
    expect(item.answer.verdictClosesAt).toBe(V2_CLOSES_AT);
    expect(item.answer.history[0].version).toBe(1);
    expect(item.answer.history[0].verdict).toMatchObject({ answerVersion: 1 });
    expect(item.answer.history[0]).not.toHaveProperty('verdictClosesAt');

    const v2 = await put(author, { verdict: 'reasoned', answerVersion: 2 }).expect(200);
    expect(v2.body).toMatchObject({ answerVersion: 2, verdict: 'reasoned', closesAt: V2_CLOSES_AT });
    expect((await listed()).answer.verdict).toMatchObject({ verdict: 'reasoned', answerVersion: 2 });
  });

  it('closes the window at the end of the 10th working day (sandbox clock), in the reader’s language', async () => {
    await t.http.put(`${API}/sandbox/clock`).send({ now: V2_CLOSES_AT }).expect(200);
    await put(author, { verdict: 'formal', reason: 'Changed my mind at the last moment.' }).expect(200);
    await t.http
      .put(`${API}/sandbox/clock`)
      .send({ now: new Date(Date.parse(V2_CLOSES_AT) + 1).toISOString() })
      .expect(200);
    const closed = await put(author, { verdict: 'reasoned' }).set('Accept-Language', 'en').expect(409);
    expect(closed.body.error).toEqual({
      code: 'VERDICT_WINDOW_CLOSED',
      message: 'The time to judge this answer ended 2027-04-06 23:59 (Asia/Almaty).',
      closesAt: V2_CLOSES_AT,
    });
    const ru = await put(author, { verdict: 'reasoned' }).set('Accept-Language', 'ru').expect(409);
    expect(ru.body.error.message).toBe('Срок для оценки этого ответа истёк 2027-04-06 23:59 (Asia/Almaty).');
    const kk = await put(author, { verdict: 'reasoned' }).set('Accept-Language', 'kk').expect(409);
    expect(kk.body.error.message).toContain('2027-04-06 23:59 (Asia/Almaty)');
    expect((await listed()).answer.verdict).toMatchObject({ verdict: 'formal', answerVersion: 2 });
  });

  it('lists `disputes` from the column, and puts the verdict columns in the report (JSON and CSV, escaped)', async () => {
    t.clock.set(new Date('2027-03-20T10:00:00+05:00'));
    const dispute = await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at, disputes_remark_id)
       VALUES ($1, 2, $2, 'The commitment was not kept', 'en', now(), 'x', now(), $3) RETURNING id`,
      [planId, author.user.id, remarkId],
    );
    let res!: Awaited<ReturnType<typeof t.http.get>>;
    const statements = await captureStatements(t.db, async () => {
      res = await t.http.get(`${API}/plans/${planId}/remarks?limit=100`).expect(200);
    });
    // no N+1: one statement for every verdict of the page (with the plan's time zone)
    expect(statements.filter(([sql]) => sql.includes('answer_verdicts'))).toHaveLength(1);
    expect(res.body.items.find((i: { id: string }) => i.id === dispute[0].id)).toMatchObject({ disputes: remarkId, answer: null });
    await t.db.query(`UPDATE answer_verdicts SET reason = $1 WHERE remark_id = $2 AND reason IS NOT NULL`, [
      '=HYPERLINK("x"), and "quotes"',
      remarkId,
    ]);

    const report = await t.http.get(`${API}/plans/${planId}/report`).expect(200);
    const inReport = report.body.remarks.find((r: { id: string }) => r.id === remarkId);
    expect(inReport.verdict).toEqual({
      verdict: 'formal',
      reason: '=HYPERLINK("x"), and "quotes"',
      answerVersion: 2,
      at: expect.any(String),
    });
    expect(report.body.remarks.find((r: { id: string }) => r.id === dispute[0].id).verdict).toBeNull();

    const csv = await t.http.get(`${API}/plans/${planId}/report?format=csv`).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'type,id,stage,author,text,created_at,disposition,answer,answered_at,late,verdict,verdict_reason,verdict_version',
    );
    const line = lines.find((l) => l.startsWith(`remark,${remarkId},`))!;
    expect(line.endsWith(`,formal,"'=HYPERLINK(""x""), and ""quotes""",2`)).toBe(true);
    expect(lines.find((l) => l.startsWith(`remark,${dispute[0].id},`))!.endsWith(',,,')).toBe(true);
  });
});
