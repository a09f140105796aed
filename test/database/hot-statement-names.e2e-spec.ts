import { statementNames } from '../../src/database/statements';
import { PLAN_STATUSES } from '../../src/plans/plan-status';
import { createCouncil, createOrganization, createUser, type CreatedUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { publishedPlan } from '../remarks/published-plan';

const API = '/api/v1';

/**
 * Every connection prepares the hot statements under their names once: the names must not grow with
 * the values asked for (filters, search words, cursors, plans), or each connection would collect
 * statements without bound. The hot paths are run with every filter combination twice, for two
 * organizations, two plans and two search words: the second round adds no name.
 */
describe('names of the hot statements', () => {
  let t: TestApp;
  let citizen: CreatedUser;
  const organizers: CreatedUser[] = [];
  const plans: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    citizen = await createUser(t, 'citizen');
    for (let i = 0; i < 2; i++) {
      const org = await createOrganization(t.db, council);
      const organizer = await createUser(t, 'organizer', { organizationId: org.id });
      organizers.push(organizer);
      for (let j = 0; j < 3; j++) plans.push((await publishedPlan(t, org.id, organizer.user.id)).id);
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  async function json(path: string, auth: CreatedUser): Promise<{ nextCursor?: string | null }> {
    const res = await t.http.get(path).set(auth.auth).expect(200);
    return res.body as { nextCursor?: string | null };
  }

  /** The listing with every filter combination, a remark page of every kind, the plan page (API and HTML), the home page and a submission. */
  async function hotPaths(round: number): Promise<void> {
    const organizer = organizers[round];
    const planId = plans[round * 3];
    const word = round === 0 ? 'жөндеу' : 'ремонт';
    for (const status of [undefined, ...PLAN_STATUSES])
      for (const organizationId of [undefined, organizer.user.organizationId!])
        for (const q of [undefined, word]) {
          const query = new URLSearchParams({ limit: '1' });
          if (status) query.set('status', status);
          if (organizationId) query.set('organizationId', organizationId);
          if (q) query.set('q', q);
          const first = await json(`${API}/plans?${query.toString()}`, organizer);
          if (first.nextCursor) await json(`${API}/plans?${query.toString()}&cursor=${encodeURIComponent(first.nextCursor)}`, organizer);
        }

    for (let i = 0; i < 3; i++)
      await t.http
        .post(`${API}/plans/${planId}/remarks`)
        .set(citizen.auth)
        .set('Idempotency-Key', `round-${round}-${i}`)
        .send({ body: `Замечание ${round}-${i}: уточнить сроки поставки` })
        .expect(201);
    for (const stage of [undefined, '1', '2']) {
      const query = new URLSearchParams({ limit: '1' });
      if (stage) query.set('stage', stage);
      const first = await json(`${API}/plans/${planId}/remarks?${query.toString()}`, citizen);
      if (first.nextCursor)
        await json(`${API}/plans/${planId}/remarks?${query.toString()}&cursor=${encodeURIComponent(first.nextCursor)}`, citizen);
    }
    await json(`${API}/plans/${planId}`, citizen);

    const html = await t.http.get(`/plans/${planId}`).expect(200);
    const next = /[?&]cursor=([^"&]+)/.exec(html.text);
    if (next) await t.http.get(`/plans/${planId}?cursor=${next[1]}`).expect(200);
    await t.http.get('/').expect(200);
    await t.http.get(`/?q=${encodeURIComponent(word)}&org=${organizer.user.organizationId}`).expect(200);
  }

  it('stay the same few whatever the filters, words, cursors and plans', async () => {
    await hotPaths(0);
    const afterFirst = statementNames();
    await hotPaths(1);
    expect(statementNames()).toEqual(afterFirst);

    const family = (name: string) => afterFirst.filter((n) => new RegExp(`^${name}_[0-9a-f]{10}$`).test(n)).length;
    // no status or 6 statuses × cursor or not, organization × cursor or not, the drafts' 4 (planPageSql)
    expect(family('plan_page')).toBeLessThanOrEqual(20);
    expect(family('remark_page')).toBeLessThanOrEqual(4);
    expect(afterFirst).toEqual(
      expect.arrayContaining(['user_session', 'remark_submit_lookup', 'remark_insert', 'remark_page_answers', 'plan_visibility']),
    );
    expect(afterFirst.length).toBeLessThanOrEqual(64);

    // what a connection of the pool holds is a subset of those names
    const held: { name: string }[] = await t.db.query('SELECT name FROM pg_prepared_statements');
    expect(afterFirst).toEqual(expect.arrayContaining(held.map((r) => r.name)));
  }, 120_000);
});
