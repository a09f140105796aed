import { procedureAfterHearing } from '../plan-record/plan-record';
import type { ProcedureDetails } from './plan-sections';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/ids';
import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedRows } from '../database/localized-rows';
import { queryRows } from '../database/query-rows';
import { namedStatement, unnamedStatement } from '../database/statements';
import type { Verdict } from '../remarks/answer-verdict.entity';
import type { HideReason, RemarkReader } from '../remarks/remark-moderation';
import { planSearchSql, searchText } from '../plans/plans.repository';
import { CURSOR_TIME_FORMAT, decodeTimeCursor, encodeTimeCursor, KeysetPage, keysetPage } from './keyset-page';

export interface OpenDiscussionRow {
  id: string;
  title: LocalizedText;
  amount: string;
  method: string;
  organization_name: LocalizedText;
  time_zone: string;
  stage: number;
  closes_at: Date;
}

export interface UpcomingHearingRow {
  plan_id: string;
  title: LocalizedText;
  organization_name: LocalizedText;
  time_zone: string;
  starts_at: Date;
  venue: LocalizedText;
  room: LocalizedText | null;
}

export interface OrganizationOption {
  id: string;
  name: LocalizedText;
}

export interface PlanDetailRow {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  subject_code: string;
  plan_point_number: string | null;
  amount: string;
  method: string;
  planned_quarter: string | null;
  delivery_place: LocalizedText | null;
  published_at: Date;
  stage1_closes_at: Date | null;
  stage1_close_date: string | null;
  hearing_deadline_date: string | null;
  hearing_overdue_at: Date | null;
  protocol_published_at: Date | null;
  review_closes_at: Date | null;
  notice_published_at: Date | null;
  stage2_opens_at: Date | null;
  stage2_closes_at: Date | null;
  outcome_published_at: Date | null;
  organization_id: string;
  organization_name: LocalizedText;
  organization_address: LocalizedText;
  time_zone: string;
  hearing_status: string | null;
  hearing_starts_at: Date | null;
  hearing_venue: LocalizedText | null;
  hearing_room: LocalizedText | null;
  hearing_livestream_url: string | null;
  hearing_cancel_reason: string | null;
}

/** An earlier (corrected) version of an answer with its author's verdict on that version. */
export interface EarlierAnswerRow {
  remark_id: string;
  version: number;
  body: LocalizedText;
  disposition: string;
  published_at: Date;
  correction_reason: LocalizedText | null;
  verdict: Verdict | null;
  verdict_reason: string | null;
  verdict_at: Date | null;
}

export interface RemarkRow {
  id: string;
  stage: number;
  body: string;
  /** The remark's language (ISO 639 code). */
  language: string;
  created_at: Date;
  cursor_at: string;
  answer_due_at: Date;
  author_name: string;
  answer_body: LocalizedText | null;
  answer_disposition: string | null;
  answer_published_at: Date | null;
  answer_version: number | null;
  answer_late: boolean | null;
  /** Why the latest answer version corrected the one before (null for version 1). */
  answer_correction_reason: LocalizedText | null;
  author_id: string;
  /** A dispute of a commitment: the stage-1 remark whose commitment it disputes. */
  disputes_remark_id: string | null;
  /** The author's current verdict on the latest answer version (that version, as the API's answer.verdict). */
  verdict: Verdict | null;
  verdict_reason: string | null;
  verdict_at: Date | null;
  verdict_version: number | null;
  /** Hidden by a moderator (issue 16): when and why; both null while public. */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
}

/** How many of a plan's remarks are hidden now, by reason (public). */
/** The moderation state of a remark for its author (and moderators): the latest hiding's note and the appeal against it. */
export interface RemarkModerationRow {
  remark_id: string;
  /** The note of the latest decision to hide the remark (null when never hidden). */
  hide_note: string | null;
  /** The appeal against that decision: when, and the action that decided it (null while pending). */
  appealed_at: Date | null;
  appeal_action: 'hide' | 'keep' | null;
}

/** The reader's report of a remark. */
export interface OwnReportRow {
  remark_id: string;
  created_at: Date;
}

