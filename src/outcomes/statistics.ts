import type { EntityManager } from 'typeorm';
import type { StatisticsRow } from './statistics.repository';
import { statisticsRows } from './statistics.repository';

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

export interface OrganizationStatistics extends Statistics {
  organizationId: string;
  organizationName: string;
}

function toStatistics(row: StatisticsRow): Statistics {
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
    recommendations: {
      total: row.rec_total,
      responded: row.rec_responded,
      accepted: row.rec_accepted,
      acceptedShare: share(row.rec_accepted, row.rec_responded),
    },
  };
}

/** The public figures, for everyone or one organizer, in a single aggregate query. */
export async function statistics(em: EntityManager, organizationId: string | null, now: Date): Promise<Statistics> {
  const total = (await statisticsRows(em, organizationId, now)).find((r) => r.organization_id === null)!;
  return toStatistics(total);
}

/** The total and the figures of each organizer with a published plan (by name), in one query. */
export async function statisticsByOrganization(
  em: EntityManager,
  now: Date,
): Promise<{ total: Statistics; organizations: OrganizationStatistics[] }> {
  const rows = await statisticsRows(em, null, now);
  const total = rows.find((r) => r.organization_id === null)!;
  return {
    total: toStatistics(total),
    organizations: rows
      .filter((r) => r.organization_id !== null)
      .map((r) => ({ organizationId: r.organization_id!, organizationName: r.organization_name ?? '', ...toStatistics(r) })),
  };
}
