import type { Client } from 'pg';
import { log, scaled } from './common';
import {
  ANSWERS_KK,
  ANSWERS_RU,
  DESCRIPTION_KK,
  DESCRIPTION_RU,
  NAMES,
  PLACES,
  PLAN_SUBJECTS_KK,
  PLAN_SUBJECTS_RU,
  REMARKS_KK,
  REMARKS_RU,
} from './texts';

export interface SeedInfo {
  sizes: {
    organizations: number;
    staff: number;
    citizens: number;
    plans: number;
    remarks: number;
    answers: number;
    bigPlanRemarks: number;
  };
  seconds: number;
  bigPlanId: string;
  smallPlanId: string;
  /** Plans in their stage-1 window (remark submission goes to these). */
  openPlanIds: string[];
  /** Verified citizens who submit remarks under load. */
  loadCitizenIds: string[];
  organizationId: string;
}

/**
 * Drops the indexes and foreign keys of `tables` (as pg_get_indexdef / pg_get_constraintdef print
 * them), runs the bulk load, and builds them again: one sort per index instead of a million
 * inserts into each, and one join per foreign key instead of a trigger call per row.
 */
async function withoutIndexes(c: Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows: fks } = await c.query<{ name: string; tbl: string; def: string }>(
    `SELECT conname AS name, conrelid::regclass::text AS tbl, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`,
    [tables],
  );
  const { rows: indexes } = await c.query<{ name: string; tbl: string; def: string; con: string | null; condef: string | null }>(
    `SELECT ic.relname AS name, t.relname AS tbl, pg_get_indexdef(i.indexrelid) AS def, con.conname AS con, pg_get_constraintdef(con.oid) AS condef
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
     LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u') AND con.conrelid = i.indrelid
     WHERE t.relname = ANY($1)`,
    [tables],
  );
  for (const fk of fks) await c.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.name}"`);
  for (const ix of indexes) await c.query(ix.con ? `ALTER TABLE ${ix.tbl} DROP CONSTRAINT "${ix.con}"` : `DROP INDEX "${ix.name}"`);
  await load();
  for (const ix of indexes) await c.query(ix.con ? `ALTER TABLE ${ix.tbl} ADD CONSTRAINT "${ix.con}" ${ix.condef}` : ix.def);
  for (const fk of fks) await c.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
}

async function timed(c: Client, label: string, sql: string, params: unknown[] = []): Promise<number> {
  const started = Date.now();
  const result = await c.query(sql, params);
  log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.rowCount ?? 0;
}

/** Councils, organizations with two staff each, and citizens. */
async function seedPeople(c: Client, passwordHash: string, nCitizens: number): Promise<void> {
  await c.query(
    `INSERT INTO councils (name) SELECT jsonb_build_object('kk', 'Әкімдік жанындағы қоғамдық кеңес №' || g, 'ru', 'Общественный совет при акимате №' || g, 'en', null)
     FROM generate_series(1, 10) g`,
  );
  await timed(
    c,
    'organizations',
    `INSERT INTO organizations (name, bin, address, time_zone, council_id)
     SELECT jsonb_build_object(
              'kk', (ARRAY['Әкімдігі', 'Денсаулық сақтау басқармасы', 'Білім басқармасы', 'ТКШ бөлімі', 'Әкімдігі'])[1 + g % 5] || ' — ' || ($1::text[])[1 + g % 8] || ' №' || g,
              'ru', (ARRAY['Акимат', 'Управление здравоохранения', 'Управление образования', 'Отдел ЖКХ', 'Акимат'])[1 + g % 5] || ' — ' || ($1::text[])[1 + g % 8] || ' №' || g,
              'en', null),
            lpad((990000000000 + g)::text, 12, '0'),
            jsonb_build_object('kk', ($1::text[])[1 + g % 8] || ', Абай көшесі, ' || g, 'ru', ($1::text[])[1 + g % 8] || ', ул. Абая, ' || g, 'en', null), 'Asia/Almaty',
            (SELECT array_agg(id ORDER BY id) FROM councils)[1 + g % 10]
     FROM generate_series(1, 50) g`,
    [PLACES],
  );
  await timed(
    c,
    'organizer staff',
    `INSERT INTO users (email, email_key, password_hash, display_name, locale, role, organization_id, email_verified_at)
     SELECT 'staff' || s || '.org' || o.rn || '@gov.bench.kz', 'staff' || s || '.org' || o.rn || '@gov.bench.kz', $1, 'Сотрудник ' || o.rn || '-' || s,
            CASE s WHEN 1 THEN 'ru' ELSE 'kk' END, 'organizer', o.id, now() - interval '200 days'
     FROM (SELECT id, row_number() OVER (ORDER BY bin) AS rn FROM organizations) o CROSS JOIN generate_series(1, 2) s`,
    [passwordHash],
  );
  await timed(
    c,
    'citizens',
    `INSERT INTO users (email, email_key, password_hash, display_name, locale, role, email_verified_at, created_at)
     SELECT 'citizen' || g || '@example.kz', 'citizen' || g || '@example.kz', $1, ($2::text[])[1 + g % 10] || ' ' || g,
            CASE WHEN g % 5 < 3 THEN 'ru' ELSE 'kk' END, 'citizen', now() - interval '100 days', now() - interval '100 days'
     FROM generate_series(1, $3) g`,
    [passwordHash, NAMES, nCitizens],
  );
}

