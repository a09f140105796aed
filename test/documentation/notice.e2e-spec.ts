import { PlanSubscription } from '../../src/plans/plan-subscription.entity';
import { Plan } from '../../src/plans/plan.entity';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { createPlan, createRemark, createWorld, sha256 } from '../reviews/fixtures';

const DOCS = [
  { title: 'Техническая спецификация', url: 'https://goszakup.gov.kz/docs/spec.pdf', sha256: sha256('spec') },
  { title: 'Проект договора', url: 'https://goszakup.gov.kz/docs/contract.pdf', sha256: sha256('contract').toUpperCase() },
];

describe('stage 2: procurement notice', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // Thursday 18 March 2027, just before the Nauryz days off (20 Saturday, 21-23 Nauryz, 24 substitute day).
    t = await startTestApp({ now: '2027-03-18T10:00:00+05:00' });
    w = await createWorld(t, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the notice before the protocol (409 PROTOCOL_NOT_PUBLISHED) and from other organizers (403)', async () => {
    const plan = await createPlan(t, w, {}, false);
    const res = await t.http
      .post(`/api/v1/plans/${plan.id}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS })
      .expect(409);
    expect(res.body.error.code).toBe('PROTOCOL_NOT_PUBLISHED');
    const other = await createWorld(t, 0);
    const withProtocol = await createPlan(t, w, { protocolPublishedAt: new Date('2027-03-01T12:00:00+05:00') });
    expect(
      (
        await t.http
          .post(`/api/v1/plans/${withProtocol.id}/notice`)
          .set(other.organizer.auth)
          .send({ noticeNumber: 'N-1', documents: DOCS })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await t.http
          .post(`/api/v1/plans/${withProtocol.id}/notice`)
          .set(w.members[0].auth)
          .send({ noticeNumber: 'N-1', documents: DOCS })
          .expect(403)
      ).body.error.code,
    ).toBe('FORBIDDEN');
    await t.http.get(`/api/v1/plans/${withProtocol.id}/notice`).expect(404);
  });

  it('validates documents: https only, 64-hex checksums, 1..50 documents', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-03-01T12:00:00+05:00') });
    const url = `/api/v1/plans/${plan.id}/notice`;
    for (const documents of [
      [],
      [{ ...DOCS[0], url: 'http://example.kz/a.pdf' }],
      [{ ...DOCS[0], sha256: 'abc' }],
      Array.from({ length: 51 }, () => DOCS[0]),
      [{ title: 'x' }],
    ]) {
      const res = await t.http.post(url).set(w.organizer.auth).send({ noticeNumber: 'N-1', documents }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('opens stage 2 for exactly 5 working days counted from the next day, skipping Nauryz; e-mails stage-1 participants and followers once; NOTICE_EXISTS after', async () => {
    const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-03-01T12:00:00+05:00') });
    const author = await createUser(t, 'citizen');
    const follower = await createUser(t, 'citizen');
    const bystander = await createUser(t, 'citizen');
    await createRemark(t, plan.id, author.user.id, { body: 'Too expensive' });
    await createRemark(t, plan.id, author.user.id, { body: 'And too slow' });
    await t.db.getRepository(PlanSubscription).save([
      { planId: plan.id, userId: follower.user.id, kind: 'follow' },
      { planId: plan.id, userId: author.user.id, kind: 'follow' },
    ]);
    t.smtp.messages.length = 0;

    const res = await t.http
      .post(`/api/v1/plans/${plan.id}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: '12345678-ОК1', documents: DOCS })
      .expect(200);
    // Working days after Thursday 18 March: Fri 19, (Sat 20, Nauryz 21-23, substitute 24), Thu 25, Fri 26, Mon 29, Tue 30.
    expect(res.body.opensAt).toBe(new Date('2027-03-18T10:00:00+05:00').toISOString());
    expect(res.body.closesAt).toBe(new Date('2027-03-30T23:59:59.999+05:00').toISOString());
    expect(res.body.notice).toMatchObject({ version: 1, noticeNumber: '12345678-ОК1' });
    expect(res.body.notice.documents[1].sha256).toBe(sha256('contract'));

    const stored = await t.db.getRepository(Plan).findOneByOrFail({ id: plan.id });
    expect(stored.noticePublishedAt?.toISOString()).toBe(res.body.opensAt);
    expect(stored.stage2OpensAt?.toISOString()).toBe(res.body.opensAt);
    expect(stored.stage2ClosesAt?.toISOString()).toBe(res.body.closesAt);

    const again = await t.http
      .post(`/api/v1/plans/${plan.id}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-2', documents: DOCS })
      .expect(409);
    expect(again.body.error.code).toBe('NOTICE_EXISTS');

    const view = await t.http.get(`/api/v1/plans/${plan.id}/notice`).expect(200);
    expect(view.body).toMatchObject({ noticeNumber: '12345678-ОК1', stage2: { opensAt: res.body.opensAt, closesAt: res.body.closesAt } });
    expect(view.body.documents).toHaveLength(2);

    await t.flushMail();
    expect(t.smtp.to(author.user.email)).toHaveLength(1);
    expect(t.smtp.to(follower.user.email)).toHaveLength(1);
    expect(t.smtp.to(bystander.user.email)).toHaveLength(0);
    expect(t.smtp.to(author.user.email)[0].subject).toContain('Stage 2 is open');
    expect(t.smtp.to(author.user.email)[0].text).toContain('2027-03-30');
    // news of the plan: one-click unsubscribe (RFC 8058, issue 17)
    for (const who of [author, follower])
      expect(t.smtp.to(who.user.email)[0].headerLines.map((h) => h.key)).toEqual(
        expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']),
      );
  });
});
