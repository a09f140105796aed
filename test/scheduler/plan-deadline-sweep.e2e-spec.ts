import { OutboxService } from '../../src/notifications/outbox.service';
import { CLAIM_STAGE1_SQL, SWEEP_START } from '../../src/scheduler/sweep.repository';
import { SweepService } from '../../src/scheduler/sweep.service';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const NOW = '2027-03-30T09:00:00+05:00';

/**
 * The sweep of many plans past the stage-1 deadline at once (issue 18): the claim is a marker row in
 * plan_deadline_sweeps, so the guarantees are checked on that table and the outbox.
 */
describe('sweep: many plans past the stage-1 deadline, two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let staff: CreatedUser[];
  let orgId: string;

  /** `n` published plans whose stage 1 closed at the same instant (to the microsecond), one remark each. */
  async function plansPastStage1(n: number, label: string, closesAt = `timestamptz '${NOW}' - interval '1 hour 0.000123 seconds'`) {
    const rows: { id: string }[] = await a.db.query(
      `INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, published_at, stage1_closes_at,
                          stage1_close_date, hearing_deadline_date)
       SELECT $1, $2, jsonb_build_object('kk', null, 'ru', $3 || ' ' || g, 'en', null), jsonb_build_object('kk', null, 'ru', 'Описание', 'en', null),
              '051010', 1000, 'open_tender', timestamptz '${NOW}' - interval '30 days', ${closesAt}, date '2027-03-29', date '2027-04-08'
       FROM generate_series(1, $4) g RETURNING id`,
      [orgId, staff[0].user.id, label, n],
    );
    return rows.map((r) => r.id);
  }

  const markers = async (ids: string[]) =>
    (
      await a.db.query(
        `SELECT count(*)::int AS n FROM plan_deadline_sweeps WHERE deadline = 'stage1_closed' AND plan_id = ANY($1::uuid[])`,
        [ids],
      )
    )[0].n as number;

  const emails = async (ids: string[]) =>
    (
      await a.db.query(
        `SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM outbox_messages
         WHERE kind = 'stage1_closed' AND split_part(dedupe_key, ':', 2) = ANY($1::text[])`,
        [ids],
      )
    )[0] as { n: number; keys: number };

  /** Of these plans, how many the claims' partial index still holds (swept or not: the claim walks them all). */
  const inClaimIndex = async (ids: string[]) =>
    (
      await a.db.query(
        `SELECT count(*)::int AS n FROM plans WHERE stage1_closed_swept_at IS NULL AND stage1_closes_at IS NOT NULL AND id = ANY($1::uuid[])`,
        [ids],
      )
    )[0].n as number;

  /** Of these plans, how many carry their marker's time in their own column. */
  const settledFromMarker = async (ids: string[]) =>
    (
      await a.db.query(
        `SELECT count(*)::int AS n FROM plans p JOIN plan_deadline_sweeps s ON s.plan_id = p.id AND s.deadline = 'stage1_closed'
         WHERE p.id = ANY($1::uuid[]) AND p.stage1_closed_swept_at = s.swept_at`,
        [ids],
      )
    )[0].n as number;

  /** Swept plans whose marker is not yet settled, in the whole database. */
  const unsettled = async () =>
    (
      await a.db.query(
        `SELECT count(*)::int AS n FROM plans p JOIN plan_deadline_sweeps s ON s.plan_id = p.id AND s.deadline = 'stage1_closed'
         WHERE p.stage1_closed_swept_at IS NULL`,
      )
    )[0].n as number;

  /**
   * How many plan rows a pass's first claim reads to find its candidates, whatever the plan's shape:
   * EXPLAIN ANALYZE of the claim itself (rolled back), the rows of plans its "due" part scanned.
   */
  async function claimReads(): Promise<number> {
    await a.db.query('ANALYZE plans');
    const runner = a.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_STAGE1_SQL}`, [
        new Date(NOW),
        SWEEP_START.closesAt,
        SWEEP_START.id,
        1000,
      ]);
      const due = find(row['QUERY PLAN'][0].Plan as PlanNode, (n) => n['Subplan Name'] === 'CTE due');
      return plansRead(due!);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  beforeAll(async () => {
    a = await startTestApp({ now: NOW });
    b = await startTestApp({ now: NOW, databaseUrl: a.config.databaseUrl!, env: { SMTP_URL: a.smtp.url } });
    const org = await createOrganization(a.db, await createCouncil(a.db));
    orgId = org.id;
    staff = [
      await createUser(a, 'organizer', { organizationId: org.id, locale: 'ru' }),
      await createUser(a, 'organizer', { organizationId: org.id, locale: 'kk' }),
    ];
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('claims each of 2,500 plans once across two instances and queues each organizer e-mail once, the plan rows untouched', async () => {
    const ids = await plansPastStage1(2500, 'Закуп');
    const [first, second] = await Promise.all([a.app.get(SweepService).runOnce(), b.app.get(SweepService).runOnce()]);
    expect(first.stage1Closed + second.stage1Closed).toBe(2500);
    expect(await markers(ids)).toBe(2500);
    expect(await emails(ids)).toEqual({ n: 5000, keys: 5000 });
    const [{ written }] = await a.db.query(
      `SELECT count(*)::int AS written FROM plans WHERE id = ANY($1::uuid[]) AND stage1_closed_swept_at IS NOT NULL`,
      [ids],
    );
    expect(written).toBe(0);

    const again = await Promise.all([a.app.get(SweepService).runOnce(), b.app.get(SweepService).runOnce()]);
    expect(again.map((r) => r.stage1Closed)).toEqual([0, 0]);
    expect(await emails(ids)).toEqual({ n: 5000, keys: 5000 });
  });

  it('leaves alone plans whose stage 1 has not closed and plans loaded as already swept', async () => {
    const open = await plansPastStage1(3, 'Открыт', `timestamptz '${NOW}' + interval '1 day'`);
    const loadedSwept = await plansPastStage1(3, 'Уже', `timestamptz '${NOW}' - interval '2 days'`);
    await a.db.query(`UPDATE plans SET stage1_closed_swept_at = stage1_closes_at WHERE id = ANY($1::uuid[])`, [loadedSwept]);
    expect((await a.app.get(SweepService).runOnce()).stage1Closed).toBe(0);
    expect(await markers([...open, ...loadedSwept])).toBe(0);
    expect(await emails([...open, ...loadedSwept])).toEqual({ n: 0, keys: 0 });
  });

  it('marks nothing when queueing the e-mails fails, and the next pass sends them', async () => {
    const ids = await plansPastStage1(5, 'Сбой');
    const outbox = a.app.get(OutboxService);
    const enqueue = jest.spyOn(outbox, 'enqueue').mockRejectedValueOnce(new Error('the database went away'));
    try {
      await expect(a.app.get(SweepService).runOnce()).rejects.toThrow('the database went away');
    } finally {
      enqueue.mockRestore();
    }
    expect(await markers(ids)).toBe(0);
    expect(await emails(ids)).toEqual({ n: 0, keys: 0 });

    expect((await a.app.get(SweepService).runOnce()).stage1Closed).toBe(5);
    expect(await markers(ids)).toBe(5);
    expect(await emails(ids)).toEqual({ n: 10, keys: 10 });
  });

  it('settles swept plans into their own column in batches, so the next claim reads none of them and sends nothing again', async () => {
    const ids = await plansPastStage1(1200, 'Итог');
    expect((await a.app.get(SweepService).runOnce()).stage1Closed).toBe(1200);
    expect(await inClaimIndex(ids)).toBe(1200);
    expect(await claimReads()).toBeGreaterThanOrEqual(1200);

    const pending = await unsettled();
    const first = await a.app.get(SweepService).settle(1);
    expect(first).toBe(500); // one statement of 500 per deadline
    expect(first + (await a.app.get(SweepService).settle())).toBe(pending);
    expect(await unsettled()).toBe(0);
    expect(await inClaimIndex(ids)).toBe(0);
    expect(await settledFromMarker(ids)).toBe(1200);
    expect(await claimReads()).toBe(0);

    expect((await a.app.get(SweepService).runOnce()).stage1Closed).toBe(0);
    expect(await a.app.get(SweepService).settle()).toBe(0);
    expect(await emails(ids)).toEqual({ n: 2400, keys: 2400 });
  });

  it('settles past plans another transaction holds, and those later on the next call once they are free', async () => {
    const ids = await plansPastStage1(1200, 'Занят');
    expect((await a.app.get(SweepService).runOnce()).stage1Closed).toBe(1200);
    const held = ids.slice(0, 100);
    const runner = a.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM plans WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE`, [held]);
      // The batches that meet held plans settle fewer than 500; the run goes on past them.
      expect(await a.app.get(SweepService).settle()).toBe(1100);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await inClaimIndex(ids)).toBe(100);
    expect(await a.app.get(SweepService).settle()).toBe(100);
    expect(await settledFromMarker(ids)).toBe(1200);
  });

  it('two instances sweeping and settling at the same time claim, e-mail and settle each plan once', async () => {
    const sweeps = [a.app.get(SweepService), b.app.get(SweepService)];
    const pending = await unsettled();
    const ids: string[] = [];
    let claimed = 0;
    let settled = 0;
    for (let round = 0; round < 3; round++) {
      ids.push(...(await plansPastStage1(1100, `Раунд ${round}`, `timestamptz '${NOW}' - interval '${3 - round} minutes'`)));
      await Promise.all([
        sweeps[0]
          .runOnce()
          .then((r) => (claimed += r.stage1Closed))
          .then(() => sweeps[0].settle())
          .then((n) => (settled += n)),
        sweeps[1]
          .settle()
          .then((n) => (settled += n))
          .then(() => sweeps[1].runOnce())
          .then((r) => (claimed += r.stage1Closed)),
      ]);
    }
    const last = await Promise.all(sweeps.map((s) => s.settle()));
    settled += last[0] + last[1];

    expect(claimed).toBe(3300);
    expect(settled).toBe(pending + 3300);
    expect(await markers(ids)).toBe(3300);
    expect(await emails(ids)).toEqual({ n: 6600, keys: 6600 });
    expect(await settledFromMarker(ids)).toBe(3300);
    expect(await inClaimIndex(ids)).toBe(0);
    expect((await Promise.all(sweeps.map((s) => s.runOnce()))).map((r) => r.stage1Closed)).toEqual([0, 0]);
  });
});

interface PlanNode {
  'Relation Name'?: string;
  'Subplan Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

function find(node: PlanNode, match: (n: PlanNode) => boolean): PlanNode | undefined {
  if (match(node)) return node;
  for (const child of node.Plans ?? []) {
    const found = find(child, match);
    if (found) return found;
  }
  return undefined;
}

/** Rows of plans read by the scans under this node: those they returned and those their filters removed. */
function plansRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'plans'
      ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + plansRead(child), 0);
}
