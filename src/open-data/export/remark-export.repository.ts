import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { queryRows } from '../../database/query-rows';
import { DECISION_CHANGED_PUBLIC_STATE_SQL } from '../public-moderation.repository';
import type { Disposition } from '../../remarks/answer.entity';
import type { Verdict } from '../../remarks/answer-verdict.entity';
import type { HideReason } from '../../remarks/remark-moderation';

/** Where a batch starts: after this remark in (created_at, id) order; null for the first batch. */
export interface ExportPosition {
  /** created_at as PostgreSQL writes it (microseconds kept: a JavaScript Date would round them away and repeat rows). */
  createdAtKey: string;
  id: string;
}

export interface ExportFilter {
  /** Only remarks that changed at or after this instant (see EXPORT_REMARKS_SQL's changed_at). */
  since: Date | null;
  organizationId: string | null;
}

/** One remark of a published plan, with what the export tells of its plan and organization. */
export interface ExportRemarkRow {
  id: string;
  plan_id: string;
  /** jsonb {kk, ru, en}: LocalizedText.fromStored. */
  plan_title: unknown;
  organization_id: string;
  /** jsonb {kk, ru, en}. */
  organization_name: unknown;
  stage: number;
  language: string;
  /** Never written out: only to decide what the public reads of the texts (remarkTextFor). */
  author_id: string;
  body: string;
  created_at: Date;
  /** created_at as text, for the next batch's position (ExportPosition). */
  created_at_key: string;
  answer_due_at: Date;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  disputes_remark_id: string | null;
  changed_at: Date;
}

/** Every version of the answers of a batch's remarks. */
export interface ExportAnswerRow {
  id: string;
  remark_id: string;
  version: number;
  /** jsonb {kk, ru, en}. */
  body: unknown;
  disposition: Disposition;
  published_at: Date;
  late: boolean;
  correction_reason: unknown;
}

/** The remark author's current verdict (the latest row) on one answer version. */
export interface ExportVerdictRow {
  answer_id: string;
  verdict: Verdict;
  reason: string | null;
  created_at: Date;
}

/**
 * One batch of public remarks (remarks of published plans), oldest first, keyset on (created_at, id)
 * (`remarks_created_idx`), so every batch costs the same however deep the export is. `changed_at` is
 * the latest of the remark's creation, the publication of any answer version, any verdict on it and
 * any moderation decision that changed what the public sees of it (a hide or a restore: a keep on a
 * visible remark, or a hide upheld on appeal, would tell that it was reported or appealed): what a consumer syncing with `since`
 * needs to fetch again. $1 organization or null, $2/$3 the position or nulls, $4 since or null, $5 the
 * batch size. With `activityPrefilter` (a `since` at or after remark_activity_tracking.since, migration
 * 1797200000000) only remarks created or active at or after `since` are looked at: activity_at is then
 * never earlier than changed_at, and a recent `since` finds its few remarks through
 * `remarks_created_idx` and `remarks_activity_idx` instead of computing changed_at for every remark.
 * Unnamed, so each `since` is planned with its own value.
 */
const exportRemarksSql = (
  activityPrefilter: boolean,
) => `SELECT r.id, r.plan_id, p.title AS plan_title, p.organization_id, o.name AS organization_name,
       r.stage, r.language, r.author_id, r.body, r.created_at, r.created_at::text AS created_at_key, r.answer_due_at, r.hidden_at, r.hidden_reason,
       r.disputes_remark_id, c.changed_at
  FROM remarks r
  JOIN plans p ON p.id = r.plan_id
  JOIN organizations o ON o.id = p.organization_id
  CROSS JOIN LATERAL (
    SELECT GREATEST(
             r.created_at,
             (SELECT GREATEST(max(a.published_at), max(v.created_at))
                FROM answers a LEFT JOIN answer_verdicts v ON v.answer_id = a.id
               WHERE a.remark_id = r.id),
             (SELECT max(d.created_at) FROM moderation_decisions d WHERE d.remark_id = r.id AND ${DECISION_CHANGED_PUBLIC_STATE_SQL})
           ) AS changed_at
  ) c
 WHERE p.published_at IS NOT NULL
   AND ($1::uuid IS NULL OR p.organization_id = $1::uuid)
   AND ($2::timestamptz IS NULL OR (r.created_at, r.id) > ($2::timestamptz, $3::uuid))${
     activityPrefilter ? `\n   AND (r.created_at >= $4::timestamptz OR r.activity_at >= $4::timestamptz)` : ''
   }
   AND ($4::timestamptz IS NULL OR c.changed_at >= $4::timestamptz)
 ORDER BY r.created_at, r.id
 LIMIT $5`;

