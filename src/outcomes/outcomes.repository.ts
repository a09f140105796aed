import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { entitiesOf, whereInStatement } from '../database/entity-row';
import { queryRows } from '../database/query-rows';
import { Plan } from '../plans/plan.entity';
import type { Verdict } from '../remarks/answer-verdict.entity';
import type { Disposition } from '../remarks/answer.entity';
import type { HideReason } from '../remarks/remark-moderation';
import { notOptedOutOfNews, type RecipientRow as Recipient } from '../plans/plan-recipients.repository';
import { Outcome } from './outcome.entity';

/** Every version of the plan's outcome, oldest first, on the caller's executor (the plan record passes its own). */
export function outcomeVersions(db: DataSource | EntityManager, planId: string): Promise<Outcome[]> {
  return db.getRepository(Outcome).find({ where: { planId }, order: { version: 'ASC' } });
}

/** The statement of outcomeVersionsOfPlans (the benchmark's bare handler runs it too). */
export const outcomesOfPlansSql = (db: DataSource | EntityManager) => whereInStatement(db, Outcome, 'planId', ['planId', 'version']);

/** Every outcome version of several plans in one statement, oldest first per plan (outcomes_plan_version_uq). */
export function outcomeVersionsOfPlans(db: DataSource | EntityManager, planIds: string[]): Promise<Outcome[]> {
  return entitiesOf(db, Outcome, outcomesOfPlansSql(db), planIds);
}

/** A remark with its current answer and the first answer's lateness. */
export interface ReportRemarkRow {
  id: string;
  stage: number;
  author_id: string;
  author_name: string;
  body: string;
  /** Hidden by a moderator: the report states when and why and withholds the text. */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  created_at: Date;
  answered_at: Date | null;
  answer_due_at: Date;
  disposition: Disposition | null;
  /** jsonb {kk, ru, en}. */
  answer: unknown;
  late: boolean | null;
  /** The author's most recent verdict over all answer versions, and the version it judged. */
  verdict: Verdict | null;
  verdict_reason: string | null;
  verdict_version: number | null;
  verdict_at: Date | null;
}

/** The plan's remarks after the keyset position `after` (all when null), in creation order. */
export function reportRemarkRows(
  db: DataSource | EntityManager,
  planId: string,
  after: { createdAt: Date; id: string } | null,
  limit: number,
): Promise<ReportRemarkRow[]> {
  return queryRows<ReportRemarkRow>(
    db,
    `SELECT r.id, r.stage, r.author_id, u.display_name AS author_name, r.body, r.hidden_at, r.hidden_reason, r.created_at, r.answered_at, r.answer_due_at,
            last.disposition, last.body AS answer, first.late,
            v.verdict, v.reason AS verdict_reason, v.version AS verdict_version, v.created_at AS verdict_at
       FROM remarks r
       JOIN users u ON u.id = r.author_id
       LEFT JOIN LATERAL (SELECT a.disposition, a.body FROM answers a WHERE a.remark_id = r.id ORDER BY a.version DESC LIMIT 1) last ON true
       LEFT JOIN answers first ON first.remark_id = r.id AND first.version = 1
       LEFT JOIN LATERAL (SELECT x.verdict, x.reason, y.version, x.created_at FROM answer_verdicts x JOIN answers y ON y.id = x.answer_id
                           WHERE x.plan_id = r.plan_id AND x.remark_id = r.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) v ON true
      WHERE r.plan_id = $1 AND ($2::timestamptz IS NULL OR (r.created_at, r.id) > ($2::timestamptz, $3::uuid))
      ORDER BY r.created_at, r.id
      LIMIT ${limit}`,
    [planId, after?.createdAt ?? null, after?.id ?? null],
  );
}

/** A recommendation with its current response and the first response's lateness. */
export interface ReportRecommendationRow {
  id: string;
  member_name: string;
  /** jsonb {kk, ru, en}. */
  text: unknown;
  response_due_at: Date;
  responded_at: Date | null;
  accepted: boolean | null;
  /** jsonb {kk, ru, en}. */
  response: unknown;
  late: boolean | null;
}

export function reportRecommendationRows(db: DataSource | EntityManager, planId: string): Promise<ReportRecommendationRow[]> {
  return queryRows<ReportRecommendationRow>(
    db,
    `SELECT r.id, u.display_name AS member_name, r.text, r.response_due_at, r.responded_at, last.accepted, last.text AS response, first.late
       FROM recommendations r
       JOIN review_positions p ON p.id = r.position_id
       JOIN users u ON u.id = p.member_id
       LEFT JOIN LATERAL (SELECT x.accepted, x.text FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
       LEFT JOIN recommendation_responses first ON first.recommendation_id = r.id AND first.version = 1
      WHERE r.plan_id = $1 ORDER BY r.created_at, r.id`,
    [planId],
  );
}

/** Every statement of the outcome on outcomes, and the plan's outcome column. */
@Injectable()
export class OutcomesRepository {
  /** Remarks still to be answered: a hidden remark needs no answer while hidden (issue 16). */
  async unansweredRemarksCount(em: EntityManager, planId: string): Promise<number> {
    const [{ count }] = await queryRows<{ count: number }>(
      em,
      'SELECT count(*)::int AS count FROM remarks WHERE plan_id = $1 AND answered_at IS NULL AND hidden_at IS NULL',
      [planId],
    );
    return count;
  }

  insertOutcome(em: EntityManager, row: Omit<Outcome, 'id'>): Promise<Outcome> {
    return em.getRepository(Outcome).save(row);
  }

  /** Translations added to a published version: its texts change, the version and its date do not. */
  async updateOutcomeTexts(em: EntityManager, outcomeId: string, texts: Pick<Outcome, 'summary' | 'correctionReason'>): Promise<void> {
    await em.getRepository(Outcome).update({ id: outcomeId }, texts);
  }

  async lastOutcomeVersion(em: EntityManager, planId: string): Promise<number> {
    const [{ last }] = await queryRows<{ last: number }>(em, 'SELECT max(version)::int AS last FROM outcomes WHERE plan_id = $1', [planId]);
    return last;
  }

  async markOutcomePublished(em: EntityManager, planId: string, at: Date): Promise<void> {
    await em.update(Plan, { id: planId }, { outcomePublishedAt: at });
  }

  /**
   * The members of the overseeing council (`official`: the outcome is their office's business), and
   * remark authors and followers who did not unsubscribe from the plan's news.
   */
  recipients(em: EntityManager, planId: string, councilId: string): Promise<(Recipient & { official: boolean })[]> {
    return queryRows<Recipient & { official: boolean }>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name, (u.role = 'council_member' AND u.council_id = $2) AS official FROM users u
        WHERE (u.role = 'council_member' AND u.council_id = $2)
           OR (u.id IN (SELECT author_id FROM remarks WHERE plan_id = $1 UNION SELECT user_id FROM plan_subscriptions WHERE plan_id = $1)
               AND ${notOptedOutOfNews('u.id', '$1')})`,
      [planId, councilId],
    );
  }
}
