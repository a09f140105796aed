import { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { createWorld } from '../reviews/fixtures';
import { DOCS, fullCommitments, planWithCommitments } from './fixtures';

describe('commitments on the plan page and in the report', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-18T10:00:00+05:00' });
    w = await createWorld(t, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  const cookie = (u: CreatedUser) => `session=${u.token}`;
  const page = (path: string, u?: CreatedUser, lang = 'en') => {
    const r = t.http.get(path).set('accept-language', lang);
    return u ? r.set('cookie', cookie(u)) : r;
  };
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];
  async function post(path: string, u: CreatedUser, form: Record<string, string>, lang = 'en') {
    const token = csrfOf((await page('/account', u)).text);
    return t.http
      .post(path)
      .set('cookie', cookie(u))
      .set('accept-language', lang)
      .type('form')
      .send({ ...form, _csrf: token });
  }

  it('shows each commitment with status, document and place, explanation and verdict; the author confirms or disputes by the form', async () => {
    const p = await planWithCommitments(t, w);
    await t.http
      .post(`/api/v1/plans/${p.planId}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS, commitments: fullCommitments(p) })
      .expect(200);

    const anon = await page(`/plans/${p.planId}`);
    expect(anon.text).toContain('<h2 id="commitments">Commitments</h2>');
    expect(anon.text).toContain('Section 4.2');
    expect(anon.text).toContain(DOCS[0].title);
    expect(anon.text).toContain('The lots could not be split: one contractor is responsible for safety.');
    expect(anon.text).toContain('The author has not confirmed or disputed it.');
    expect(anon.text).not.toContain('/commitments/');

    const asBob = await page(`/plans/${p.planId}`, p.bob);
    expect(asBob.text).toContain(`action="/plans/${p.planId}/commitments/${p.partial.id}/verdict"`);
    expect(asBob.text).not.toContain(`action="/plans/${p.planId}/commitments/${p.accepted.id}/verdict"`);
    const kk = await page(`/plans/${p.planId}`, p.bob, 'kk');
    expect(kk.text).toContain('Міндеттемелер');
    expect(kk.text).toContain('Растаймын: құжаттама ескертпемді ескерген');

    const empty = await post(`/plans/${p.planId}/commitments/${p.partial.id}/verdict`, p.bob, { verdict: 'disputed', reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(`id="reason-${p.partial.id}-error">A dispute needs a reason of 10 to 2000 characters.`);
    const notMine = await post(`/plans/${p.planId}/commitments/${p.partial.id}/verdict`, p.alice, { verdict: 'confirmed', reason: '' });
    expect(notMine.status).toBe(403);
    expect(notMine.text).toContain('Only the author of the remark can do this.');

    const elsewhere = await post(`/plans/00000000-0000-4000-8000-000000000000/commitments/${p.partial.id}/verdict`, p.bob, {
      verdict: 'confirmed',
      reason: '',
    });
    expect(elsewhere.status).toBe(404); // the remark belongs to another plan than the URL names: nothing recorded
    expect(await t.db.query('SELECT count(*)::int AS n FROM commitment_verdicts')).toEqual([{ n: 0 }]);

    const reason = 'The lots are one again in section 2 of the specification.';
    const disputed = await post(`/plans/${p.planId}/commitments/${p.partial.id}/verdict`, p.bob, { verdict: 'disputed', reason });
    expect(disputed.status).toBe(303);
    expect(disputed.headers.location).toBe(`/plans/${p.planId}?done=commitment#commitment-${p.partial.id}`);
    const after = await page(disputed.headers.location, p.bob);
    expect(after.text).toContain('Your verdict is published.');
    expect(after.text).toContain('disputed by the author');
    const dispute = await t.db.getRepository(Remark).findOneByOrFail({ disputesRemarkId: p.partial.id });
    expect(after.text).toContain(`href="/plans/${p.planId}#remark-${dispute.id}"`);
    expect(after.text).toContain(`id="remark-${dispute.id}"`);
    expect(after.text).toContain(
      `The author disputes a commitment made in the answer to <a href="#remark-${p.partial.id}">this stage 1 remark</a>`,
    );

    const report = await t.http.get(`/api/v1/plans/${p.planId}/report`).expect(200);
    expect(report.body.commitments).toMatchObject([
      { remarkId: p.accepted.id, status: 'implemented', document: DOCS[0].title, location: 'Section 4.2', version: 1, authorVerdict: null },
      {
        remarkId: p.partial.id,
        status: 'not_implemented',
        version: 1,
        authorVerdict: { verdict: 'disputed', reason, disputeRemarkId: dispute.id },
      },
    ]);
    expect(report.body.remarks.map((r: { id: string }) => r.id)).toContain(dispute.id);
  });

  it('shows nothing before the notice, and the author no form once the window closed', async () => {
    t.clock.set(new Date('2027-03-18T10:00:00+05:00'));
    const p = await planWithCommitments(t, w);
    expect((await page(`/plans/${p.planId}`)).text).not.toContain('id="commitments"');
    await t.http
      .post(`/api/v1/plans/${p.planId}/notice`)
      .set(w.organizer.auth)
      .send({ noticeNumber: 'N-1', documents: DOCS, commitments: fullCommitments(p) })
      .expect(200);
    t.clock.set(new Date('2027-04-01T10:00:00+05:00'));
    const late = await page(`/plans/${p.planId}`, p.bob);
    expect(late.text).toContain('id="commitments"');
    expect(late.text).not.toContain('/verdict"');
    const refused = await post(`/plans/${p.planId}/commitments/${p.partial.id}/verdict`, p.bob, { verdict: 'confirmed', reason: '' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('the time to confirm or dispute this commitment ended');
    const citizen = await createUser(t, 'citizen');
    expect((await page(`/plans/${p.planId}`, citizen)).text).not.toContain('/verdict"');
  });
});