/**
 * Plans in every stage relative to now (bucket = g % 20): 30% stage 1 open, 20% awaiting the hearing,
 * 15% council review, 10% stage 2 open, 10% awaiting the outcome, 10% closed, 5% drafts. Every
 * deadline already passed is marked swept, so the service's own sweeps find nothing to do.
 */
async function seedPlans(c: Client, nPlans: number): Promise<void> {
  await timed(
    c,
    'plans',
    `WITH x AS (
       SELECT g, g % 20 AS b, random() AS r, (g % 5) < 3 AS ru,
              (SELECT array_agg(o.id ORDER BY o.bin) FROM organizations o) AS orgs
       FROM generate_series(1, $1) g
     ), y AS (
       SELECT x.*, orgs[1 + g % 50] AS org,
              now() - CASE WHEN b < 6 THEN interval '1 day' + r * interval '18 days'
                           WHEN b < 10 THEN interval '21 days' + r * interval '4 days'
                           WHEN b < 13 THEN interval '35 days' + r * interval '5 days'
                           WHEN b < 15 THEN interval '50 days' + r * interval '5 days'
                           WHEN b < 17 THEN interval '80 days' + r * interval '5 days'
                           ELSE interval '120 days' + r * interval '30 days' END AS pub
       FROM x
     )
     INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, planned_quarter, delivery_place,
                        created_at, updated_at, published_at, stage1_closes_at, stage1_close_date, hearing_deadline_date, stage1_closed_swept_at,
                        protocol_published_at, review_closes_at, notice_published_at, stage2_opens_at, stage2_closes_at, stage2_closed_swept_at, outcome_published_at)
     SELECT org, (SELECT id FROM users u WHERE u.organization_id = org ORDER BY email LIMIT 1),
            jsonb_build_object('kk', ($3::text[])[1 + g % 12] || ' (' || ($4::text[])[1 + g % 8] || ', лот ' || g || ')',
                               'ru', ($2::text[])[1 + g % 12] || ' (' || ($4::text[])[1 + g % 8] || ', лот ' || g || ')', 'en', null),
            jsonb_build_object('kk', $6::text, 'ru', $5::text, 'en', null), (10000000 + g * 37 % 9000000)::text || '.000.000000',
            (1000000 + floor(r * 900000000))::bigint,
            (ARRAY['open_tender', 'auction', 'price_offers', 'single_source', 'commodity_exchange', 'e_shop'])[1 + g % 6],
            '2027-Q' || (1 + g % 4), jsonb_build_object(CASE WHEN ($4::text[])[1 + g % 8] ~ '[әғқңөұүһі]' THEN 'kk' ELSE 'ru' END, ($4::text[])[1 + g % 8]),
            pub - interval '3 days', pub,
            CASE WHEN b < 19 THEN pub END,
            CASE WHEN b < 19 THEN pub + interval '20 days' END,
            CASE WHEN b < 19 THEN ((pub + interval '20 days') AT TIME ZONE 'Asia/Almaty')::date END,
            CASE WHEN b < 19 THEN ((pub + interval '20 days') AT TIME ZONE 'Asia/Almaty')::date + 10 END,
            CASE WHEN b BETWEEN 6 AND 18 THEN pub + interval '20 days' END,
            CASE WHEN b BETWEEN 10 AND 18 THEN pub + interval '28 days' END,
            CASE WHEN b = 10 OR b = 11 OR b = 12 THEN now() + interval '5 days' WHEN b BETWEEN 13 AND 18 THEN pub + interval '42 days' END,
            CASE WHEN b BETWEEN 13 AND 14 THEN now() - interval '2 days' WHEN b BETWEEN 15 AND 18 THEN pub + interval '45 days' END,
            CASE WHEN b BETWEEN 13 AND 14 THEN now() - interval '1 day' WHEN b BETWEEN 15 AND 18 THEN pub + interval '46 days' END,
            CASE WHEN b BETWEEN 13 AND 14 THEN now() + interval '5 days' WHEN b BETWEEN 15 AND 18 THEN pub + interval '53 days' END,
            CASE WHEN b BETWEEN 15 AND 18 THEN pub + interval '53 days' END,
            CASE WHEN b BETWEEN 17 AND 18 THEN pub + interval '70 days' END
     FROM y`,
    [nPlans, PLAN_SUBJECTS_RU, PLAN_SUBJECTS_KK, PLACES, DESCRIPTION_RU, DESCRIPTION_KK],
  );
  // Reviews past their period are closed (the review sweep would otherwise close them during the run).
  await timed(
    c,
    'review conclusions',
    `INSERT INTO review_conclusions (plan_id, council_id, closed_at, closed_by, members_count, positions_count, endorse_count,
                                     endorse_with_recommendations_count, object_count, result, quorum)
     SELECT p.id, o.council_id, p.review_closes_at, 'deadline', 0, 0, 0, 0, 0, 'no_positions', false
     FROM plans p JOIN organizations o ON o.id = p.organization_id WHERE p.review_closes_at < now()`,
  );
}

