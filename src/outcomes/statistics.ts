import type { EntityManager } from 'typeorm';
import type { StatisticsRow } from './statistics.repository';
import { statisticsRows } from './statistics.repository';
import type { LocalizedText } from '../common/i18n/localized-text';

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
  /** Remarks whose author's most recent verdict, on any version of the answer, is 'formal'. */
  answersFormalByAuthors: number;
  /** The different authors of those remarks. */
  answersFormalByAuthorsDistinctAuthors: number;
  /** Answers the public council found formal when its review closed (council_formal_findings). */
  answersFormalByCouncil: number;
  /** Remarks with a commitment (counted once, whatever its versions). */
  commitments: number;
  /** Commitments whose latest version is 'implemented'. */
  commitmentsImplemented: number;
  /** Commitments whose author's most recent verdict, on any version, is 'confirmed'. */
  commitmentsConfirmed: number;
  /** Commitments whose author's most recent verdict, on any version, is 'disputed'. */
  commitmentsDisputed: number;
}

/** part / whole rounded to 4 decimals; null when there is nothing to count. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

export interface OrganizationStatistics extends Statistics {
  organizationId: string;
  /** In the reader's language (API reads add every version under `i18n`). */
  organizationName: LocalizedText;
}

/** The figures of one row of the aggregate query. */
export function toStatistics(row: StatisticsRow): Statistics {
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
    answersFormalByAuthors: row.formal_by_authors,
    answersFormalByAuthorsDistinctAuthors: row.formal_authors,
    answersFormalByCouncil: row.formal_by_council,
    commitments: row.commitments,
    commitmentsImplemented: row.commitments_implemented,
    commitmentsConfirmed: row.commitments_confirmed,
    commitmentsDisputed: row.commitments_disputed,
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
      .map((r) => ({ organizationId: r.organization_id!, organizationName: r.organization_name!, ...toStatistics(r) })),
  };
}