/** RemarkModerationRow of the remarks $1 (uuid[]): one query for a page. */
export const REMARK_MODERATION_SQL = namedStatement(
  'public_remark_moderation',
  `SELECT x.id AS remark_id, h.note AS hide_note, a.created_at AS appealed_at, ad.action AS appeal_action
         FROM unnest($1::uuid[]) AS x(id)
         JOIN LATERAL (
              SELECT d.id, d.note FROM moderation_decisions d
               WHERE d.remark_id = x.id AND d.action = 'hide'
               ORDER BY d.created_at DESC, d.id DESC LIMIT 1
         ) h ON true
         LEFT JOIN remark_appeals a ON a.hide_decision_id = h.id
         LEFT JOIN moderation_decisions ad ON ad.id = a.decision_id`,
);

/** The reports of the user $2 on the remarks $1 (uuid[]). */
export const OWN_REPORTS_SQL = namedStatement(
  'public_own_reports',
  `SELECT remark_id, created_at FROM remark_reports WHERE remark_id = ANY($1::uuid[]) AND reporter_id = $2`,
);

export interface HiddenCountRow {
  reason: HideReason;
  count: number;
}

const SEARCH = planSearchSql('$2');

/**
 * A page of a plan's remarks (PublicPagesRepository.remarks) after the cursor ($2, $3) or from the
 * first: two named texts, each read along remarks_plan_page_idx. One text with "$2 IS NULL OR ..."
 * had a generic plan that filtered the whole plan for a deep page (42 ms against 0.4 ms on a plan with
 * 100,000 remarks; EXPLAIN in issue 18).
 */
function remarksPageText(after: string, limit: string): string {
  return `SELECT r.id, r.stage, r.body, r.language, r.created_at, to_char(r.created_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at, r.answer_due_at, u.display_name AS author_name,
              a.body AS answer_body, a.disposition AS answer_disposition, a.published_at AS answer_published_at,
              a.version AS answer_version, a.late AS answer_late, a.correction_reason AS answer_correction_reason,
              r.author_id, r.disputes_remark_id, r.hidden_at, r.hidden_reason,
              v.verdict, v.reason AS verdict_reason, v.created_at AS verdict_at, a.version AS verdict_version
         FROM remarks r
         JOIN users u ON u.id = r.author_id
         LEFT JOIN LATERAL (
              SELECT x.id, x.body, x.disposition, x.published_at, x.version, x.correction_reason,
                     (SELECT bool_or(y.late) FROM answers y WHERE y.remark_id = r.id) AS late
                FROM answers x WHERE x.remark_id = r.id ORDER BY x.version DESC LIMIT 1
         ) a ON true
         LEFT JOIN LATERAL (
              SELECT z.verdict, z.reason, z.created_at FROM answer_verdicts z
               WHERE z.answer_id = a.id ORDER BY z.created_at DESC, z.id DESC LIMIT 1
         ) v ON true
        WHERE r.plan_id = $1 AND ${after}
        ORDER BY r.created_at ASC, r.id ASC
        LIMIT ${limit}`;
}
const REMARKS_FIRST_PAGE = namedStatement('public_plan_remarks_first', remarksPageText('true', '$2'));
const REMARKS_AFTER_CURSOR = namedStatement(
  'public_plan_remarks_after',
  remarksPageText('(r.created_at, r.id) > ($2::timestamptz, $3::uuid)', '$4'),
);

/**
 * The read model of the public pages: a few raw SQL queries, each one round trip (no N+1),
 * bounded by LIMIT or a keyset cursor. Only published plans are ever returned.
 */
