import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { Organization } from '../organizations/organization.entity';

export interface StatisticsRow {
  organization_id: string | null;
  organization_name: string | null;
  received: number;
  answered: number;
  on_time: number;
  median_hours: number | null;
  held_on_time: number;
  hearings_due: number;
  rec_total: number;
  rec_responded: number;
  rec_accepted: number;
}

/**
 * The figures of every organizer with a published plan (or of one, with organizationId) and their
 * total, in a single aggregate query: GROUPING SETS ((organization_id), ()) gives one row per
 * organizer and one row (organization_id NULL) for all of them together.
 */
export function statisticsRows(db: DataSource | EntityManager, organizationId: string | null, now: Date): Promise<StatisticsRow[]> {
  return queryRows<StatisticsRow>(
    db,
    `WITH pl AS (
        SELECT p.id, p.organization_id, p.protocol_published_at, p.hearing_overdue_at, p.hearing_deadline_date, o.time_zone
          FROM plans p JOIN organizations o ON o.id = p.organization_id
         WHERE p.published_at IS NOT NULL AND ($1::uuid IS NULL OR p.organization_id = $1::uuid)
      ), facts AS (
        SELECT pl.organization_id, 'remark' AS kind, r.created_at, r.answered_at, a.late, NULL::boolean AS held_on_time,
               NULL::boolean AS hearing_due, NULL::timestamptz AS responded_at, NULL::boolean AS accepted
          FROM remarks r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN answers a ON a.remark_id = r.id AND a.version = 1
        UNION ALL
        SELECT pl.organization_id, 'plan', NULL, NULL, NULL,
               protocol_published_at IS NOT NULL AND hearing_overdue_at IS NULL,
               protocol_published_at IS NOT NULL OR hearing_deadline_date < ($2::timestamptz AT TIME ZONE time_zone)::date,
               NULL, NULL
          FROM pl
        UNION ALL
        SELECT pl.organization_id, 'recommendation', NULL, NULL, NULL, NULL, NULL, r.responded_at, last.accepted
          FROM recommendations r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN LATERAL (SELECT x.accepted FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
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
          count(*) FILTER (WHERE kind = 'recommendation' AND accepted)::int AS rec_accepted
          FROM facts
         GROUP BY GROUPING SETS ((organization_id), ())
      )
      SELECT agg.*, o.name AS organization_name
        FROM agg LEFT JOIN organizations o ON o.id = agg.organization_id
       ORDER BY agg.organization_id IS NOT NULL, o.name, agg.organization_id`,
    [organizationId, now],
  );
}

/** Whether the organizer exists (the statistics of an unknown one are a 404). */
export function organizationExists(db: DataSource | EntityManager, id: string): Promise<boolean> {
  return db.getRepository(Organization).exist({ where: { id } });
}
