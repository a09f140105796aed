import type { HideReason } from '../../remarks/remark-moderation';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { localizedRows } from '../../database/localized-rows';
import { queryRows } from '../../database/query-rows';
import { PlanStatus } from '../../plans/plan-status';
import { statusSql } from '../../plans/plans.repository';
import { CURSOR_TIME_FORMAT, decodeTimeCursor, encodeTimeCursor, KeysetPage, keysetPage } from '../keyset-page';
import type { PlanDetailRow } from '../public-pages.repository';

/**
 * The organizer pages' read model: one query per list, keyset pagination, always limited to the
 * signed-in organizer's own organization. Plans: plans_org_created_idx (organization_id, created_at, id);
 * the remarks queue: remarks_unanswered_due_idx (plan_id, answer_due_at) WHERE answered_at IS NULL.
 */

export interface OrganizationRow {
  id: string;
  name: LocalizedText;
  address: LocalizedText;
  time_zone: string;
}

/** A plan item of the list: the plan's dates (as the public plan page reads them) and what is still to do. */
export interface OrganizerPlanRow extends Pick<
  PlanDetailRow,
  | 'id'
  | 'title'
  | 'amount'
  | 'method'
  | 'stage1_closes_at'
  | 'hearing_deadline_date'
  | 'hearing_overdue_at'
  | 'protocol_published_at'
  | 'review_closes_at'
  | 'notice_published_at'
  | 'stage2_opens_at'
  | 'stage2_closes_at'
  | 'outcome_published_at'
  | 'hearing_status'
  | 'hearing_starts_at'
> {
  cursor_at: string;
  /** Null while a draft. */
  published_at: Date | null;
  remarks_total: number;
  /** Remarks with an answer (hidden ones included). */
  remarks_answered: number;
  /** Unanswered remarks that are not hidden (hidden remarks need no answer). */
  remarks_unanswered: number;
  /** Remarks hidden by moderators, answered or not. */
  remarks_hidden: number;
  next_answer_due_at: Date | null;
  next_response_due_at: Date | null;
}

export interface QueueRemarkRow {
  id: string;
  author_id: string;
  /** Always null here (hidden remarks are not in the queue); selected for the text policy. */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  plan_id: string;
  plan_title: LocalizedText;
  stage: number;
  body: string;
  /** The remark's language (ISO 639 code): the queue shows it and the answer forms start in it. */
  language: string;
  created_at: Date;
  answer_due_at: Date;
  cursor_at: string;
  author_name: string;
}

/** An answered remark of the organizer's plans with its latest answer, as the council-check lists and the correction form show it. */
export interface AnswerRow {
  remark_id: string;
  author_id: string;
  /** Hidden by a moderator: the organizer sees when and why, not the text. */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  plan_id: string;
  plan_title: LocalizedText;
  stage: number;
  body: string;
  /** The remark's language (ISO 639 code): the queue shows it and the answer forms start in it. */
  language: string;
  created_at: Date;
  author_name: string;
  answer_version: number;
  answer_body: LocalizedText;
  disposition: string;
}

/** An answer the council found formal and that awaits a correction published after the finding. */
export interface FindingRow extends AnswerRow {
  votes: number;
  members_count: number;
  found_at: Date;
}

/** An answer whose latest version its author called formal. */
export interface CalledFormalRow extends AnswerRow {
  reason: string | null;
  verdict_at: Date;
}

/** The answer being corrected, with the council's finding (null: none) and the author's verdict on the latest version. */
export interface CorrectionTargetRow extends AnswerRow {
  /** The latest version's correction reason (jsonb {kk, ru, en}; null for version 1). */
  answer_correction_reason: unknown;
  organization_id: string;
  time_zone: string;
  votes: number | null;
  members_count: number | null;
  verdict: 'reasoned' | 'formal' | null;
  reason: string | null;
}

const ANSWER_COLUMNS = `r.id AS remark_id, r.author_id, r.hidden_at, r.hidden_reason, p.id AS plan_id, p.title AS plan_title, r.stage, r.body, r.language, r.created_at, u.display_name AS author_name,
       a.version AS answer_version, a.body AS answer_body, a.disposition`;
const ANSWER_TEXTS = ['plan_title', 'answer_body'] as const;
const LATEST_ANSWER = `CROSS JOIN LATERAL (SELECT x.id, x.version, x.body, x.disposition, x.published_at, x.correction_reason FROM answers x
                         WHERE x.remark_id = r.id ORDER BY x.version DESC LIMIT 1) a`;

