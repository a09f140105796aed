import { newestPlansSql, upcomingHearingsSql } from '../../src/open-data/feeds/feeds.repository';
import { HEARINGS_FEED_SIZE } from '../../src/open-data/feeds/hearings-calendar';
import { PLANS_FEED_SIZE } from '../../src/open-data/feeds/plans-feed';
import type { Organization } from '../../src/organizations/organization.entity';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

/**
 * The feeds' statements find their rows through indexes on a database of 20 000 plans (one in ten a
 * draft), each published plan with a hearing: the newest plans, one organization's newest plans, the
 * upcoming hearings. How the few rows found are joined to the rest is the planner's choice.
 */
describe('feeds: query plans', () => {
  let t: TestApp;
  let small: Organization;

  async function explain(sql: string, params: unknown[]): Promise<string> {
    const rows: { 'QUERY PLAN': string }[] = await t.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    if (process.env.SHOW_PLANS) console.log(plan);
    return plan;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const council = await createCouncil(t.db);
    const big = await createOrganization(t.db, council);
    small = await createOrganization(t.db, council, { name: 'Small akimat' });
    const author = await createUser(t, 'organizer', { organizationId: big.id });
    await t.db.query(
      `INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, published_at, stage1_closes_at)
       SELECT CASE WHEN g % 50 = 1 THEN $1 ELSE $2 END::uuid, $3, '{"ru": "План"}', '{"ru": "Описание"}', '1', 1000, 'open_tender',
              CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2026-01-01 00:00Z' + g * interval '1 minute' END,
              CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2026-01-21 00:00Z' + g * interval '1 minute' END
         FROM generate_series(1, 20000) g`,
      [small.id, big.id, author.user.id],
    );
    await t.db.query(
      `INSERT INTO hearings (plan_id, status, starts_at, ends_at, local_date, venue, ical_uid, sequence)
       SELECT id, CASE WHEN random() < 0.1 THEN 'cancelled' ELSE 'scheduled' END, published_at + interval '30 days',
              published_at + interval '30 days 2 hours', (published_at + interval '30 days')::date, '{"ru": "Зал"}', id::text || '@test', 0
         FROM plans WHERE published_at IS NOT NULL`,
    );
    await t.db.query('ANALYZE plans; ANALYZE hearings; ANALYZE organizations');
  });
  afterAll(async () => {
    await t.close();
  });

  it('the newest plans of everyone come backwards through plans_published_idx', async () => {
    const { sql, params } = newestPlansSql(null, PLANS_FEED_SIZE);
    const plan = await explain(sql, params);
    expect(plan).toMatch(/Index Scan Backward using plans_published_idx on plans p/);
    expect(plan).not.toMatch(/Seq Scan on plans/);
  });

  it("one organization's newest plans come in feed order through plans_org_published_idx, stopping at the feed's size", async () => {
    const { sql, params } = newestPlansSql(small.id, PLANS_FEED_SIZE);
    const plan = await explain(sql, params);
    // of the organization's 400 published plans only the feed's newest are read, and none is sorted
    expect(plan).toMatch(
      new RegExp(
        `Index Scan using plans_org_published_idx on plans p\\s+\\(cost=[^)]*\\) \\(actual time=[^ ]+ rows=${PLANS_FEED_SIZE}\\.00`,
      ),
    );
    expect(plan).not.toMatch(/Sort/);
    const rows: { id: string; published_at: Date }[] = await t.db.query(sql, params);
    const expected: { id: string }[] = await t.db.query(
      `SELECT id FROM plans WHERE organization_id = $1 AND published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT $2`,
      [small.id, PLANS_FEED_SIZE],
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it('the upcoming hearings (460 of 18 000) come through hearings_upcoming_idx', async () => {
    const { sql, params } = upcomingHearingsSql(t.db, new Date('2026-02-13T12:00:00Z'), null, HEARINGS_FEED_SIZE);
    const plan = await explain(sql, params);
    expect(plan).toMatch(/hearings_upcoming_idx/);
    expect(plan).not.toMatch(/Seq Scan on hearings/);
  });
});
