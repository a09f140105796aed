import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import { remarkPageSql } from '../../src/remarks/remarks.repository';
import { explainGeneric } from '../support/generic-plan';
import { publishedPlan } from './published-plan';

/**
 * The remark list must cost the same on a plan with 100,000 remarks at any depth: the keyset query
 * walks remarks_plan_page_idx / remarks_plan_stage_page_idx and stops after limit + 1 rows, both as
 * planned for its values and in the generic plan PostgreSQL keeps for the named statement.
 */
describe('remarks listing at scale', () => {
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const org = await createOrganization(t.db, council);
    const organizer = await createUser(t, 'organizer', { organizationId: org.id });
    const citizen = await createUser(t, 'citizen');
    planId = (await publishedPlan(t, org.id, organizer.user.id)).id;
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at)
       SELECT $1, 1 + (g % 2), $2, 'remark ' || g, (ARRAY['kk', 'ru', 'en'])[1 + g % 3], timestamptz '2027-03-01 06:00:00+00' + g * interval '10 ms', md5(g::text), timestamptz '2027-04-01 00:00:00+00'
       FROM generate_series(1, 100000) g`,
      [planId, citizen.user.id],
    );
    // and 300,000 remarks of three other plans, at the same times: on the service a plan holds a
    // fraction of all remarks (alone in the table, any index in time order would do as well)
    const others = [];
    for (let i = 0; i < 3; i++) others.push((await publishedPlan(t, org.id, organizer.user.id)).id);
    await t.db.query(
      `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at)
       SELECT ($1::uuid[])[1 + g % 3], 1, $2, 'other ' || g, 'ru', timestamptz '2027-03-01 06:00:00+00' + (g / 3) * interval '10 ms', md5('o' || g), timestamptz '2027-04-01 00:00:00+00'
       FROM generate_series(1, 300000) g`,
      [others, citizen.user.id],
    );
    await t.db.query(`ANALYZE remarks`);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function explain(stage: 1 | 2 | null, cursor: { t: string; id: string } | null, generic: boolean): Promise<string> {
    const { statement, params } = remarkPageSql(planId, stage, cursor, 20);
    expect(statement.name).toMatch(/^remark_page_/);
    if (generic) return explainGeneric(t.db, statement.text, params);
    const rows: { 'QUERY PLAN': string }[] = await t.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  it.each([
    ['first page', null, null, false],
    ['deep page', null, 'deep', false],
    ['first page of stage 2', 2, null, false],
    ['deep page of stage 2', 2, 'deep', false],
    ['first page (generic plan)', null, null, true],
    ['deep page (generic plan)', null, 'deep', true],
    ['first page of stage 2 (generic plan)', 2, null, true],
    ['deep page of stage 2 (generic plan)', 2, 'deep', true],
  ] as const)('uses the keyset index for the %s', async (_name, stage, depth, generic) => {
    let cursor: { t: string; id: string } | null = null;
    if (depth) {
      const [row] = await t.db.query(`SELECT created_at, id FROM remarks WHERE plan_id = $1 ORDER BY created_at, id OFFSET 99000 LIMIT 1`, [
        planId,
      ]);
      cursor = { t: new Date(row.created_at).toISOString(), id: row.id };
    }
    const plan = await explain(stage, cursor, generic);
    if (process.env.SHOW_PLANS) console.log(plan);
    expect(plan).not.toMatch(/Seq Scan on remarks|Sort\b/);
    if (!generic) {
      expect(plan).toMatch(stage ? /Index Scan using remarks_plan_stage_page_idx/ : /Index Scan using remarks_plan_page_idx/);
      const scanned = /Index Scan using remarks_plan\w*_page_idx on remarks r\s+\(cost=[^)]*\) \(actual time=[^ ]+ rows=(\d+)/.exec(plan);
      expect(Number(scanned![1])).toBeLessThanOrEqual(21);
    } else {
      // Here, with 4 plans of interleaved remarks, the generic plan may read remarks_created_idx from the
      // cursor and filter the other plans' remarks out (it cannot know the plan's share): still an index
      // walk that stops after limit + 1 rows of the plan. On the full-size bench database (10,000 plans)
      // it reads the plan's own index, as the custom plan does.
      expect(plan).toMatch(/Index Scan using remarks_(plan_page|plan_stage_page|created)_idx on remarks r/);
      const removed = /Rows Removed by Filter: (\d+)/.exec(plan);
      expect(Number(removed?.[1] ?? 0)).toBeLessThanOrEqual(500);
    }
  });

  it('answers a deep page over HTTP quickly', async () => {
    let cursor: string | null = null;
    const res1 = await t.http.get(`/api/v1/plans/${planId}/remarks`).query({ limit: 100 }).expect(200);
    cursor = res1.body.nextCursor;
    const started = Date.now();
    const res = await t.http.get(`/api/v1/plans/${planId}/remarks`).query({ limit: 100, cursor }).expect(200);
    expect(res.body.items).toHaveLength(100);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
