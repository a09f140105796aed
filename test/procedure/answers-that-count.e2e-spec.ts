import { TokenService } from '../../src/identity/auth/token.service';
import type { ReceivedMail } from '../support/smtp-sink';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const API = '/api/v1';
const TITLE = 'Жол жөндеу';
const SPEC = 'Техническая спецификация';
const DOCS = [
  { title: SPEC, url: 'https://goszakup.example/docs/spec.pdf', sha256: 'a'.repeat(64) },
  { title: 'Проект договора', url: 'https://goszakup.example/docs/contract.pdf', sha256: 'b'.repeat(64) },
];
const FORMAL_REASON = 'The answer repeats my remark and says nothing about the estimate.';

/**
 * Issue 14 through the HTTP API, as its users would meet it: an answer its author calls formal, the
 * council finding it formal, the outcome refused while the review is open and then until the answer
 * is really corrected, and a commitment kept in the documentation, disputed in stage 2 and answered.
 * The tests run in order and share state; each step moves the manual clock (Nauryz 2027 is 21-24 March).
 */
describe('answers that count: verdicts, the council check and commitments, through the API', () => {
  let t: TestApp;
  let organizer: CreatedUser;
  let chair: CreatedUser;
  let member: CreatedUser;
  let alice: CreatedUser;
  let aigerim: CreatedUser;
  let organizationId: string;
  let planId: string;
  const remark: Record<'formal' | 'rejected' | 'accepted' | 'dispute', string> = { formal: '', rejected: '', accepted: '', dispute: '' };

  const as = (u: CreatedUser) => ({ Authorization: `Bearer ${t.app.get(TokenService).sign(u.user.id).token}` });
  const at = (iso: string) => t.clock.set(new Date(iso));
  const mailTo = async (u: CreatedUser) => {
    await t.flushMail();
    return t.smtp.messages.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === u.user.email.toLowerCase()));
  };
  const subjects = (mails: ReceivedMail[]) => mails.map((m) => m.subject);
  const plan = async () => (await t.http.get(`${API}/plans/${planId}`).expect(200)).body;
  const remarks = async () => {
    const items = (await t.http.get(`${API}/plans/${planId}/remarks?limit=100`).expect(200)).body.items as { id: string }[];
    return Object.fromEntries(items.map((r) => [r.id, r])) as Record<string, Record<string, any>>;
  };
  /** The organizer writes in Russian, or in Kazakh to a Kazakh remark (the answer includes the remark's state language). */
  const answer = (id: string, body: string, disposition: string, lang = 'ru') =>
    t.http.post(`${API}/remarks/${id}/answer`).set(as(organizer)).set('Content-Language', lang).send({ body, disposition }).expect(201);
  const verdict = (u: CreatedUser, id: string, body: object) => t.http.put(`${API}/remarks/${id}/verdict`).set(as(u)).send(body);
  const outcome = () =>
    t.http.post(`${API}/plans/${planId}/outcome`).set(as(organizer)).send({ decision: 'proceed', summary: 'Proceed as amended' });

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T09:00:00+05:00' }); // Monday
    const council = await createCouncil(t.db, 'Public council of Almaty');
    const organization = await createOrganization(t.db, council);
    organizationId = organization.id;
    organizer = await createUser(t, 'organizer', { organizationId, locale: 'ru' });
    chair = await createUser(t, 'council_member', { councilId: council.id, isChair: true, displayName: 'Chair', locale: 'en' });
    member = await createUser(t, 'council_member', { councilId: council.id, displayName: 'Member', locale: 'en' });
    await createUser(t, 'council_member', { councilId: council.id, displayName: 'Absent member' });
    alice = await createUser(t, 'citizen', { displayName: 'Alice', locale: 'en' });
    aigerim = await createUser(t, 'citizen', { displayName: 'Айгерім', locale: 'kk' });

    const created = await t.http
      .post(`${API}/plans`)
      .set(as(organizer))
      .send({
        // publication needs both state languages (issue 15)
        title: { kk: TITLE, ru: 'Ремонт дороги' },
        description: { kk: 'Көше жолын жөндеу', ru: 'Ремонт уличной дороги' },
        subjectCode: '421110.000.000000',
        amount: 80_000_000,
        method: 'open_tender',
      })
      .expect(201);
    planId = created.body.id;
    at('2027-03-01T10:00:00+05:00');
    await t.http.post(`${API}/plans/${planId}/publish`).set(as(organizer)).expect(200);
    for (const [key, who, body] of [
      ['formal', alice, 'The estimate counts the asphalt area twice'],
      ['rejected', alice, 'Publish the traffic plan for the works'],
      ['accepted', aigerim, 'Жұмыс кезінде жаяу жүргіншілер жолы сақталсын'],
    ] as const) {
      remark[key] = (await t.http.post(`${API}/plans/${planId}/remarks`).set(as(who)).send({ body }).expect(201)).body.id;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers are published; the answer e-mail invites the verdict with a link and says until when', async () => {
    at('2027-03-19T11:00:00+05:00'); // Friday before Nauryz
    await t.flushMail();
    t.smtp.messages.length = 0;
    await answer(remark.formal, 'Your remark has been noted and will be considered.', 'explained');
    await answer(remark.rejected, 'The traffic plan is part of the contract and is published with it.', 'rejected');
    await answer(remark.accepted, 'Жаяу жүргіншілер жолы жұмыс кезінде ашық қалады.', 'accepted', 'kk');
    const mails = await mailTo(alice);
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.text).toMatch(new RegExp(`http://talqylau\\.test/remarks/(${remark.formal}|${remark.rejected})/verdict`));
      expect(m.text).toContain('2027-04-07'); // 10 working days after 19 March, across Nauryz
    }
    expect(subjects(await mailTo(aigerim))).toHaveLength(1);
  });

  it('the author calls an answer formal (with a reason); others may not; the verdict is public beside the answer', async () => {
    at('2027-03-25T10:00:00+05:00');
    const noReason = await verdict(alice, remark.formal, { verdict: 'formal' }).expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const notAuthor = await verdict(aigerim, remark.formal, { verdict: 'formal', reason: FORMAL_REASON }).expect(403);
    expect(notAuthor.body.error.code).toBe('NOT_AUTHOR');
    await verdict(alice, remark.formal, { verdict: 'formal', reason: FORMAL_REASON, answerVersion: 1 }).expect(200);
    await verdict(alice, remark.rejected, { verdict: 'formal', reason: 'It does not say where the plan is published.' }).expect(200);
    await verdict(aigerim, remark.accepted, { verdict: 'reasoned', reason: 'Жауап нақты әрі түсінікті.' }).expect(200);
    const byId = await remarks();
    expect(byId[remark.formal].answer.verdict).toMatchObject({ verdict: 'formal', reason: FORMAL_REASON, answerVersion: 1 });
    expect(byId[remark.accepted].answer.verdict).toMatchObject({ verdict: 'reasoned', answerVersion: 1 });
    const stale = await verdict(alice, remark.formal, { verdict: 'formal', reason: FORMAL_REASON, answerVersion: 2 }).expect(409);
    expect(stale.body.error.code).toBe('ANSWER_VERSION_STALE');
  });

  it('the hearing and its protocol; council members name the formal answer in their positions', async () => {
    at('2027-03-26T10:00:00+05:00');
    await t.http.put(`${API}/plans/${planId}/hearing`).set(as(organizer)).send({ startsAt: '2027-04-01T10:00:00+05:00' }).expect(200);
    at('2027-04-01T14:00:00+05:00');
    await t.http
      .post(`${API}/plans/${planId}/hearing/protocol`)
      .set(as(organizer))
      .send({ attendeesCount: 12, speakers: ['Alice'], summary: 'The estimate was discussed', decisions: ['Check the estimate'] })
      .expect(201);
    at('2027-04-02T10:00:00+05:00');
    const url = `${API}/plans/${planId}/review/positions`;
    const invalid = await t.http
      .post(url)
      .set(as(member))
      .send({ position: 'object', text: 'The answers are formal', formalAnswers: ['00000000-0000-4000-8000-000000000000'] })
      .expect(422);
    expect(invalid.body.error.code).toBe('FORMAL_ANSWERS_INVALID');
    await t.http
      .post(url)
      .set(as(member))
      .send({ position: 'object', text: 'The answers are formal', formalAnswers: [remark.formal] })
      .expect(201);
    await t.http
      .post(url)
      .set(as(chair))
      .send({ position: 'endorse', text: 'Endorsed', formalAnswers: [remark.formal] })
      .expect(201);
    const review = (await plan()).review;
    expect(review.formalAnswers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ remarkId: remark.formal, votes: 2, authorVerdict: expect.objectContaining({ verdict: 'formal' }) }),
        expect.objectContaining({ remarkId: remark.rejected, votes: 0 }),
      ]),
    );
    expect(review.conclusion).toBeNull();
  });

  it('the notice must account for the commitment: refused with the missing list, then accepted', async () => {
    at('2027-04-05T10:00:00+05:00'); // Monday
    const missing = await t.http
      .post(`${API}/plans/${planId}/notice`)
      .set(as(organizer))
      .send({ noticeNumber: 'N-7', documents: DOCS, commitments: [] })
      .expect(422);
    expect(missing.body.error).toMatchObject({ code: 'COMMITMENTS_INCOMPLETE', missing: [remark.accepted] });
    const noPlace = await t.http
      .post(`${API}/plans/${planId}/notice`)
      .set(as(organizer))
      .send({
        noticeNumber: 'N-7',
        documents: DOCS,
        commitments: [{ remarkId: remark.accepted, status: 'implemented', explanation: 'Kept' }],
      })
      .expect(422);
    expect(noPlace.body.error).toMatchObject({ code: 'COMMITMENTS_INCOMPLETE', missing: [remark.accepted] });
    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/plans/${planId}/notice`)
      .set(as(organizer))
      .send({
        noticeNumber: 'N-7',
        documents: DOCS,
        commitments: [
          {
            remarkId: remark.accepted,
            status: 'implemented',
            document: SPEC,
            location: 'Section 3.2',
            explanation: 'A pedestrian lane stays open',
          },
        ],
      })
      .expect(200);
    expect((await plan()).commitments).toEqual([
      expect.objectContaining({
        remarkId: remark.accepted,
        disposition: 'accepted',
        status: 'implemented',
        document: SPEC,
        location: 'Section 3.2',
        version: 1,
        authorVerdict: null,
      }),
    ]);
  });

  it('the author disputes the commitment in stage 2: a stage-2 remark, answered and e-mailed like any other', async () => {
    at('2027-04-06T10:00:00+05:00');
    const notCommitment = await t.http
      .put(`${API}/remarks/${remark.formal}/commitment-verdict`)
      .set(as(alice))
      .send({ verdict: 'confirmed', reason: 'Looks fine to me.' })
      .expect(409);
    expect(notCommitment.body.error.code).toBe('NOT_A_COMMITMENT');
    const notAuthor = await t.http
      .put(`${API}/remarks/${remark.accepted}/commitment-verdict`)
      .set(as(alice))
      .send({ verdict: 'confirmed', reason: 'Looks fine to me.' })
      .expect(403);
    expect(notAuthor.body.error.code).toBe('NOT_AUTHOR');
    const disputed = await t.http
      .put(`${API}/remarks/${remark.accepted}/commitment-verdict`)
      .set(as(aigerim))
      .send({ verdict: 'disputed', reason: '3.2-бөлімде жаяу жүргіншілер жолы туралы ештеңе жоқ.' })
      .expect(200);
    expect(disputed.body).toMatchObject({ verdict: 'disputed' });
    const byId = await remarks();
    const dispute = Object.values(byId).find((r) => r.disputes === remark.accepted)!;
    expect(dispute).toMatchObject({ stage: 2, authorName: 'Айгерім', answer: null });
    remark.dispute = dispute.id;
    expect((await plan()).commitments[0].authorVerdict).toMatchObject({ verdict: 'disputed' });

    await t.flushMail();
    t.smtp.messages.length = 0;
    await answer(remark.dispute, 'Жаяу жүргіншілер жолы 3.2-бөлімнің 4-тармағында көрсетілген.', 'explained', 'kk');
    const mails = await mailTo(aigerim);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('3.2-бөлімнің 4-тармағында');
  });

  it('the verdict window ends with the 10th working day after the answer (Nauryz not counted)', async () => {
    at('2027-04-07T23:59:59.999+05:00');
    await verdict(alice, remark.formal, { verdict: 'formal', reason: FORMAL_REASON }).expect(200);
    at('2027-04-08T00:00:00.000+05:00');
    const closed = await verdict(alice, remark.formal, { verdict: 'reasoned', reason: 'Changed my mind' }).expect(409);
    expect(closed.body.error.code).toBe('VERDICT_WINDOW_CLOSED');
  });

  it('the outcome waits for the council review to close', async () => {
    at('2027-04-13T09:00:00+05:00'); // stage 2 closed at the end of 12 April
    const open = await outcome().expect(409);
    expect(open.body.error.code).toBe('REVIEW_OPEN');
  });

  it('the chair closes the review: the answer named by 2 of 3 members is formal by the council; the organizer is told once', async () => {
    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http.post(`${API}/plans/${planId}/review/close`).set(as(chair)).expect(200);
    const review = (await plan()).review;
    expect(review.conclusion.formalAnswers).toEqual([remark.formal]);
    const toOrganizer = (await mailTo(organizer)).filter((m) => m.text?.includes(remark.formal));
    expect(toOrganizer).toHaveLength(1);
  });

  it('the outcome is refused until the formal answer is really corrected; the correction asks the author again', async () => {
    at('2027-04-13T10:00:00+05:00');
    const uncorrected = await outcome().expect(409);
    expect(uncorrected.body.error).toMatchObject({ code: 'FORMAL_ANSWERS_UNCORRECTED', remarkIds: [remark.formal] });
    const same = await t.http
      .post(`${API}/remarks/${remark.formal}/answer/corrections`)
      .set(as(organizer))
      .send({ body: 'Your remark has been noted and will be considered.', disposition: 'explained', reason: 'The council asked' })
      .expect(422);
    expect(same.body.error.code).toBe('CORRECTION_UNCHANGED');
    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/remarks/${remark.formal}/answer/corrections`)
      .set(as(organizer))
      .send({
        body: 'The asphalt area was counted twice in lines 14 and 15 of the estimate; line 15 is removed and the amount is lower by 4 million tenge.',
        disposition: 'accepted',
        reason: 'The council found the first answer formal',
      })
      .expect(201);
    const mails = await mailTo(alice);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`http://talqylau.test/remarks/${remark.formal}/verdict`);
    await verdict(alice, remark.formal, { verdict: 'reasoned', reason: 'Now the answer explains the estimate.', answerVersion: 2 }).expect(
      200,
    );
    const byId = await remarks();
    expect(byId[remark.formal].answer).toMatchObject({ version: 2, verdict: { verdict: 'reasoned', answerVersion: 2 } });
    expect(byId[remark.formal].answer.history).toEqual([
      expect.objectContaining({ version: 1, verdict: expect.objectContaining({ verdict: 'formal', reason: FORMAL_REASON }) }),
    ]);
  });

  it('the corrected answer accepts the remark: a new commitment, accounted for and e-mailed to its author', async () => {
    at('2027-04-13T10:30:00+05:00');
    expect((await plan()).commitments.map((c: { remarkId: string }) => c.remarkId)).toContain(remark.formal);
    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http
      .post(`${API}/plans/${planId}/commitments`)
      .set(as(organizer))
      .send({
        commitments: [
          { remarkId: remark.formal, status: 'implemented', document: SPEC, location: 'Estimate, line 15', explanation: 'Line 15 removed' },
        ],
      })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const kept = (await plan()).commitments.find((c: { remarkId: string }) => c.remarkId === remark.formal);
    expect(kept).toMatchObject({ status: 'implemented', document: SPEC, location: 'Estimate, line 15', version: 1 });
    expect(await mailTo(alice)).toHaveLength(1);
  });

  it('now the outcome is published; the report lists verdicts and the commitments; the figures count them', async () => {
    at('2027-04-13T11:00:00+05:00');
    await outcome().expect(201);
    const report = (await t.http.get(`${API}/plans/${planId}/report`).expect(200)).body;
    expect(JSON.stringify(report)).toContain('reasoned');
    expect(report.commitments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ remarkId: remark.accepted, status: 'implemented' }),
        expect.objectContaining({ remarkId: remark.formal, status: 'implemented' }),
      ]),
    );
    const csv = await t.http.get(`${API}/plans/${planId}/report?format=csv`).expect(200);
    expect(csv.text).toContain('formal');

    const stats = (await t.http.get(`${API}/statistics/organizations/${organizationId}`).expect(200)).body;
    expect(stats).toMatchObject({
      answersFormalByAuthors: 1, // the rejected answer; the corrected one is now called reasoned
      answersFormalByAuthorsDistinctAuthors: 1,
      answersFormalByCouncil: 1,
      commitments: 2,
      commitmentsImplemented: 2,
      commitmentsConfirmed: 0,
      commitmentsDisputed: 1,
    });
  });
});
