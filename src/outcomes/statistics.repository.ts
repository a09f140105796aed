import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { Organization } from '../organizations/organization.entity';
import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedRows } from '../database/localized-rows';

export interface StatisticsRow {
  organization_id: string | null;
  organization_name: LocalizedText | null;
  received: number;
  answered: number;
  on_time: number;
  median_hours: number | null;
  held_on_time: number;
  hearings_due: number;
  rec_total: number;
  rec_responded: number;
  rec_accepted: number;
  formal_by_authors: number;
  formal_authors: number;
  formal_by_council: number;
  commitments: number;
  commitments_implemented: number;
  commitments_confirmed: number;
  commitments_disputed: number;
}

/**
 * The figures of every organizer with a published plan (or of one, with organizationId) and their
 * total, in a single aggregate query: GROUPING SETS ((organization_id), ()) gives one row per
 * organizer and one row (organization_id NULL) for all of them together.
 *
 * Answers that count, one fact per remark: its author's most recent verdict on any version of its
 * answer (DISTINCT ON over answer_verdicts; only the formal ones go on), each council finding, the latest version of its
 * commitment, and its author's most recent verdict on any version of that commitment. The new
 * tables are reached through their (plan_id, ...) indexes when one organizer is asked for. Both
 * verdict tables hold only the remark author's verdicts (anyone else is refused with NOT_AUTHOR), so
 * they are not joined to remarks: that join on (id, author_id) was misestimated at one row and turned
 * into a nested loop over every published plan, minutes at the bench's million remarks.
 */
export async function statisticsRows(db: DataSource | EntityManager, organizationId: string | null, now: Date): Promise<StatisticsRow[]> {
  const rows = await queryRows<StatisticsRow>(
    db,
    `WITH pl AS (
        SELECT p.id, p.organization_id, p.protocol_published_at, p.hearing_overdue_at, p.hearing_deadline_date, o.time_zone
          FROM plans p JOIN organizations o ON o.id = p.organization_id
         WHERE p.published_at IS NOT NULL AND ($1::uuid IS NULL OR p.organization_id = $1::uuid)
      ), facts AS (
        SELECT pl.organization_id, 'remark' AS kind, r.created_at, r.answered_at, a.late, NULL::boolean AS held_on_time,
               NULL::boolean AS hearing_due, NULL::timestamptz AS responded_at, NULL::boolean AS accepted,
               NULL::uuid AS author_id, NULL::text AS value
          FROM remarks r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN answers a ON a.remark_id = r.id AND a.version = 1
         -- a hidden remark needs no answer while hidden: unanswered, it does not count (issue 16)
         WHERE r.hidden_at IS NULL OR r.answered_at IS NOT NULL
        UNION ALL
        SELECT pl.organization_id, 'plan', NULL, NULL, NULL,
               protocol_published_at IS NOT NULL AND hearing_overdue_at IS NULL,
               protocol_published_at IS NOT NULL OR hearing_deadline_date < ($2::timestamptz AT TIME ZONE time_zone)::date,
               NULL, NULL, NULL, NULL
          FROM pl
        UNION ALL
        SELECT pl.organization_id, 'recommendation', NULL, NULL, NULL, NULL, NULL, r.responded_at, last.accepted, NULL, NULL
          FROM recommendations r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN LATERAL (SELECT x.accepted FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
        UNION ALL
        SELECT * FROM (
          SELECT DISTINCT ON (v.remark_id) pl.organization_id, 'verdict', NULL::timestamptz, NULL::timestamptz, NULL::boolean,
                 NULL::boolean, NULL::boolean, NULL::timestamptz, NULL::boolean, v.author_id, v.verdict::text AS value
            FROM answer_verdicts v JOIN pl ON pl.id = v.plan_id
           ORDER BY v.remark_id, v.created_at DESC, v.id DESC
        ) verdicts WHERE value = 'formal'
        UNION ALL
        SELECT pl.organization_id, 'finding', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
          FROM council_formal_findings f JOIN pl ON pl.id = f.plan_id
        UNION ALL
        SELECT * FROM (
          SELECT DISTINCT ON (c.remark_id) pl.organization_id, 'commitment', NULL::timestamptz, NULL::timestamptz, NULL::boolean,
                 NULL::boolean, NULL::boolean, NULL::timestamptz, NULL::boolean, NULL::uuid, c.status::text
            FROM commitments c JOIN pl ON pl.id = c.plan_id
           ORDER BY c.remark_id, c.version DESC
        ) commitments
        UNION ALL
        SELECT * FROM (
          SELECT DISTINCT ON (cv.remark_id) pl.organization_id, 'commitment_verdict', NULL::timestamptz, NULL::timestamptz, NULL::boolean,
                 NULL::boolean, NULL::boolean, NULL::timestamptz, NULL::boolean, cv.author_id, cv.verdict::text
            FROM commitment_verdicts cv JOIN pl ON pl.id = cv.plan_id
           ORDER BY cv.remark_id, cv.created_at DESC, cv.id DESC
        ) commitment_verdicts
      ), agg AS (
        SELECT organization_id,
          count(*) FILTER (WHERE kind = 'remark')::int AS received,
          count(*) FILTER (WHERE kind = 'remark' AND answered_at IS NOT NULL)::int AS answered,
          count(*) FILTER (WHERE kind = 'remark' AND answered_at IS NOT NULL AND late = false)::int AS on_time,
          (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0)
             FILTER (WHERE kind = 'remark' AND answered_at IS NOT NULL))::float8 AS median_hours,
          count(*) FILTER (WHERE kind = 'plan' AND held_on_time)::int AS held_on_time,
          count(*) FILTER (WHERE kind = 'plan' AND hearing_due)::int AS hearings_due,
          count(*) FILTER (WHERE kind = 'recommendation')::int AS rec_total,
          count(*) FILTER (WHERE kind = 'recommendation' AND responded_at IS NOT NULL)::int AS rec_responded,
          count(*) FILTER (WHERE kind = 'recommendation' AND accepted)::int AS rec_accepted,
          count(*) FILTER (WHERE kind = 'verdict')::int AS formal_by_authors,
          count(DISTINCT author_id) FILTER (WHERE kind = 'verdict')::int AS formal_authors,
          count(*) FILTER (WHERE kind = 'finding')::int AS formal_by_council,
          count(*) FILTER (WHERE kind = 'commitment')::int AS commitments,
          count(*) FILTER (WHERE kind = 'commitment' AND value = 'implemented')::int AS commitments_implemented,
          count(*) FILTER (WHERE kind = 'commitment_verdict' AND value = 'confirmed')::int AS commitments_confirmed,
          count(*) FILTER (WHERE kind = 'commitment_verdict' AND value = 'disputed')::int AS commitments_disputed
          FROM facts
         GROUP BY GROUPING SETS ((organization_id), ())
      )
      SELECT agg.*, o.name AS organization_name
        FROM agg LEFT JOIN organizations o ON o.id = agg.organization_id
       ORDER BY agg.organization_id IS NOT NULL, o.name, agg.organization_id`,
    [organizationId, now],
  );
  return localizedRows(rows, ['organization_name']);
}

/** Whether the organizer exists (the statistics of an unknown one are a 404). */
export function organizationExists(db: DataSource | EntityManager, id: string): Promise<boolean> {
  return db.getRepository(Organization).exist({ where: { id } });
}
