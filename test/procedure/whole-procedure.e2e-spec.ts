import { TokenService } from '../../src/identity/auth/token.service';
import { SweepService } from '../../src/scheduler/sweep.service';
import type { ReceivedMail } from '../support/smtp-sink';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const API = '/api/v1';
const TITLE = 'Ремонт школы №5';
const TITLE_KK = '№5 мектепті жөндеу';
const DOCS = [{ title: 'Техническая спецификация', url: 'https://goszakup.example/docs/spec.pdf', sha256: 'a'.repeat(64) }];

/**
 * One plan walked through both stages through the HTTP API, as its users would: citizens register
 * and verify by e-mail, the organizer publishes, answers, holds the hearing and publishes the
 * protocol, the council reviews, stage 2 runs on the notice, and the outcome closes the discussion.
 * The tests run in order and share state; each step moves the manual clock forward.
 */
describe('a whole procedure, both stages, through the API', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let chair: CreatedUser;
  let member: CreatedUser;
  let outsider: CreatedUser;
  let organizationId: string;
  const citizens: Record<'alice' | 'aigerim', { email: string; id: string; locale: string }> = {
    alice: { email: 'alice@example.test', id: '', locale: 'en' },
    aigerim: { email: 'Aigerim@Example.test', id: '', locale: 'kk' },
  };
  let planId: string;
  const remarkIds: Record<string, string> = {};
  let recommendationId: string;

  /** A fresh token at the current manual time (tokens expire by the clock). */
  const as = (id: string) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(id).token}` });
  const org = () => as(organizer.user.id);
  const at = (iso: string) => t.clock.set(new Date(iso));
  const mailTo = async (email: string) => {
    await t.flushMail();
    return t.smtp.messages.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === email.toLowerCase()));
  };
  const subjects = (mails: ReceivedMail[]) => mails.map((m) => m.subject);
  const plan = async () => (await t.http.get(`${API}/plans/${planId}`).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T09:00:00+05:00' }); // Monday
    const council = await createCouncil(t.db, 'Public council of Almaty');
    const organization = await createOrganization(t.db, council);
    organizationId = organization.id;
    organizer = await createUser(t, 'organizer', { organizationId, locale: 'ru' });
    chair = await createUser(t, 'council_member', { councilId: council.id, isChair: true, displayName: 'Chair' });
    member = await createUser(t, 'council_member', { councilId: council.id, displayName: 'Member' });
    await createUser(t, 'council_member', { councilId: council.id, displayName: 'Absent member' });
    const otherCouncil = await createCouncil(t.db, 'Another council');
    outsider = await createUser(t, 'council_member', { councilId: otherCouncil.id, displayName: 'Outsider' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('citizens register, read the verification link from the e-mail, verify and log in', async () => {
    for (const [name, c] of Object.entries(citizens)) {
      const reg = await t.http
        .post(`${API}/auth/register`)
        .send({ email: c.email, password: 'Correct-horse-42', displayName: name === 'alice' ? 'Alice' : 'Айгерім', locale: c.locale })
        .expect(201);
      c.id = reg.body.id;
      await t.flushMail();
      await t.smtp.waitFor((all) => all.some((m) => m.envelopeTo.some((to) => to.toLowerCase() === c.email.toLowerCase())));
      const mails = await mailTo(c.email);
      expect(mails).toHaveLength(1);
      const token = new RegExp('http://talqylau\\.test/verify-email\\?token=([A-Za-z0-9_-]+)').exec(mails[0].text ?? '')?.[1];
      expect(token).toBeTruthy();
      const before = await t.http.post(`${API}/auth/login`).send({ email: c.email, password: 'Correct-horse-42' }).expect(200);
      expect(before.body.user.emailVerified).toBe(false);
      await t.http.post(`${API}/auth/verify-email`).send({ token }).expect(200);
      const login = await t.http.post(`${API}/auth/login`).send({ email: c.email.toUpperCase(), password: 'Correct-horse-42' }).expect(200);
      expect(login.body.user).toMatchObject({ id: c.id, role: 'citizen', emailVerified: true });
      await t.http
        .get(`${API}/me`)
        .set({ Authorization: `Bearer ${login.body.accessToken}` })
        .expect(200);
    }
  });

  it('the organizer creates and publishes the plan; stage 1 closes at the end of 25 March (D+20 is Sunday 21 March, then Nauryz)', async () => {
    const created = await t.http
      .post(`${API}/plans`)
      .set(org())
      .send({
        // both state languages: publication needs them (issue 15)
        title: { ru: TITLE, kk: TITLE_KK },
        description: { ru: 'Капитальный ремонт кровли', kk: 'Шатырды күрделі жөндеу' },
        subjectCode: '452112.000.000000',
        amount: 150_000_000,
        method: 'open_tender',
        plannedQuarter: '2027-Q3',
      })
      .expect(201);
    expect(created.body.status).toBe('draft');
    planId = created.body.id;
    at('2027-03-01T10:00:00+05:00');
    const published = await t.http.post(`${API}/plans/${planId}/publish`).set(org()).expect(200);
    expect(published.body.stage1).toMatchObject({ opensAt: '2027-03-01T05:00:00.000Z', closesAt: '2027-03-25T18:59:59.999Z' });
    expect((await plan()).status).toBe('stage1_open');
  });

  it('two citizens remark (one in Kazakh); the list shows them', async () => {
    const r1 = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.alice.id))
      .send({ body: 'The roof area in the estimate is overstated' })
      .expect(201);
    expect(r1.body).toMatchObject({ stage: 1, createdAt: '2027-03-01T05:00:00.000Z' });
    remarkIds.alice1 = r1.body.id;
    at('2027-03-02T11:00:00+05:00');
    const r2 = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.aigerim.id))
      .send({ body: 'Жұмыс мерзімі тым қысқа' })
      .expect(201);
    remarkIds.aigerim1 = r2.body.id;
    at('2027-03-24T11:00:00+05:00');
    const r3 = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.alice.id))
      .send({ body: 'Please add a warranty of 5 years' })
      .expect(201);
    remarkIds.alice2 = r3.body.id;

    const list = await t.http.get(`${API}/plans/${planId}/remarks?stage=1`).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
      [remarkIds.alice1, remarkIds.aigerim1, remarkIds.alice2].sort(),
    );
    const byId = Object.fromEntries(list.body.items.map((r: { id: string }) => [r.id, r]));
    expect(byId[remarkIds.aigerim1]).toMatchObject({ stage: 1, authorName: 'Айгерім', body: 'Жұмыс мерзімі тым қысқа', answer: null });
    expect(JSON.stringify(list.body)).not.toContain('example.test');
  });

  it('the organizer answers on time; the author gets it in Kazakh exactly once', async () => {
    at('2027-03-24T15:00:00+05:00');
    await t.http
      .post(`${API}/remarks/${remarkIds.aigerim1}/answer`)
      .set(org())
      .set('Content-Language', 'kk')
      .send({ body: 'Мерзім 60 күнге ұзартылды', disposition: 'accepted' })
      .expect(201);
    const again = await t.http
      .post(`${API}/remarks/${remarkIds.aigerim1}/answer`)
      .set(org())
      .send({ body: 'A second answer, refused.', disposition: 'rejected' })
      .expect(409);
    expect(again.body.error.code).toBe('ALREADY_ANSWERED');
    await t.flushMail();
    // the plan's title in the recipient's language
    const mails = (await mailTo(citizens.aigerim.email)).filter((m) => m.subject?.includes(TITLE_KK));
    expect(subjects(mails)).toEqual([`Ескертуіңізге жауап: ${TITLE_KK}`]);
    expect(mails[0].text).toContain('Мерзім 60 күнге ұзартылды');
  });

  it('a remark after stage 1 closed is refused with 409 WINDOW_CLOSED; the plan awaits its hearing', async () => {
    at('2027-03-25T23:59:59.000+05:00');
    await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.aigerim.id))
      .send({ body: 'Just in time' })
      .expect(201)
      .then((r) => (remarkIds.aigerim2 = r.body.id));
    at('2027-03-26T00:00:00.000+05:00');
    const late = await t.http.post(`${API}/plans/${planId}/remarks`).set(as(citizens.alice.id)).send({ body: 'Too late' }).expect(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');
    expect((await plan()).status).toBe('awaiting_hearing');
  });

  it('stage 2 cannot open before the protocol (409)', async () => {
    at('2027-03-26T10:00:00+05:00');
    const res = await t.http.post(`${API}/plans/${planId}/notice`).set(org()).send({ noticeNumber: 'N-100', documents: DOCS }).expect(409);
    expect(res.body.error.code).toBe('PROTOCOL_NOT_PUBLISHED');
  });

  it('the hearing is scheduled on an allowed date; every participant receives an .ics', async () => {
    const allowed = await t.http.get(`${API}/plans/${planId}/hearing/allowed-dates`).expect(200);
    expect(allowed.body).toMatchObject({ from: '2027-03-26', to: '2027-04-04' });
    const days = Object.fromEntries(allowed.body.dates.map((d: { date: string; allowed: boolean }) => [d.date, d.allowed]));
    expect(days['2027-03-27']).toBe(false); // Saturday
    expect(days['2027-04-01']).toBe(true); // Thursday
    const weekend = await t.http
      .put(`${API}/plans/${planId}/hearing`)
      .set(org())
      .send({ startsAt: '2027-03-27T10:00:00+05:00' })
      .expect(422);
    expect(weekend.body.error.code).toBe('HEARING_DATE_NOT_ALLOWED');

    t.smtp.messages.length = 0;
    await t.http
      .put(`${API}/plans/${planId}/hearing`)
      .set(org())
      .send({ startsAt: '2027-04-01T10:00:00+05:00', room: 'Hall 2' })
      .expect(200);
    for (const c of Object.values(citizens)) {
      const mails = await mailTo(c.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].attachments.map((a) => a.contentType)).toContain('text/calendar');
      expect(mails[0].attachments[0].content.toString()).toContain('DTSTART:20270401T050000Z');
    }
    const ics = await t.http.get(`${API}/plans/${planId}/hearing.ics`).expect(200);
    expect(ics.text).toContain('DTSTART:20270401T050000Z');
  });

  it('an answer after its due date is marked late; e-mailed in English exactly once', async () => {
    at('2027-03-30T09:00:00+05:00'); // answers to 1 March remarks were due at the end of 29 March
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/remarks/${remarkIds.alice1}/answer`)
      .set(org())
      .send({ body: 'The estimate was recalculated', disposition: 'partially_accepted' })
      .expect(201);
    await t.http
      .post(`${API}/remarks/${remarkIds.aigerim2}/answer`)
      .set(org())
      .set('Content-Language', 'kk')
      .send({ body: 'Түсіндірме толық берілді.', disposition: 'explained' })
      .expect(201);
    await t.flushMail();
    await t.flushMail();
    const mails = await mailTo(citizens.alice.email);
    expect(subjects(mails)).toEqual([`Answer to your remark: ${TITLE}`]);
    expect(mails[0].text).toContain('The estimate was recalculated');
    const list = (await t.http.get(`${API}/plans/${planId}/remarks?stage=1`).expect(200)).body.items;
    const byId = Object.fromEntries(list.map((r: { id: string }) => [r.id, r]));
    expect(byId[remarkIds.alice1].answer).toMatchObject({
      disposition: 'partially_accepted',
      late: true,
      publishedAt: '2027-03-30T04:00:00.000Z',
    });
    expect(byId[remarkIds.aigerim1].answer).toMatchObject({ disposition: 'accepted', late: false });
    expect(byId[remarkIds.aigerim2].answer).toMatchObject({ disposition: 'explained', late: false });
  });

  it('an answer published after the hearing started is late even within 15 working days', async () => {
    at('2027-04-01T10:30:00+05:00');
    await t.http
      .post(`${API}/remarks/${remarkIds.alice2}/answer`)
      .set(org())
      .send({ body: 'A 5-year warranty was added', disposition: 'accepted' })
      .expect(201);
    const list = (await t.http.get(`${API}/plans/${planId}/remarks?stage=1`).expect(200)).body.items;
    expect(list.find((r: { id: string }) => r.id === remarkIds.alice2).answer).toMatchObject({ late: true });
  });

  it('after the hearing the protocol is published and participants notified; the plan is under council review', async () => {
    at('2027-04-01T14:00:00+05:00');
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/plans/${planId}/hearing/protocol`)
      .set(org())
      .send({
        attendeesCount: 23,
        speakers: ['Alice', 'Айгерім'],
        summary: 'The roof estimate and the warranty were discussed',
        decisions: ['Recalculate the estimate'],
      })
      .expect(201);
    for (const c of Object.values(citizens)) {
      const mails = (await mailTo(c.email)).filter((m) => !/Answer to your remark|Ескертуіңізге жауап/.test(m.subject ?? ''));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain(c.locale === 'kk' ? TITLE_KK : TITLE);
    }
    const p = await plan();
    expect(p.status).toBe('council_review');
    expect(p.hearing).toMatchObject({ startsAt: expect.any(String) });
    expect(new Date(p.hearing.startsAt).toISOString()).toBe('2027-04-01T05:00:00.000Z');
    expect(p.protocol).toMatchObject({ attendeesCount: 23, summary: 'The roof estimate and the warranty were discussed' });
    expect(p.review).toMatchObject({ positions: [], recommendations: [] });
  });

  it('council review: outsiders refused, one position per member, the chair closes with a quorum', async () => {
    at('2027-04-02T10:00:00+05:00');
    const url = `${API}/plans/${planId}/review/positions`;
    const refused = await t.http.post(url).set(as(outsider.user.id)).send({ position: 'endorse', text: 'Fine' }).expect(403);
    expect(refused.body.error.code).toBe('NOT_COUNCIL_MEMBER');
    await t.http.post(url).set(as(citizens.alice.id)).send({ position: 'endorse', text: 'Fine' }).expect(403);
    await t.http
      .post(url)
      .set(as(member.user.id))
      .send({
        position: 'endorse_with_recommendations',
        text: 'Endorsed, with one recommendation',
        recommendations: ['Split the works into two lots'],
      })
      .expect(201);
    const twice = await t.http.post(url).set(as(member.user.id)).send({ position: 'object', text: 'Changed my mind' }).expect(409);
    expect(twice.body.error.code).toBe('POSITION_EXISTS');
    await t.http.post(url).set(as(chair.user.id)).send({ position: 'endorse', text: 'Endorsed' }).expect(201);
    await t.http.post(`${API}/plans/${planId}/review/close`).set(as(member.user.id)).expect(403);
    const closed = await t.http.post(`${API}/plans/${planId}/review/close`).set(as(chair.user.id)).expect(200);
    // 2 of 3 members took part (quorum); one endorse and one endorse-with-recommendations: no strict majority
    expect(closed.body).toMatchObject({ membersCount: 3, positionsCount: 2, quorum: true, result: 'no_majority' });
    const review = (await plan()).review;
    expect(review.positions).toHaveLength(2);
    expect(review.conclusion).toMatchObject({ quorum: true });
    expect(review.recommendations).toEqual([expect.objectContaining({ text: 'Split the works into two lots', response: null })]);
    recommendationId = review.recommendations[0].id;
  });

  it('the organizer responds to the recommendation', async () => {
    at('2027-04-02T15:00:00+05:00');
    await t.http
      .post(`${API}/recommendations/${recommendationId}/response`)
      .set(org())
      .send({ accepted: true, text: 'Two lots: roof and facade' })
      .expect(201);
    const review = (await plan()).review;
    expect(review.recommendations[0].response).toMatchObject({ accepted: true, text: 'Two lots: roof and facade' });
  });

  it('the notice opens stage 2 for 5 working days counted from the next day', async () => {
    at('2027-04-05T10:00:00+05:00'); // Monday
    // the stage-1 answers that accepted a remark are commitments the notice must account for
    const refused = await t.http
      .post(`${API}/plans/${planId}/notice`)
      .set(org())
      .send({ noticeNumber: 'N-100', documents: DOCS })
      .expect(422);
    expect(refused.body.error.code).toBe('COMMITMENTS_INCOMPLETE');
    expect([...refused.body.error.missing].sort()).toEqual([remarkIds.aigerim1, remarkIds.alice1, remarkIds.alice2].sort());
    const commitments = [
      {
        remarkId: remarkIds.aigerim1,
        status: 'implemented',
        document: DOCS[0].title,
        location: 'Section 3',
        explanation: 'The term is 60 days.',
      },
      { remarkId: remarkIds.alice1, status: 'not_implemented', explanation: 'The estimate is in the contract, not in the documentation.' },
      {
        remarkId: remarkIds.alice2,
        status: 'implemented',
        document: DOCS[0].title,
        location: 'Clause 9.1',
        explanation: 'A 5-year warranty.',
      },
    ];
    const res = await t.http
      .post(`${API}/plans/${planId}/notice`)
      .set(org())
      .send({ noticeNumber: 'N-100', documents: DOCS, commitments })
      .expect(200);
    // 6, 7, 8, 9 and 12 April: closes at the end of Monday 12 April
    expect(res.body).toMatchObject({ opensAt: '2027-04-05T05:00:00.000Z', closesAt: '2027-04-12T18:59:59.999Z' });
    const p = await plan();
    expect(p.status).toBe('stage2_open');
    expect(p.stage2).toMatchObject({ opensAt: '2027-04-05T05:00:00.000Z', closesAt: '2027-04-12T18:59:59.999Z' });
    expect(p.notice).toMatchObject({ noticeNumber: 'N-100' });
    for (const c of Object.values(citizens)) {
      const opened = (await mailTo(c.email)).filter((m) => /Stage 2 is open|Екінші/.test(m.subject ?? ''));
      expect(opened).toHaveLength(1);
    }
  });

  it('stage 2 remarks; the outcome is refused while stage 2 is open and while a remark is unanswered', async () => {
    at('2027-04-06T10:00:00+05:00');
    const a = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.alice.id))
      .send({ body: 'Section 4 of the documentation requires a brand name' })
      .expect(201);
    expect(a.body.stage).toBe(2);
    remarkIds.alice3 = a.body.id;
    const k = await t.http
      .post(`${API}/plans/${planId}/remarks`)
      .set(as(citizens.aigerim.id))
      .send({ body: 'Біліктілік талаптары заңға сәйкес емес' })
      .expect(201);
    remarkIds.aigerim3 = k.body.id;
    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/remarks/${remarkIds.alice3}/answer`)
      .set(org())
      .send({ body: 'The brand name was replaced by "or equivalent"', disposition: 'accepted' })
      .expect(201);
    expect(subjects(await mailTo(citizens.alice.email))).toEqual([`Answer to your remark: ${TITLE}`]);

    const open = await t.http.post(`${API}/plans/${planId}/outcome`).set(org()).send({ decision: 'amend', summary: 'x' }).expect(409);
    expect(open.body.error.code).toBe('STAGE2_NOT_CLOSED');

    at('2027-04-13T09:00:00+05:00');
    const late = await t.http.post(`${API}/plans/${planId}/remarks`).set(as(citizens.alice.id)).send({ body: 'Too late' }).expect(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');
    expect((await plan()).status).toBe('awaiting_outcome');
    const unanswered = await t.http.post(`${API}/plans/${planId}/outcome`).set(org()).send({ decision: 'amend', summary: 'x' }).expect(409);
    expect(unanswered.body.error).toMatchObject({ code: 'UNANSWERED_REMARKS', message: '1 remark(s) still have no answer.' });
  });

  it('the sweep tells the organizer once that stage 2 closed, with the answer due date', async () => {
    t.smtp.messages.length = 0;
    const sweep = t.app.get(SweepService);
    const runs = await Promise.all([sweep.runOnce(), sweep.runOnce()]);
    expect(runs.reduce((s, r) => s + r.stage2Closed, 0)).toBe(1);
    expect((await sweep.runOnce()).stage2Closed).toBe(0);
    await t.flushMail();
    const mails = (await mailTo(organizer.user.email)).filter((m) => m.subject?.startsWith('Второй этап'));
    expect(subjects(mails)).toEqual([`Второй этап завершён: ${TITLE}`]);
    expect(mails[0].text).toContain('Замечаний: 2, из них без ответа: 1');
    expect(mails[0].text).toContain('до 2027-04-19'); // 5 working days after 12 April
  });

  it('after every answer the outcome is published, participants are e-mailed and the plan is closed', async () => {
    at('2027-04-13T11:00:00+05:00');
    await t.http
      .post(`${API}/remarks/${remarkIds.aigerim3}/answer`)
      .set(org())
      .set('Content-Language', 'kk')
      .send({ body: 'Техникалық талаптар түзетілді.', disposition: 'accepted' })
      .expect(201);
    t.smtp.messages.length = 0;
    const res = await t.http
      .post(`${API}/plans/${planId}/outcome`)
      .set(org())
      .send({ decision: 'amend', summary: 'The documentation is amended' })
      .expect(201);
    expect(res.body).toMatchObject({ decision: 'amend', publishedAt: '2027-04-13T06:00:00.000Z' });
    for (const who of [citizens.alice.email, citizens.aigerim.email, chair.user.email, member.user.email]) {
      const outcome = (await mailTo(who)).filter((m) => !m.subject?.includes('Ескертуіңізге жауап'));
      expect(outcome).toHaveLength(1);
    }
    const p = await plan();
    expect(p.status).toBe('closed');
    expect(p.outcome).toMatchObject({ decision: 'amend', summary: 'The documentation is amended' });
    const listed = await t.http.get(`${API}/plans?status=closed&organizationId=${organizationId}`).expect(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([planId]);
  });

  it('the report (JSON and CSV) lists every remark of both stages and the recommendation; statistics agree', async () => {
    const report = (await t.http.get(`${API}/plans/${planId}/report`).expect(200)).body;
    const ids = [remarkIds.alice1, remarkIds.aigerim1, remarkIds.alice2, remarkIds.aigerim2, remarkIds.alice3, remarkIds.aigerim3];
    expect(report.remarks.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    expect(report.remarks.filter((r: { stage: number }) => r.stage === 2)).toHaveLength(2);
    expect(
      report.remarks
        .filter((r: { late: boolean }) => r.late)
        .map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([remarkIds.alice1, remarkIds.alice2].sort());
    expect(report.recommendations).toEqual([
      expect.objectContaining({
        id: recommendationId,
        text: 'Split the works into two lots',
        accepted: true,
        response: 'Two lots: roof and facade',
      }),
    ]);
    expect(report.outcome).toMatchObject({ decision: 'amend' });

    const csv = await t.http.get(`${API}/plans/${planId}/report?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    for (const id of ids) expect(csv.text).toContain(`remark,${id},`);
    expect(csv.text).toContain(`recommendation,${recommendationId},`);

    const stats = (await t.http.get(`${API}/statistics/organizations/${organizationId}`).expect(200)).body;
    expect(stats.remarks).toMatchObject({ received: 6, answered: 6, answeredOnTime: 4, answeredShare: 1, answeredOnTimeShare: 0.6667 });
    expect(stats.hearings).toMatchObject({ heldOnTime: 1, due: 1, heldOnTimeShare: 1 });
    expect(stats.recommendations).toEqual({ total: 1, responded: 1, accepted: 1, acceptedShare: 1 });
    const all = (await t.http.get(`${API}/statistics`).expect(200)).body;
    expect(all).toEqual(stats);
  });
});
