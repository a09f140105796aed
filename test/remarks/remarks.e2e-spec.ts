import { LocalizedText } from '../../src/common/i18n/localized-text';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { publishedPlan, STAGE1_CLOSES_AT } from './published-plan';
import type { Organization } from '../../src/organizations/organization.entity';
import { TokenService } from '../../src/identity/auth/token.service';

const API = '/api/v1';
const CLOSES_AT = STAGE1_CLOSES_AT;

describe('remarks and answers', () => {
  let t: TestApp;
  let org: Organization;
  let organizer: CreatedUser;
  let otherOrganizer: CreatedUser;
  let citizen: CreatedUser;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    const council = await createCouncil(t.db);
    org = await createOrganization(t.db, council);
    const other = await createOrganization(t.db, council, { name: LocalizedText.single('Other akimat', 'en')! });
    organizer = await createUser(t, 'organizer', { organizationId: org.id });
    otherOrganizer = await createUser(t, 'organizer', { organizationId: other.id });
    citizen = await createUser(t, 'citizen', { displayName: 'Aigerim S.' });
    planId = await newPlan();
  });
  afterAll(async () => {
    await t.close();
  });

  async function newPlan(): Promise<string> {
    return (await publishedPlan(t, org.id, organizer.user.id, { title: LocalizedText.of({ kk: 'Жол жөндеу', ru: 'Ремонт дороги' })! })).id;
  }

  /** Tokens expire by the clock: sign one at the current (moved) time. */
  function auth(u: CreatedUser): { Authorization: string } {
    return { Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` };
  }

  function remark(user: CreatedUser, body: string, id = planId) {
    return t.http.post(`${API}/plans/${id}/remarks`).set(auth(user)).send({ body });
  }

  it('refuses anonymous, organizers and unverified citizens', async () => {
    await t.http.post(`${API}/plans/${planId}/remarks`).send({ body: 'x' }).expect(401);
    await remark(organizer, 'x').expect(403);
    const unverified = await createUser(t, 'citizen', { emailVerifiedAt: null });
    const res = await remark(unverified, 'Мне есть что сказать').expect(403);
    expect(res.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    await remark(citizen, '   ').expect(400);
    await remark(citizen, 'x'.repeat(10001)).expect(400);
  });

  it('accepts a remark at the last millisecond of stage 1 and refuses one a millisecond later', async () => {
    t.clock.set(new Date(CLOSES_AT));
    const ok = await remark(citizen, '  Срок поставки слишком короткий  ').expect(201);
    expect(ok.body).toEqual({ id: expect.any(String), stage: 1, createdAt: CLOSES_AT });
    const [row] = await t.db.query(`SELECT body, answer_due_at FROM remarks WHERE id = $1`, [ok.body.id]);
    expect(row.body).toBe('  Срок поставки слишком короткий  '); // stored as given
    t.clock.set(new Date(Date.parse(CLOSES_AT) + 1));
    const late = await remark(citizen, 'Опоздал').set('Accept-Language', 'en').expect(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');
    expect(late.body.error.message).toContain('stage one closed on 2027-03-25 23:59 (Asia/Almaty)');
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
    const subs = await t.db.query(`SELECT kind FROM plan_subscriptions WHERE plan_id = $1 AND user_id = $2`, [planId, citizen.user.id]);
    expect(subs).toEqual([{ kind: 'follow' }]);
  });

  it('makes exactly one remark of 20 concurrent requests with the same Idempotency-Key', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post(`${API}/plans/${planId}/remarks`).set(auth(citizen)).set('Idempotency-Key', 'key-1').send({ body: 'Один раз' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM remarks WHERE author_id = $1 AND idempotency_key = 'key-1'`, [
      citizen.user.id,
    ]);
    expect(count).toBe(1);
    const reused = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(auth(citizen))
      .set('Idempotency-Key', 'key-1')
      .send({ body: 'Другое' })
      .expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers once, e-mails the author in Kazakh once even with two dispatchers, corrections keep history', async () => {
    const author = await createUser(t, 'citizen', { locale: 'kk', displayName: 'Ерлан' });
    const r = await remark(author, 'Техникалық ерекшелікті нақтылаңыз').expect(201);
    await t.http.post(`${API}/remarks/${r.body.id}/answer`).set(auth(citizen)).send({ body: 'x', disposition: 'accepted' }).expect(403);
    await t.http
      .post(`${API}/remarks/${r.body.id}/answer`)
      .set(auth(otherOrganizer))
      .send({ body: 'Another organizer answers this.', disposition: 'accepted' })
      .expect(403);
    await t.http.post(`${API}/remarks/${r.body.id}/answer`).send({ body: 'x', disposition: 'accepted' }).expect(401);
    const notYet = await t.http
      .post(`${API}/remarks/${r.body.id}/answer/corrections`)
      .set(auth(organizer))
      .send({ body: 'A correction before any answer.', disposition: 'accepted', reason: 'r' })
      .expect(409);
    expect(notYet.body.error.code).toBe('NOT_ANSWERED');

    const [a1, a2] = await Promise.all([
      t.http
        .post(`${API}/remarks/${r.body.id}/answer`)
        .set(auth(organizer))
        .set('Content-Language', 'kk')
        .send({ body: 'Ерекшелік нақтыланды', disposition: 'partially_accepted' }),
      t.http
        .post(`${API}/remarks/${r.body.id}/answer`)
        .set(auth(organizer))
        .set('Content-Language', 'kk')
        .send({ body: 'Екінші жауап, басқа себеппен.', disposition: 'rejected' }),
    ]);
    expect([a1.status, a2.status].sort()).toEqual([201, 409]);
    const answer = a1.status === 201 ? a1.body : a2.body;
    const answerBody = a1.status === 201 ? 'Ерекшелік нақтыланды' : 'Екінші жауап, басқа себеппен.';
    expect(answer).toMatchObject({ remarkId: r.body.id, late: false, publishedAt: t.clock.now().toISOString() });

    await Promise.all([t.dispatcher.runOnce(), t.dispatcher.runOnce(), t.flushMail()]);
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Ескертуіңізге жауап');
    expect(mails[0].text).toContain('Техникалық ерекшелікті нақтылаңыз');
    expect(mails[0].text).toContain(answer.disposition === 'partially_accepted' ? 'ішінара ескерілді' : 'қабылданбады');
    expect(mails[0].text).toContain(`http://talqylau.test/plans/${planId}`);

    const fix = await t.http
      .post(`${API}/remarks/${r.body.id}/answer/corrections`)
      .set(auth(organizer))
      .set('Content-Language', 'kk')
      .send({ body: 'Түзетілген жауап, себептерімен.', disposition: 'accepted', reason: 'Қате түзетілді' })
      .expect(201);
    expect(fix.body.version).toBe(2);
    await t.flushMail();
    expect(t.smtp.to(author.user.email)).toHaveLength(2);
    expect(t.smtp.to(author.user.email)[1].text).toContain('ескерілді');

    const list = await t.http.get(`${API}/plans/${planId}/remarks`).query({ limit: 100 }).expect(200);
    const item = list.body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(item.authorName).toBe('Ерлан');
    expect(JSON.stringify(list.body)).not.toContain(author.user.email);
    expect(item.answer).toMatchObject({
      body: 'Түзетілген жауап, себептерімен.',
      disposition: 'accepted',
      version: 2,
      correctionReason: 'Қате түзетілді',
    });
    expect(item.answer.history).toHaveLength(1);
    expect(item.answer.history[0]).toMatchObject({ version: 1, body: answerBody });
    const view = await t.http.get(`${API}/plans/${planId}`).expect(200);
    expect(view.body.counts.answered).toBe(1);
  });

  it('marks an answer after the due date late', async () => {
    const r = await remark(citizen, 'Поздний ответ?').expect(201);
    const [row] = await t.db.query(`SELECT answer_due_at FROM remarks WHERE id = $1`, [r.body.id]);
    t.clock.set(new Date(new Date(row.answer_due_at).getTime() + 1));
    const res = await t.http
      .post(`${API}/remarks/${r.body.id}/answer`)
      .set(auth(organizer))
      .set('Content-Language', 'ru')
      .send({ body: 'Ответ с пояснением причин.', disposition: 'explained' })
      .expect(201);
    expect(res.body.late).toBe(true);
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
  });

  it('delivers the answer once after the SMTP server was down', async () => {
    const author = await createUser(t, 'citizen', { locale: 'ru' });
    const r = await remark(author, 'Проверка доставки').expect(201);
    t.smtp.refuse = true;
    await t.http
      .post(`${API}/remarks/${r.body.id}/answer`)
      .set(auth(organizer))
      .set('Content-Language', 'ru')
      .send({ body: 'Учтём в техническом задании.', disposition: 'accepted' })
      .expect(201);
    await t.flushMail();
    expect(t.smtp.to(author.user.email)).toHaveLength(0);
    t.smtp.refuse = false;
    await t.db.query(`UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'pending'`);
    await Promise.all([t.flushMail(), t.dispatcher.runOnce()]);
    await t.flushMail();
    const mails = t.smtp.to(author.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('учтено');
  });

  it('pages through every remark exactly once, also by stage', async () => {
    const id = await newPlan();
    const created: string[] = [];
    for (let i = 0; i < 13; i++) {
      if (i % 3 === 0) t.clock.advance(1000); // some share a created_at: the id breaks ties
      created.push((await remark(citizen, `Замечание ${i}`, id).expect(201)).body.id);
    }
    for (const stage of [undefined, 1]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string; stage: number }[]; nextCursor: string | null } } = await t.http
          .get(`${API}/plans/${id}/remarks`)
          .query({ limit: 4, ...(stage ? { stage } : {}), ...(cursor ? { cursor } : {}) })
          .expect(200);
        seen.push(...res.body.items.map((x) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...created].sort());
    }
    const stage2 = await t.http.get(`${API}/plans/${id}/remarks`).query({ stage: 2 }).expect(200);
    expect(stage2.body).toEqual({ items: [], nextCursor: null });
  });
  it('accepts stage 2 remarks only inside the stage 2 window, due 5 working days after it closes', async () => {
    const id = await newPlan();
    // the notice feature sets these; here they are written directly
    await t.db.query(
      `UPDATE plans SET protocol_published_at = '2027-04-01T05:00:00Z', notice_published_at = '2027-04-12T05:00:00Z',
         stage2_opens_at = '2027-04-12T05:00:00Z', stage2_closes_at = '2027-04-19T18:59:59.999Z' WHERE id = $1`,
      [id],
    );
    t.clock.set(new Date('2027-04-12T04:59:59.999Z'));
    const early = await remark(citizen, 'Рано', id).set('Accept-Language', 'en').expect(409);
    expect(early.body.error.message).toContain('stage two opens on 2027-04-12 10:00 (Asia/Almaty)');
    t.clock.set(new Date('2027-04-19T18:59:59.999Z'));
    const ok = await remark(citizen, 'Документация не соответствует закону', id).expect(201);
    expect(ok.body.stage).toBe(2);
    const [row] = await t.db.query(`SELECT answer_due_at FROM remarks WHERE id = $1`, [ok.body.id]);
    // 19 April (Mon) + 5 working days = 26 April (Mon), end of day in Almaty
    expect(new Date(row.answer_due_at).toISOString()).toBe('2027-04-26T18:59:59.999Z');
    t.clock.set(new Date('2027-04-19T19:00:00.000Z'));
    const late = await remark(citizen, 'Поздно', id).set('Accept-Language', 'ru').expect(409);
    expect(late.body.error.message).toContain('второй этап завершился 2027-04-19 23:59 (Asia/Almaty)');
    const view = await t.http.get(`${API}/plans/${id}`).expect(200);
    expect(view.body.status).toBe('awaiting_outcome');
    expect(view.body.stage2).toEqual({ opensAt: '2027-04-12T05:00:00.000Z', closesAt: '2027-04-19T18:59:59.999Z' });
    t.clock.set(new Date('2027-03-02T10:00:00+05:00'));
  });

  it('answers 404 for an unknown plan or remark', async () => {
    await t.http.get(`${API}/plans/00000000-0000-0000-0000-000000000000`).expect(404);
    await t.http.get(`${API}/plans/not-a-uuid/remarks`).expect(404);
    const res = await t.http
      .post(`${API}/remarks/00000000-0000-0000-0000-000000000000/answer`)
      .set(auth(organizer))
      .send({ body: 'An answer to no remark at all.', disposition: 'accepted' })
      .expect(404);
    expect(res.body.error.code).toBe('REMARK_NOT_FOUND');
  });
});