/** The two plans of the remark-page scenario: stage 1 open, published 10 days ago. */
async function pagePlans(c: Client): Promise<PagePlans> {
  const { rows: open } = await c.query<{ id: string }>(
    `SELECT id FROM plans WHERE published_at IS NOT NULL AND stage1_closes_at > now() + interval '2 days' ORDER BY id`,
  );
  const bigPlanId = open[0].id;
  const smallPlanId = open[1].id;
  await c.query(
    `UPDATE plans SET published_at = now() - interval '10 days', stage1_closes_at = now() + interval '10 days' WHERE id = ANY($1)`,
    [[bigPlanId, smallPlanId]],
  );
  return { bigPlanId, smallPlanId };
}

/**
 * Remarks: the big plan, the small plan (10), the rest spread over published plans with a skew
 * (a few plans draw most remarks). 20% of the remarks of plans in stage 2 or later are stage-2 ones.
 * Answers due later than the seed are dated half an hour before it (after their remark, an hour or
 * more old), not at the seed's instant: 120,000 answers of one instant would be the events of the
 * OCDS sync's look-back window (10 minutes) in the bench's first minutes, which no real minute has.
 * activity_at is the answer's instant, written here because the answers are loaded with their
 * trigger off (seedAnswersAndFollows).
 */