function page<T extends { id: string; cursor_at: string }>(rows: T[], limit: number): KeysetPage<T> {
  return keysetPage(rows, limit, (last) => encodeTimeCursor(last.cursor_at, last.id));
}

@Injectable()
export class OrganizerPagesRepository {
  constructor(private readonly db: DataSource) {}

  async organization(id: string): Promise<OrganizationRow | null> {
    const rows = await queryRows<OrganizationRow>(this.db, `SELECT id, name, address, time_zone FROM organizations WHERE id = $1`, [id]);
    return localizedRows(rows, ['name', 'address'])[0] ?? null;
  }

  /** A plan's remarks hidden by moderators, and how many of them are unanswered (remarks_plan_hidden_idx). */
  async hiddenRemarks(planId: string): Promise<{ hidden: number; unanswered: number }> {
    const [row] = await queryRows<{ hidden: number; unanswered: number }>(
      this.db,
      `SELECT count(*)::int AS hidden, count(*) FILTER (WHERE answered_at IS NULL)::int AS unanswered
         FROM remarks WHERE plan_id = $1 AND hidden_at IS NOT NULL`,
      [planId],
    );
    return row;
  }

  /** The organization's plan items, newest first, optionally of one status, with counts and the dates the next deadline is derived from. */
  async plans(
    organizationId: string,
    status: PlanStatus | null,
    cursor: string | null,
    now: Date,
    limit = 20,
  ): Promise<KeysetPage<OrganizerPlanRow>> {
    const after = decodeTimeCursor(cursor);
    // $2 is the clock's time; statusSql() is the same rule the API's ?status= filter uses.
    const condition = status ? statusSql(status, '$2::timestamptz') : 'true';
    const rows = await queryRows<OrganizerPlanRow>(
      this.db,
      `SELECT p.id, p.title, p.amount::text AS amount, p.method, to_char(p.created_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at,
              p.published_at, p.stage1_closes_at, p.hearing_deadline_date::text AS hearing_deadline_date, p.hearing_overdue_at,
              p.protocol_published_at, p.review_closes_at, p.notice_published_at, p.stage2_opens_at, p.stage2_closes_at, p.outcome_published_at,
              h.status AS hearing_status, h.starts_at AS hearing_starts_at,
              r.total AS remarks_total, r.total - r.unanswered AS remarks_answered, r.unanswered - hid.unanswered AS remarks_unanswered,
              hid.count AS remarks_hidden, due.next_due AS next_answer_due_at, rec.next_due AS next_response_due_at
         FROM plans p
         LEFT JOIN hearings h ON h.plan_id = p.id
         LEFT JOIN LATERAL (
              SELECT count(*)::int AS total, count(*) FILTER (WHERE x.answered_at IS NULL)::int AS unanswered
                FROM remarks x WHERE x.plan_id = p.id) r ON true
         -- hidden remarks need no answer (issue 16): not unanswered, not the next deadline (remarks_plan_hidden_idx, remarks_unanswered_due_idx)
         LEFT JOIN LATERAL (SELECT count(*)::int AS count, count(*) FILTER (WHERE z.answered_at IS NULL)::int AS unanswered
                             FROM remarks z WHERE z.plan_id = p.id AND z.hidden_at IS NOT NULL) hid ON true
         LEFT JOIN LATERAL (SELECT d.answer_due_at AS next_due FROM remarks d WHERE d.plan_id = p.id AND d.answered_at IS NULL AND d.hidden_at IS NULL
                             ORDER BY d.answer_due_at LIMIT 1) due ON true
         LEFT JOIN LATERAL (SELECT min(y.response_due_at) AS next_due FROM recommendations y WHERE y.plan_id = p.id AND y.responded_at IS NULL) rec ON true
        WHERE p.organization_id = $1 AND $2::timestamptz IS NOT NULL AND ${condition}
          AND ($3::timestamptz IS NULL OR (p.created_at, p.id) < ($3::timestamptz, $4::uuid))
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $5`,
      [organizationId, now, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return page(localizedRows(rows, ['title']), limit);
  }

  /** Unanswered remarks on the organization's plan items, the earliest answer deadline first (overdue ones lead); hidden remarks need no answer and are left out. */
  async unansweredRemarks(organizationId: string, cursor: string | null, limit = 20): Promise<KeysetPage<QueueRemarkRow>> {
    const after = decodeTimeCursor(cursor);
    const rows = await queryRows<QueueRemarkRow>(
      this.db,
      `SELECT r.id, r.plan_id, p.title AS plan_title, r.stage, r.body, r.language, r.created_at, r.answer_due_at,
              to_char(r.answer_due_at AT TIME ZONE 'UTC', ${CURSOR_TIME_FORMAT}) AS cursor_at, u.display_name AS author_name,
              r.author_id, r.hidden_at, r.hidden_reason
         FROM plans p
         JOIN remarks r ON r.plan_id = p.id AND r.answered_at IS NULL AND r.hidden_at IS NULL
         JOIN users u ON u.id = r.author_id
        WHERE p.organization_id = $1
          AND ($2::timestamptz IS NULL OR (r.answer_due_at, r.id) > ($2::timestamptz, $3::uuid))
        ORDER BY r.answer_due_at ASC, r.id ASC
        LIMIT $4`,
      [organizationId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return page(localizedRows(rows, ['plan_title']), limit);
  }

  /** Answers of the organization's plans the council found formal and not corrected since (council_formal_findings_plan_idx), the oldest finding first. */
  async councilFindings(organizationId: string, limit = 50): Promise<FindingRow[]> {
    const rows = await queryRows<FindingRow>(
      this.db,
      `SELECT ${ANSWER_COLUMNS}, f.votes, f.members_count, f.found_at
         FROM plans p
         JOIN council_formal_findings f ON f.plan_id = p.id
         JOIN remarks r ON r.id = f.remark_id
         JOIN users u ON u.id = r.author_id
         ${LATEST_ANSWER}
        WHERE p.organization_id = $1 AND a.version <= f.answer_version
        ORDER BY f.found_at, r.created_at, r.id
        LIMIT $2`,
      [organizationId, limit],
    );
    return localizedRows(rows, ANSWER_TEXTS);
  }

  /** Answers on the organization's plans before their outcome whose latest version their authors call formal, the latest verdict first. */
  async calledFormal(organizationId: string, limit = 50): Promise<CalledFormalRow[]> {
    const rows = await queryRows<CalledFormalRow>(
      this.db,
      `SELECT ${ANSWER_COLUMNS}, v.reason, v.created_at AS verdict_at
         FROM plans p
         JOIN remarks r ON r.plan_id = p.id AND r.id IN (SELECT y.remark_id FROM answer_verdicts y WHERE y.plan_id = p.id)
         JOIN users u ON u.id = r.author_id
         ${LATEST_ANSWER}
         CROSS JOIN LATERAL (SELECT z.verdict, z.reason, z.created_at FROM answer_verdicts z
                              WHERE z.answer_id = a.id ORDER BY z.created_at DESC, z.id DESC LIMIT 1) v
        WHERE p.organization_id = $1 AND p.outcome_published_at IS NULL AND v.verdict = 'formal'
        ORDER BY v.created_at DESC, r.id
        LIMIT $2`,
      [organizationId, limit],
    );
    return localizedRows(rows, ANSWER_TEXTS);
  }

  /** An answered remark for the correction form (null: unknown or unanswered); the caller checks the plan is the organizer's own. */
  async correctionTarget(remarkId: string): Promise<CorrectionTargetRow | null> {
    const rows = await queryRows<CorrectionTargetRow>(
      this.db,
      `SELECT ${ANSWER_COLUMNS}, a.correction_reason AS answer_correction_reason, p.organization_id, o.time_zone, f.votes, f.members_count, v.verdict, v.reason
         FROM remarks r
         JOIN plans p ON p.id = r.plan_id
         JOIN organizations o ON o.id = p.organization_id
         JOIN users u ON u.id = r.author_id
         ${LATEST_ANSWER}
         LEFT JOIN council_formal_findings f ON f.remark_id = r.id AND f.plan_id = p.id AND a.version <= f.answer_version
         LEFT JOIN LATERAL (SELECT z.verdict, z.reason FROM answer_verdicts z
                             WHERE z.answer_id = a.id ORDER BY z.created_at DESC, z.id DESC LIMIT 1) v ON true
        WHERE r.id = $1`,
      [remarkId],
    );
    return localizedRows(rows, ANSWER_TEXTS)[0] ?? null;
  }
}
