import { CommitmentVerdict } from '../../src/commitments/commitment-verdict.entity';
import { Commitment } from '../../src/commitments/commitment.entity';
import { Plan } from '../../src/plans/plan.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { createWorld } from '../reviews/fixtures';
import type { CommitmentPlan } from './fixtures';
import { DOCS, fullCommitments, planWithCommitments } from './fixtures';

describe('commitments: accepted remarks kept in the documentation', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // Thursday 18 March 2027, before the Nauryz days off: stage 2 closes at the end of Tuesday 30 March.
    t = await startTestApp({ now: '2027-03-18T10:00:00+05:00' });
    w = await createWorld(t, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  const notice = (p: CommitmentPlan, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/plans/${p.planId}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS, ...body });

  it('refuses a notice that does not account for every commitment, with the missing ones listed, and writes nothing', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    const none = await notice(p, {}).set('Accept-Language', 'ru').expect(422);
    expect(none.body.error).toMatchObject({ code: 'COMMITMENTS_INCOMPLETE', missing: [p.accepted.id, p.partial.id] });
    expect(none.body.error.message).toContain('2');
    const [implemented, notImplemented] = fullCommitments(p);
    const unfinished = await notice(p, { commitments: [{ ...implemented, location: ' ' }, notImplemented] }).expect(422);
    expect(unfinished.body.error).toMatchObject({ code: 'COMMITMENTS_INCOMPLETE', missing: [p.accepted.id] });
    const noExplanation = await notice(p, { commitments: [implemented, { remarkId: p.partial.id, status: 'not_implemented' }] }).expect(
      422,
    );
    expect(noExplanation.body.error.missing).toEqual([p.partial.id]);

    const rejected = await notice(p, {
      commitments: [...fullCommitments(p), { remarkId: p.rejected.id, status: 'not_implemented', explanation: 'x' }],
    }).expect(422);
    expect(rejected.body.error.code).toBe('COMMITMENT_INVALID');
    expect(rejected.body.error.message).toContain(p.rejected.id);
    const unknownDocument = await notice(p, { commitments: [{ ...implemented, document: 'Смета' }, notImplemented] }).expect(422);
    expect(unknownDocument.body.error.code).toBe('COMMITMENT_INVALID');
    expect(unknownDocument.body.error.message).toContain('Смета');
    const sameTitles = await notice(p, {
      documents: [DOCS[0], { ...DOCS[1], title: DOCS[0].title }],
      commitments: fullCommitments(p),
    }).expect(422);
    expect(sameTitles.body.error.code).toBe('DOCUMENT_TITLES_NOT_UNIQUE');

    const plan = await t.db.getRepository(Plan).findOneByOrFail({ id: p.planId });
    expect(plan.noticePublishedAt).toBeNull();
    expect(await t.db.getRepository(Commitment).countBy({ planId: p.planId })).toBe(0);
  });

  it('publishes the notice with version 1 of each commitment, e-mailed once to each author, shown by GET /plans/{id}', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    t.smtp.messages.length = 0;
    await notice(p, { commitments: fullCommitments(p) }).expect(200);
    await t.flushMail();
    await t.flushMail();
    const toAlice = t.smtp.to(p.alice.user.email).filter((m) => m.subject?.includes('accepted remark'));
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0].text).toContain('Section 4.2');
    expect(toAlice[0].text).toContain('2027-03-30');
    expect(t.smtp.to(p.bob.user.email).filter((m) => m.subject?.includes('accepted remark'))).toHaveLength(1);

    const record = await t.http.get(`/api/v1/plans/${p.planId}`).expect(200);
    expect(record.body.commitments).toHaveLength(2);
    expect(record.body.commitments[0]).toMatchObject({
      remarkId: p.accepted.id,
      disposition: 'accepted',
      status: 'implemented',
      document: DOCS[0].title,
      location: 'Section 4.2',
      version: 1,
      authorVerdict: null,
      pending: false,
      verdictOpen: true,
      verdictClosesAt: new Date('2027-03-30T23:59:59.999+05:00').toISOString(),
      history: [],
    });
    expect(record.body.commitments[1]).toMatchObject({
      remarkId: p.partial.id,
      disposition: 'partially_accepted',
      status: 'not_implemented',
      document: null,
    });
  });

  it('publishes later versions until the outcome: a commitment a corrected answer made and a change; unchanged ones make no version; only the organizer', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    await notice(p, { commitments: fullCommitments(p) }).expect(200);
    t.clock.set(new Date('2027-03-19T11:00:00+05:00'));
    await t.http
      .post(`/api/v1/remarks/${p.rejected.id}/answer/corrections`)
      .set(w.organizer.auth)
      .send({
        // an answer includes a state language (issue 15): the remark is in English, so kk or ru
        body: { en: 'Accepted after all: the purchase is postponed to autumn.', ru: 'Принято: закупка переносится на осень.' },
        disposition: 'accepted',
        reason: { en: 'The council asked again', ru: 'Совет запросил повторно' },
      })
      .expect(201);
    const pending = await t.http.get(`/api/v1/plans/${p.planId}`).expect(200);
    expect(pending.body.commitments[2]).toMatchObject({ remarkId: p.rejected.id, status: 'pending', pending: true, version: null });

    const url = `/api/v1/plans/${p.planId}/commitments`;
    const later = [
      { remarkId: p.rejected.id, status: 'not_implemented', explanation: 'The timetable is in the contract, not the documentation.' },
      {
        remarkId: p.accepted.id,
        status: 'implemented',
        document: DOCS[1].title,
        location: 'Clause 7',
        explanation: 'Moved to the contract.',
      },
      fullCommitments(p)[1],
    ];
    const citizen = await createUser(t, 'citizen');
    expect((await t.http.post(url).set(citizen.auth).send({ commitments: later }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const other = await createWorld(t, 0);
    expect((await t.http.post(url).set(other.organizer.auth).send({ commitments: later }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const incomplete = await t.http
      .post(url)
      .set(w.organizer.auth)
      .send({ commitments: [{ remarkId: p.rejected.id, status: 'implemented', explanation: 'x' }] })
      .expect(422);
    expect(incomplete.body.error).toMatchObject({ code: 'COMMITMENTS_INCOMPLETE', missing: [p.rejected.id] });

    await t.flushMail();
    t.smtp.messages.length = 0;
    const res = await t.http.post(url).set(w.organizer.auth).send({ commitments: later }).expect(201);
    expect(res.body.published).toEqual([
      { remarkId: p.accepted.id, version: 2 },
      { remarkId: p.rejected.id, version: 1 },
    ]);
    await t.flushMail();
    await t.flushMail();
    expect(t.smtp.to(p.alice.user.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('version 2'), expect.stringContaining('accepted remark')]),
    );
    expect(t.smtp.to(p.alice.user.email)).toHaveLength(2);
    expect(t.smtp.to(p.bob.user.email)).toHaveLength(0);

    const record = await t.http.get(`/api/v1/plans/${p.planId}`).expect(200);
    const accepted = record.body.commitments.find((c: { remarkId: string }) => c.remarkId === p.accepted.id);
    expect(accepted).toMatchObject({
      version: 2,
      document: DOCS[1].title,
      location: 'Clause 7',
      history: [{ version: 1, location: 'Section 4.2' }],
    });

    await t.db.getRepository(Plan).update({ id: p.planId }, { outcomePublishedAt: new Date('2027-04-10T10:00:00+05:00') });
    expect((await t.http.post(url).set(w.organizer.auth).send({ commitments: later }).expect(409)).body.error.code).toBe(
      'DISCUSSION_CLOSED',
    );
  });

  it('lets the author confirm; a dispute files one stage-2 remark that is answered and e-mailed like any other', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    await notice(p, { commitments: fullCommitments(p) }).expect(200);
    t.clock.set(new Date('2027-03-19T11:00:00+05:00'));
    const verdict = (remarkId: string) => `/api/v1/remarks/${remarkId}/commitment-verdict`;

    await t.http.put(verdict(p.accepted.id)).set(p.alice.auth).send({ verdict: 'confirmed' }).expect(200);
    expect((await t.http.put(verdict(p.partial.id)).set(p.alice.auth).send({ verdict: 'confirmed' }).expect(403)).body.error.code).toBe(
      'NOT_AUTHOR',
    );
    expect((await t.http.put(verdict(p.rejected.id)).set(p.alice.auth).send({ verdict: 'confirmed' }).expect(409)).body.error.code).toBe(
      'NOT_A_COMMITMENT',
    );
    expect((await t.http.put(verdict(p.partial.id)).set(p.bob.auth).send({ verdict: 'disputed' }).expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    await t.http.put(verdict(p.partial.id)).set(p.bob.auth).send({ verdict: 'disputed', reason: 'short' }).expect(400);

    const reason = 'The lots are still one: section 2 of the specification lists every work together.';
    const first = await t.http.put(verdict(p.partial.id)).set(p.bob.auth).send({ verdict: 'disputed', reason }).expect(200);
    expect(first.body).toMatchObject({ verdict: 'disputed', version: 1, reason });
    const disputeId: string = first.body.disputeRemarkId;
    const dispute = await t.db.getRepository(Remark).findOneByOrFail({ id: disputeId });
    expect(dispute).toMatchObject({ stage: 2, authorId: p.bob.user.id, body: reason, disputesRemarkId: p.partial.id });
    // the later of the stage-2 answer deadline (5 working days after 30 March) and 5 working days after the dispute (31 March)
    expect(dispute.answerDueAt.toISOString()).toBe(new Date('2027-04-06T23:59:59.999+05:00').toISOString());

    t.clock.advance(60_000);
    const again = await t.http
      .put(verdict(p.partial.id))
      .set(p.bob.auth)
      .send({ verdict: 'disputed', reason: `${reason} Again.` })
      .expect(200);
    expect(again.body.disputeRemarkId).toBe(disputeId);
    expect(await t.db.getRepository(Remark).countBy({ planId: p.planId, stage: 2 })).toBe(1);
    expect(await t.db.getRepository(CommitmentVerdict).countBy({ remarkId: p.partial.id })).toBe(2);

    const record = await t.http.get(`/api/v1/plans/${p.planId}`).expect(200);
    expect(record.body.commitments[0].authorVerdict).toMatchObject({ verdict: 'confirmed', reason: null });
    expect(record.body.commitments[1].authorVerdict).toMatchObject({
      verdict: 'disputed',
      reason: `${reason} Again.`,
      disputeRemarkId: disputeId,
    });
    const stage2 = await t.http.get(`/api/v1/plans/${p.planId}/remarks?stage=2`).expect(200);
    expect(stage2.body.items).toMatchObject([{ id: disputeId, stage: 2, body: reason, answer: null }]);

    await t.flushMail();
    t.smtp.messages.length = 0;
    await t.http
      .post(`/api/v1/remarks/${disputeId}/answer`)
      .set(w.organizer.auth)
      .send({
        body: { en: 'Section 2 lists the works; the lots are in section 5.', kk: '2-бөлімде жұмыстар, 5-бөлімде лоттар көрсетілген.' },
        disposition: 'explained',
      })
      .expect(201);
    await t.flushMail();
    expect(t.smtp.to(p.bob.user.email)).toHaveLength(1);
    expect(t.smtp.to(p.bob.user.email)[0].text).toContain('the lots are in section 5');
  });

  it('closes the verdict after stage 2 and 5 working days from the latest version; a new version opens it again', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    await notice(p, { commitments: fullCommitments(p) }).expect(200);
    const verdict = `/api/v1/remarks/${p.accepted.id}/commitment-verdict`;
    // stage 2 ended 30 March; the version's own 5 working days ended 26 March
    t.clock.set(new Date('2027-03-31T09:00:00+05:00'));
    const closed = await t.http.put(verdict).set(p.alice.auth).set('Accept-Language', 'en').send({ verdict: 'confirmed' }).expect(409);
    expect(closed.body.error.code).toBe('WINDOW_CLOSED');
    expect(closed.body.error.message).toContain('2027-03-30 23:59');

    await t.http
      .post(`/api/v1/plans/${p.planId}/commitments`)
      .set(w.organizer.auth)
      .send({ commitments: [{ ...fullCommitments(p)[0], location: 'Section 4.3' }] })
      .expect(201);
    await t.http.put(verdict).set(p.alice.auth).send({ verdict: 'confirmed', reason: 'Section 4.3 has it now.' }).expect(200);
    // 5 working days after 31 March: 1, 2, 5, 6, 7 April
    t.clock.set(new Date('2027-04-08T00:00:01+05:00'));
    expect((await t.http.put(verdict).set(p.alice.auth).send({ verdict: 'confirmed' }).expect(409)).body.error.code).toBe('WINDOW_CLOSED');
  });
});
