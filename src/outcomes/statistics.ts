import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';

export interface Statistics {
  remarks: {
    received: number;
    answered: number;
    answeredOnTime: number;
    /** answered / received; null when nothing was received */
    answeredShare: number | null;
    /** answered on time (first answer not late) / received */
    answeredOnTimeShare: number | null;
    medianAnswerHours: number | null;
  };
  hearings: {
    /** plans whose protocol is published and which were never marked overdue */
    heldOnTime: number;
    /** plans past their hearing deadline, or with a protocol already */
    due: number;
    heldOnTimeShare: number | null;
  };
  recommendations: {
    total: number;
    responded: number;
    accepted: number;
    /** accepted (current response) / responded */
    acceptedShare: number | null;
  };
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

/** The public figures, for everyone or one organizer, in a single aggregate query. */
export async function statistics(em: EntityManager, organizationId: string | null, now: Date): Promise<Statistics> {
  const [row] = await queryRows<{
    received: number; answered: number; on_time: number; median_hours: number | null;
    held_on_time: number; hearings_due: number; rec_total: number; rec_responded: number; rec_accepted: number;
  }>(
    em,
    `WITH pl AS (
        SELECT p.id, p.protocol_published_at, p.hearing_overdue_at, p.hearing_deadline_date, o.time_zone
          FROM plans p JOIN organizations o ON o.id = p.organization_id
         WHERE p.published_at IS NOT NULL AND ($1::uuid IS NULL OR p.organization_id = $1::uuid)
      ), rem AS (
        SELECT r.created_at, r.answered_at, a.late
          FROM remarks r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN answers a ON a.remark_id = r.id AND a.version = 1
      ), rec AS (
        SELECT r.responded_at, last.accepted
          FROM recommendations r JOIN pl ON pl.id = r.plan_id
          LEFT JOIN LATERAL (SELECT x.accepted FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
      )
      SELECT
        (SELECT count(*) FROM rem)::int AS received,
        (SELECT count(*) FROM rem WHERE answered_at IS NOT NULL)::int AS answered,
        (SELECT count(*) FROM rem WHERE answered_at IS NOT NULL AND late = false)::int AS on_time,
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0)
           FROM rem WHERE answered_at IS NOT NULL)::float8 AS median_hours,
        (SELECT count(*) FROM pl WHERE protocol_published_at IS NOT NULL AND hearing_overdue_at IS NULL)::int AS held_on_time,
        (SELECT count(*) FROM pl WHERE protocol_published_at IS NOT NULL
            OR hearing_deadline_date < ($2::timestamptz AT TIME ZONE time_zone)::date)::int AS hearings_due,
        (SELECT count(*) FROM rec)::int AS rec_total,
        (SELECT count(*) FROM rec WHERE responded_at IS NOT NULL)::int AS rec_responded,
        (SELECT count(*) FROM rec WHERE accepted)::int AS rec_accepted`,
    [organizationId, now],
  );
  const median = row.median_hours === null ? null : Math.round(Number(row.median_hours) * 10) / 10;
  return {
    remarks: {
      received: row.received,
      answered: row.answered,
      answeredOnTime: row.on_time,
      answeredShare: share(row.answered, row.received),
      answeredOnTimeShare: share(row.on_time, row.received),
      medianAnswerHours: median,
    },
    hearings: { heldOnTime: row.held_on_time, due: row.hearings_due, heldOnTimeShare: share(row.held_on_time, row.hearings_due) },
    recommendations: { total: row.rec_total, responded: row.rec_responded, accepted: row.rec_accepted, acceptedShare: share(row.rec_accepted, row.rec_responded) },
  };
}