@Injectable()
export class PublicPagesRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Published plans whose stage 1 or stage 2 window is open at `now`, soonest to close first. Unnamed:
   * the generic plan cannot drop the conditions of an absent search or organization, and read every
   * published plan through a BitmapOr (110 ms against 28 ms for the home page, 150 ms against 0.1 ms
   * for a search; EXPLAIN in issue 18).
   */
  async openDiscussions(now: Date, q: string | null, organizationId: string | null, limit = 50): Promise<OpenDiscussionRow[]> {
    const rows = await queryRows<OpenDiscussionRow>(
      this.db,
      unnamedStatement(
        `SELECT p.id, p.title, p.amount::text AS amount, p.method, o.name AS organization_name, o.time_zone,
              CASE WHEN p.stage2_opens_at <= $1 AND $1 <= p.stage2_closes_at THEN 2 ELSE 1 END AS stage,
              CASE WHEN p.stage2_opens_at <= $1 AND $1 <= p.stage2_closes_at THEN p.stage2_closes_at ELSE p.stage1_closes_at END AS closes_at
         FROM plans p
         JOIN organizations o ON o.id = p.organization_id
        WHERE p.published_at IS NOT NULL
          AND ((p.published_at <= $1 AND $1 <= p.stage1_closes_at) OR (p.stage2_opens_at <= $1 AND $1 <= p.stage2_closes_at))
          AND ($2::text IS NULL OR ${SEARCH})
          AND ($3::uuid IS NULL OR p.organization_id = $3)
        ORDER BY closes_at ASC, p.id ASC
        LIMIT $4`,
      ),
      [now, q === null ? null : searchText(q), organizationId, limit],
    );
    return localizedRows(rows, ['title', 'organization_name']);
  }

  /** Scheduled hearings that have not started yet, soonest first (named: hearings_upcoming_idx whatever the filters). */
  async upcomingHearings(now: Date, q: string | null, organizationId: string | null, limit = 20): Promise<UpcomingHearingRow[]> {
    const rows = await queryRows<UpcomingHearingRow>(
      this.db,
      namedStatement(
        'public_upcoming_hearings',
        `SELECT h.plan_id, p.title, o.name AS organization_name, o.time_zone, h.starts_at, h.venue, h.room
         FROM hearings h
         JOIN plans p ON p.id = h.plan_id
         JOIN organizations o ON o.id = p.organization_id
        WHERE h.status = 'scheduled' AND h.starts_at > $1 AND p.published_at IS NOT NULL
          AND ($2::text IS NULL OR ${SEARCH})
          AND ($3::uuid IS NULL OR p.organization_id = $3)
        ORDER BY h.starts_at ASC, h.id ASC
        LIMIT $4`,
      ),
      [now, q === null ? null : searchText(q), organizationId, limit],
    );
    return localizedRows(rows, ['title', 'organization_name', 'venue', 'room']);
  }

  /** Organizers with at least one published plan, for the filter. */
  async organizationsWithPlans(limit = 500): Promise<OrganizationOption[]> {
    const rows = await queryRows<OrganizationOption>(
      this.db,
      namedStatement(
        'public_organizations_with_plans',
        `SELECT o.id, o.name FROM organizations o
        WHERE EXISTS (SELECT 1 FROM plans p WHERE p.organization_id = o.id AND p.published_at IS NOT NULL)
        ORDER BY o.name, o.id LIMIT $1`,
      ),
      [limit],
    );
    return localizedRows(rows, ['name']);
  }

  /** A published plan with its organizer and hearing; null for drafts and unknown ids. */
  async plan(id: string): Promise<PlanDetailRow | null> {
    if (!isUuid(id)) return null;
    const rows = await queryRows<PlanDetailRow>(
      this.db,
      namedStatement(
        'public_plan',
        `SELECT p.id, p.title, p.description, p.subject_code, p.plan_point_number, p.amount::text AS amount, p.method, p.planned_quarter, p.delivery_place,
              p.published_at, p.stage1_closes_at, p.stage1_close_date::text AS stage1_close_date,
              p.hearing_deadline_date::text AS hearing_deadline_date, p.hearing_overdue_at, p.protocol_published_at,
              p.review_closes_at, p.notice_published_at, p.stage2_opens_at, p.stage2_closes_at, p.outcome_published_at,
              o.id AS organization_id, o.name AS organization_name, o.address AS organization_address, o.time_zone,
              h.status AS hearing_status, h.starts_at AS hearing_starts_at, h.venue AS hearing_venue, h.room AS hearing_room,
              h.livestream_url AS hearing_livestream_url, h.cancel_reason AS hearing_cancel_reason
         FROM plans p
         JOIN organizations o ON o.id = p.organization_id
         LEFT JOIN hearings h ON h.plan_id = p.id
        WHERE p.id = $1 AND p.published_at IS NOT NULL`,
      ),
      [id],
    );
    return (
      localizedRows(rows, [
        'title',
        'description',
        'delivery_place',
        'organization_name',
        'organization_address',
        'hearing_venue',
        'hearing_room',
      ])[0] ?? null
    );
  }

  /** Protocol, council review, notice and outcome, as the API's plan detail has them. */
  procedure(planId: string, now: Date, reader?: RemarkReader): Promise<ProcedureDetails> {
    return procedureAfterHearing(this.db.manager, planId, now, reader);
  }

  /** One page of a plan's remarks, oldest first, each with the latest version of its answer. */
  async remarks(planId: string, cursor: string | null, limit = 20): Promise<KeysetPage<RemarkRow>> {
    const after = decodeTimeCursor(cursor);
    const rows = await queryRows<RemarkRow>(
      this.db,
      after ? REMARKS_AFTER_CURSOR : REMARKS_FIRST_PAGE,
      after ? [planId, after.at, after.id, limit + 1] : [planId, limit + 1],
    );
    localizedRows(rows, ['answer_body', 'answer_correction_reason']);
    return keysetPage(rows, limit, (r) => encodeTimeCursor(r.cursor_at, r.id));
  }

  /**
   * The earlier versions of the given remarks' answers (those the page shows as corrected), newest
   * first, each with its author's verdict on that version: corrections never hide the history.
   */
  async earlierAnswers(remarkIds: string[]): Promise<EarlierAnswerRow[]> {
    if (remarkIds.length === 0) return [];
    const rows = await queryRows<EarlierAnswerRow>(
      this.db,
      namedStatement(
        'public_earlier_answers',
        `SELECT a.remark_id, a.version, a.body, a.disposition, a.published_at, a.correction_reason,
              v.verdict, v.reason AS verdict_reason, v.created_at AS verdict_at
         FROM answers a
         LEFT JOIN LATERAL (
              SELECT z.verdict, z.reason, z.created_at FROM answer_verdicts z
               WHERE z.answer_id = a.id ORDER BY z.created_at DESC, z.id DESC LIMIT 1
         ) v ON true
        WHERE a.remark_id = ANY($1::uuid[])
          AND a.version < (SELECT max(b.version) FROM answers b WHERE b.remark_id = a.remark_id)
        ORDER BY a.remark_id, a.version DESC`,
      ),
      [remarkIds],
    );
    return localizedRows(rows, ['body', 'correction_reason']);
  }

  /** The plan's hidden remarks counted by reason (remarks_plan_hidden_idx). */
  hiddenCounts(planId: string): Promise<HiddenCountRow[]> {
    return queryRows<HiddenCountRow>(
      this.db,
      namedStatement(
        'public_hidden_counts',
        `SELECT hidden_reason AS reason, count(*)::int AS count FROM remarks
        WHERE plan_id = $1 AND hidden_at IS NOT NULL
        GROUP BY hidden_reason ORDER BY hidden_reason`,
      ),
      [planId],
    );
  }

  /**
   * For a page's remarks (one query for the page, not per remark): the note of each remark's latest
   * decision to hide it (moderation_decisions_remark_idx) and the appeal against that decision
   * (remark_appeals_hide_decision_uq) with the action that decided it.
   */
  async remarkModeration(remarkIds: readonly string[]): Promise<Map<string, RemarkModerationRow>> {
    if (remarkIds.length === 0) return new Map();
    const rows = await queryRows<RemarkModerationRow>(this.db, REMARK_MODERATION_SQL, [[...new Set(remarkIds)]]);
    return new Map(rows.map((r) => [r.remark_id, r]));
  }

  /** Which of the given remarks the user has reported, and when (one query; remark_reports_remark_reporter_uq). */
  async ownReports(userId: string | undefined, remarkIds: readonly string[]): Promise<Map<string, Date>> {
    if (!userId || remarkIds.length === 0) return new Map();
    const rows = await queryRows<OwnReportRow>(this.db, OWN_REPORTS_SQL, [[...new Set(remarkIds)], userId]);
    return new Map(rows.map((r) => [r.remark_id, r.created_at]));
  }
}