/** Every remark in order, or those changed at or after a `since` (computed for each remark). */
export const EXPORT_REMARKS_SQL = exportRemarksSql(false);
/** Those changed at or after a `since` from which activity is tracked: created or active then, then computed. */
export const EXPORT_CHANGED_REMARKS_SQL = exportRemarksSql(true);

/** Every answer version of a batch's remarks (answers_remark_version_uq), latest version first. */
export const EXPORT_ANSWERS_SQL = `SELECT a.id, a.remark_id, a.version, a.body, a.disposition, a.published_at, a.late, a.correction_reason
  FROM answers a
 WHERE a.remark_id = ANY($1::uuid[])
 ORDER BY a.remark_id, a.version DESC`;

/** The current verdict (latest row) of each answer version given (answer_verdicts_answer_idx). */
export const EXPORT_VERDICTS_SQL = `SELECT DISTINCT ON (v.answer_id) v.answer_id, v.verdict, v.reason, v.created_at
  FROM answer_verdicts v
 WHERE v.answer_id = ANY($1::uuid[])
 ORDER BY v.answer_id, v.created_at DESC, v.id DESC`;

/** PostgreSQL's SQLSTATE of a statement cancelled by statement_timeout (query_canceled). */
const QUERY_CANCELED = '57014';

/**
 * Every statement of the bulk export of remarks: three per batch, whatever the batch holds. Each
 * batch statement runs in its own short transaction with `SET LOCAL statement_timeout`, so that no
 * one query of an export can run (or wait for a lock) for ever: past the limit PostgreSQL cancels it
 * and the export answers 503 SERVICE_UNAVAILABLE (or, after the first bytes, is cut off).
 */
@Injectable()
export class RemarkExportRepository {
  /** The longest one batch statement may run, in milliseconds (tests make it shorter). */
  statementTimeoutMs = 30_000;

  constructor(private readonly db: DataSource) {}

  /**
   * A batch of remarks. `activityTracked`: the filter's `since` is at or after the instant from which
   * `remarks.activity_at` is kept (activityTrackedAt), so the statement may prefilter on it.
   */
  remarks(filter: ExportFilter, after: ExportPosition | null, limit: number, activityTracked = false): Promise<ExportRemarkRow[]> {
    return this.bounded<ExportRemarkRow>(activityTracked ? EXPORT_CHANGED_REMARKS_SQL : EXPORT_REMARKS_SQL, [
      filter.organizationId,
      after?.createdAtKey ?? null,
      after?.id ?? null,
      filter.since,
      limit,
    ]);
  }

  /** Whether `remarks.activity_at` holds every answer, verdict and decision at or after `since` (migration 1797200000000). */
  async activityTrackedAt(since: Date): Promise<boolean> {
    const rows = await queryRows<{ tracked: boolean }>(
      this.db,
      `SELECT $1::timestamptz >= since AS tracked FROM remark_activity_tracking`,
      [since],
    );
    return rows[0]?.tracked ?? false;
  }

  async organizationExists(id: string): Promise<boolean> {
    return (await queryRows(this.db, 'SELECT 1 FROM organizations WHERE id = $1', [id])).length > 0;
  }

  answers(remarkIds: string[]): Promise<ExportAnswerRow[]> {
    return remarkIds.length ? this.bounded<ExportAnswerRow>(EXPORT_ANSWERS_SQL, [remarkIds]) : Promise.resolve([]);
  }

  verdicts(answerIds: string[]): Promise<ExportVerdictRow[]> {
    return answerIds.length ? this.bounded<ExportVerdictRow>(EXPORT_VERDICTS_SQL, [answerIds]) : Promise.resolve([]);
  }

  private async bounded<T>(sql: string, params: unknown[]): Promise<T[]> {
    const timeout = Math.max(1, Math.floor(this.statementTimeoutMs));
    try {
      return await this.db.transaction(async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = ${timeout}`);
        return queryRows<T>(manager, sql, params);
      });
    } catch (error) {
      const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
      if (code !== QUERY_CANCELED) throw error;
      const refusal = new AppError('SERVICE_UNAVAILABLE');
      refusal.headers['retry-after'] = '60';
      throw refusal;
    }
  }
}
