import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SettledPlanDeadlineSweeps1797000000000 } from '../../migrations/1797000000000-SettledPlanDeadlineSweeps';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/entities';
import { createEmptyDatabase, dropTestDatabase } from '../support/test-db';

const SWEPT_AT = '2027-03-20T04:00:00.000Z';
const LOADED_AT = '2027-03-10T04:00:00.000Z';

type PlanRow = { id: string; stage1_closed_swept_at: Date | null; stage2_closed_swept_at: Date | null };

/**
 * Migration 1797000000000 on the markers the sweep wrote before it: it settles them into the plans'
 * own columns (out of the claims' partial indexes).
 */
describe('migration SettledPlanDeadlineSweeps on markers of the previous version', () => {
  let url: string;
  let db: DataSource;
  const plans = { marked: '', both: '', loaded: '', unswept: '' };

  const plan = async (id: string) =>
    (await db.query<PlanRow[]>(`SELECT id, stage1_closed_swept_at, stage2_closed_swept_at FROM plans WHERE id = $1`, [id]))[0];

  async function fillPreviousVersion(old: DataSource): Promise<void> {
    const [{ id: orgId, user_id: userId }] = await old.query(
      `WITH c AS (INSERT INTO councils (name) VALUES ('{"kk":null,"ru":"Совет","en":null}') RETURNING id),
            o AS (INSERT INTO organizations (bin, council_id, name, address)
                  SELECT '123456789012', id, '{"kk":null,"ru":"Акимат","en":null}', '{"kk":null,"ru":"Алматы","en":null}' FROM c RETURNING id),
            u AS (INSERT INTO users (email, email_key, password_hash, display_name, role, organization_id)
                  SELECT 'org@example.test', 'org@example.test', 'x', 'Организатор', 'organizer', id FROM o RETURNING id, organization_id)
       SELECT organization_id AS id, id AS user_id FROM u`,
    );
    for (const key of Object.keys(plans) as (keyof typeof plans)[]) {
      const [{ id }] = await old.query(
        `INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, published_at,
                            stage1_closes_at, stage1_close_date, hearing_deadline_date, stage2_closes_at)
         VALUES ($1, $2, jsonb_build_object('kk', null, 'ru', $3::text, 'en', null), '{"kk":null,"ru":"Описание","en":null}', '051010',
                 1000, 'open_tender', timestamptz '2027-02-01T10:00:00+05:00', timestamptz '2027-02-20T23:59:59+05:00',
                 date '2027-02-20', date '2027-03-04', timestamptz '2027-03-15T23:59:59+05:00')
         RETURNING id`,
        [orgId, userId, key],
      );
      plans[key] = id;
    }
    await old.query(
      `INSERT INTO plan_deadline_sweeps (plan_id, deadline, swept_at) VALUES
         ($1, 'stage1_closed', $4), ($2, 'stage1_closed', $4), ($2, 'stage2_closed', $4), ($3, 'stage2_closed', $4)`,
      [plans.marked, plans.both, plans.loaded, SWEPT_AT],
    );
    await old.query(`UPDATE plans SET stage1_closed_swept_at = $2 WHERE id = $1`, [plans.loaded, LOADED_AT]);
  }

  beforeAll(async () => {
    url = await createEmptyDatabase();
    const previous = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SettledPlanDeadlineSweeps1797000000000));
    const old = new DataSource(dataSourceOptions(url, { migrations: previous, extra: { max: 2 } }));
    await old.initialize();
    try {
      await old.runMigrations({ transaction: 'each' });
      await fillPreviousVersion(old);
    } finally {
      await old.destroy();
    }
    db = new DataSource(dataSourceOptions(url, { entities: ENTITIES, logging: false, extra: { max: 2 } }));
    await db.initialize();
    const applied = await db.runMigrations({ transaction: 'each' });
    // this migration first, then any added after it
    expect(applied[0].name).toBe('SettledPlanDeadlineSweeps1797000000000');
  });

  afterAll(async () => {
    await db?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('copies each marker into its plan’s column, keeps columns already set, and leaves unswept plans in the claims’ indexes', async () => {
    expect(await plan(plans.marked)).toEqual({
      id: plans.marked,
      stage1_closed_swept_at: new Date(SWEPT_AT),
      stage2_closed_swept_at: null,
    });
    expect(await plan(plans.both)).toEqual({
      id: plans.both,
      stage1_closed_swept_at: new Date(SWEPT_AT),
      stage2_closed_swept_at: new Date(SWEPT_AT),
    });
    expect(await plan(plans.loaded)).toEqual({
      id: plans.loaded,
      stage1_closed_swept_at: new Date(LOADED_AT),
      stage2_closed_swept_at: new Date(SWEPT_AT),
    });
    expect(await plan(plans.unswept)).toEqual({ id: plans.unswept, stage1_closed_swept_at: null, stage2_closed_swept_at: null });
  });

  it('down() keeps the settled columns, which the claims count as swept; up() again changes nothing', async () => {
    // undone with the migrations added after it
    for (let i = MIGRATIONS.indexOf(SettledPlanDeadlineSweeps1797000000000); i < MIGRATIONS.length; i++)
      await db.undoLastMigration({ transaction: 'each' });
    expect((await plan(plans.marked)).stage1_closed_swept_at).toEqual(new Date(SWEPT_AT));
    const applied = await db.runMigrations({ transaction: 'each' });
    // this migration first, then any added after it
    expect(applied[0].name).toBe('SettledPlanDeadlineSweeps1797000000000');
    expect((await plan(plans.marked)).stage1_closed_swept_at).toEqual(new Date(SWEPT_AT));
  });
});
