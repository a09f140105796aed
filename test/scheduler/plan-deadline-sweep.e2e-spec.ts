import { OutboxService } from '../../src/notifications/outbox.service';
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
});