const remarkSql = (source: string) => `
  INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at, answered_at, overdue_swept_at, activity_at)
  SELECT plan_id, stage, author_id, body, CASE WHEN body ~ '[әғқңөұүһі]' THEN 'kk' ELSE 'ru' END, created_at,
         encode(sha256(convert_to(plan_id::text || E'\\n' || body, 'UTF8')), 'hex'),
         created_at + interval '21 days', answered_at,
         CASE WHEN answered_at IS NULL AND created_at + interval '21 days' < now() THEN created_at + interval '21 days' END,
         answered_at
  FROM (
    SELECT z.*, CASE WHEN ra < CASE WHEN z.closes < now() THEN 0.95 ELSE 0.5 END
                     THEN least(now() - interval '30 minutes', z.created_at + (0.1 + ra * 12) * interval '1 day') END AS answered_at
    FROM (
      SELECT y.plan_id, y.stage, y.author_id, y.ra, y.closes,
             CASE WHEN y.g % 5 < 3 THEN ($1::text[])[1 + y.g % 8] ELSE ($2::text[])[1 + y.g % 8] END || ' (№' || y.g || ')' AS body,
             CASE WHEN y.stage = 2 THEN y.s2o + y.rt * (least(now(), y.s2c) - y.s2o) ELSE y.pub + y.rt * (least(now() - interval '1 hour', y.closes) - y.pub) END AS created_at
      FROM (${source}) y
    ) z
  ) w`;

interface PagePlans {
  bigPlanId: string;
  smallPlanId: string;
}

async function seedRemarks(
  c: Client,
  { bigPlanId, smallPlanId }: PagePlans,
  { nCitizens, nRemarks, nBig }: Record<'nCitizens' | 'nRemarks' | 'nBig', number>,
): Promise<void> {
  await c.query(
    `CREATE TEMP TABLE bp AS SELECT row_number() OVER (ORDER BY id)::int AS i, id, published_at, stage1_closes_at, stage2_opens_at, stage2_closes_at
                 FROM plans WHERE published_at IS NOT NULL AND id <> ALL($1)`,
    [[bigPlanId, smallPlanId]],
  );
  await c.query(`CREATE TEMP TABLE bc AS SELECT row_number() OVER (ORDER BY id)::int AS i, id FROM users WHERE role = 'citizen'`);
  await c.query(`ALTER TABLE bp ADD PRIMARY KEY (i); ALTER TABLE bc ADD PRIMARY KEY (i); ANALYZE bp; ANALYZE bc`);
  const nPlansPublished = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM bp`)).rows[0].n;
  await timed(
    c,
    'remarks of the big plan',
    remarkSql(`SELECT g, p.id AS plan_id, 1 AS stage, bc.id AS author_id, g::float8 / ($4 + 1) AS rt, random() AS ra,
                      p.published_at AS pub, p.stage1_closes_at AS closes, NULL::timestamptz AS s2o, NULL::timestamptz AS s2c
               FROM generate_series(1, $4) g JOIN plans p ON p.id = $3 JOIN bc ON bc.i = 1 + (g * 7919) % $5`),
    [REMARKS_RU, REMARKS_KK, bigPlanId, nBig, nCitizens],
  );
  await timed(
    c,
    'remarks of the small plan',
    remarkSql(`SELECT g, p.id AS plan_id, 1 AS stage, bc.id AS author_id, g::float8 / ($4 + 1) AS rt, random() AS ra,
                      p.published_at AS pub, p.stage1_closes_at AS closes, NULL::timestamptz AS s2o, NULL::timestamptz AS s2c
               FROM generate_series(1, $4) g JOIN plans p ON p.id = $3 JOIN bc ON bc.i = 1 + (g * 7919) % $5`),
    [REMARKS_RU, REMARKS_KK, smallPlanId, 10, nCitizens],
  );
  await timed(
    c,
    'remarks of the other plans',
    remarkSql(`SELECT x.g, bp.id AS plan_id,
                      CASE WHEN bp.stage2_opens_at < now() AND x.rs < 0.2 THEN 2 ELSE 1 END AS stage,
                      bc.id AS author_id, x.rt, x.ra, bp.published_at AS pub, bp.stage1_closes_at AS closes,
                      bp.stage2_opens_at AS s2o, bp.stage2_closes_at AS s2c
               FROM (SELECT g, 1 + floor(power(random(), 2) * $3)::int AS pi, 1 + floor(random() * $4)::int AS ci,
                            random() AS rt, random() AS ra, random() AS rs
                     FROM generate_series(1, $5) g) x
               JOIN bp ON bp.i = x.pi JOIN bc ON bc.i = x.ci`),
    [REMARKS_RU, REMARKS_KK, nPlansPublished, nCitizens, nRemarks - nBig - 10],
  );
}

async function seedAnswersAndFollows(c: Client): Promise<void> {
  // each answer's trigger would update its remark by id, with remarks' primary key dropped for the load
  // (a scan of every remark per answer) and one dead row per answered remark: remarkSql set activity_at
  await c.query(`ALTER TABLE answers DISABLE TRIGGER answers_remark_activity`);
  try {
    await timed(
      c,
      'answers',
      `INSERT INTO answers (remark_id, version, body, disposition, author_id, published_at, late)
     SELECT r.id, 1, CASE WHEN r.language = 'kk' THEN jsonb_build_object('kk', ($2::text[])[1 + abs(hashtext(r.id::text)) % 4], 'ru', null, 'en', null)
                          ELSE jsonb_build_object('kk', null, 'ru', ($1::text[])[1 + abs(hashtext(r.id::text)) % 4], 'en', null) END,
            (ARRAY['accepted', 'partially_accepted', 'rejected', 'explained'])[1 + abs(hashtext(r.body_hash)) % 4],
            s.id, r.answered_at, r.answered_at > r.answer_due_at
     FROM remarks r JOIN plans p ON p.id = r.plan_id
     JOIN (SELECT DISTINCT ON (organization_id) organization_id, id FROM users WHERE role = 'organizer' ORDER BY organization_id, email) s
       ON s.organization_id = p.organization_id
     WHERE r.answered_at IS NOT NULL`,
      [ANSWERS_RU, ANSWERS_KK],
    );
  } finally {
    await c.query(`ALTER TABLE answers ENABLE TRIGGER answers_remark_activity`);
  }
  // every seeded remark's activity_at is written, so the export's `since` may use it for any instant
  await c.query(`UPDATE remark_activity_tracking SET since = '-infinity'`);
  await timed(
    c,
    'follows (plan_subscriptions)',
    `INSERT INTO plan_subscriptions (plan_id, user_id, kind, created_at)
     SELECT plan_id, author_id, 'follow', min(created_at) FROM remarks GROUP BY plan_id, author_id`,
  );
}

/** Seeds the data set of issue #8 with set-based SQL (generate_series), deterministic (setseed). */
export async function seed(c: Client, passwordHash: string): Promise<SeedInfo> {
  const started = Date.now();
  const nCitizens = scaled(50_000, 2_000);
  const nPlans = scaled(10_000, 300);
  const nRemarks = scaled(1_000_000, 30_000);
  const nBig = scaled(100_000, 10_000);
  await c.query(`SET maintenance_work_mem = '1GB'`);
  await c.query(`SET work_mem = '256MB'`);
  await c.query(`SELECT setseed(0.42)`);
  await seedPeople(c, passwordHash, nCitizens);
  await seedPlans(c, nPlans);
  const { bigPlanId, smallPlanId } = await pagePlans(c);
  await withoutIndexes(c, ['remarks', 'answers', 'plan_subscriptions'], async () => {
    await seedRemarks(c, { bigPlanId, smallPlanId }, { nCitizens, nRemarks, nBig });
    await seedAnswersAndFollows(c);
  });
  log(`  indexes and foreign keys rebuilt`);
  const vacuumStarted = Date.now();
  await c.query(`VACUUM ANALYZE`);
  log(`  VACUUM ANALYZE in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s`);

  const { rows: openPlans } = await c.query<{ id: string }>(
    `SELECT id FROM plans WHERE published_at < now() AND stage1_closes_at > now() + interval '1 hour' AND id <> ALL($1) ORDER BY id LIMIT 500`,
    [[bigPlanId, smallPlanId]],
  );
  const { rows: loadCitizens } = await c.query<{ id: string }>(`SELECT id FROM users WHERE role = 'citizen' ORDER BY email_key LIMIT 2000`);
  const { rows: counts } = await c.query<{ remarks: number; answers: number; plans: number }>(
    `SELECT (SELECT count(*) FROM remarks)::int AS remarks, (SELECT count(*) FROM answers)::int AS answers, (SELECT count(*) FROM plans)::int AS plans`,
  );
  const { rows: org } = await c.query<{ organization_id: string }>(`SELECT organization_id FROM plans WHERE id = $1`, [bigPlanId]);
  return {
    sizes: {
      organizations: 50,
      staff: 100,
      citizens: nCitizens,
      plans: counts[0].plans,
      remarks: counts[0].remarks,
      answers: counts[0].answers,
      bigPlanRemarks: nBig,
    },
    seconds: (Date.now() - started) / 1000,
    bigPlanId,
    smallPlanId,
    openPlanIds: openPlans.map((p) => p.id),
    loadCitizenIds: loadCitizens.map((u) => u.id),
    organizationId: org[0].organization_id,
  };
}

/**
 * The sweep scenario's plans: `n` published plans whose stage 1 closed a minute ago and that no
 * sweep has seen yet, each with two remarks, spread over the 50 organizations.
 */
export async function seedSweepPlans(c: Client, n: number): Promise<void> {
  await c.query(`SET work_mem = '256MB'`);
  await timed(
    c,
    'plans passing the stage-1 deadline',
    `INSERT INTO plans (organization_id, created_by, title, description, subject_code, amount, method, created_at, updated_at,
                        published_at, stage1_closes_at, stage1_close_date, hearing_deadline_date)
     SELECT o.id, o.creator,
            jsonb_build_object('kk', ($4::text[])[1 + g % 12] || ' (С-' || g || ' лот)', 'ru', ($2::text[])[1 + g % 12] || ' (лот С-' || g || ')', 'en', null),
            jsonb_build_object('kk', $5::text, 'ru', $3::text, 'en', null), '20000000.000.000000', 5000000, 'open_tender',
            now() - interval '24 days', now() - interval '21 days', now() - interval '21 days', now() - interval '1 minute',
            (now() AT TIME ZONE 'Asia/Almaty')::date, (now() AT TIME ZONE 'Asia/Almaty')::date + 10
     FROM generate_series(1, $1) g
     JOIN (SELECT id, row_number() OVER (ORDER BY bin) AS rn, (SELECT id FROM users u WHERE u.organization_id = organizations.id ORDER BY email LIMIT 1) AS creator
           FROM organizations) o ON o.rn = 1 + g % 50`,
    [n, PLAN_SUBJECTS_RU, DESCRIPTION_RU, PLAN_SUBJECTS_KK, DESCRIPTION_KK],
  );
  await timed(
    c,
    'their remarks',
    `INSERT INTO remarks (plan_id, stage, author_id, body, language, created_at, body_hash, answer_due_at, answered_at)
     SELECT p.id, 1, (SELECT id FROM users WHERE role = 'citizen' ORDER BY email_key LIMIT 1), ($1::text[])[1 + k], 'ru', p.published_at + k * interval '1 day',
            md5(p.id::text || k) || md5(k || p.id::text), p.published_at + interval '30 days', CASE WHEN k = 1 THEN p.published_at + interval '3 days' END
     FROM plans p CROSS JOIN generate_series(1, 2) k WHERE p.stage1_closed_swept_at IS NULL AND p.stage1_closes_at < now()`,
    [REMARKS_RU],
  );
  await c.query(`ANALYZE plans; ANALYZE remarks`);
}
