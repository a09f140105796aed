import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedRows } from '../database/localized-rows';
import { queryRows } from '../database/query-rows';
import { User } from '../identity/user.entity';
import { Remark } from '../remarks/remark.entity';
import type { HideReason, ReportReason } from '../remarks/remark-moderation';
import { ModerationAction, ModerationDecision } from './moderation-decision.entity';
import { RemarkAppeal } from './remark-appeal.entity';

type Db = DataSource | EntityManager;

/** A remark with what moderation shows and decides by: its plan's visibility, title and zone, its author. */
export interface ModeratedRemarkRow {
  id: string;
  plan_id: string;
  stage: 1 | 2;
  author_id: string;
  body: string;
  language: string;
  created_at: Date;
  answer_due_at: Date;
  answered_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  author_name: string;
  author_email: string;
  author_locale: string;
  plan_title: LocalizedText;
  plan_published_at: Date | null;
  organization_id: string;
  time_zone: string;
}

/** One entry of the moderation queue's keyset page. */
export interface QueueRow {
  kind: 'reports' | 'appeal';
  remark_id: string;
  since: Date;
  appeal_id: string | null;
}

export interface QueueRemarkRow {
  id: string;
  plan_id: string;
  plan_title: LocalizedText;
  body: string;
  stage: 1 | 2;
  language: string;
  author_name: string;
  created_at: Date;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
}

export interface ReportRow {
  remark_id: string;
  reason: ReportReason;
  text: string | null;
  created_at: Date;
  decision_id: string | null;
}

export interface AppealRow {
  id: string;
  remark_id: string;
  text: string;
  created_at: Date;
  decision_id: string | null;
  hide_decision_id: string;
  hide_moderator_id: string;
  hide_moderator_name: string;
  hide_reason: HideReason;
  hide_note: string | null;
  hide_at: Date;
}

export interface DecisionRow {
  id: string;
  action: ModerationAction;
  reason: HideReason | null;
  note: string | null;
  created_at: Date;
  appeal_id: string | null;
  moderator_id: string;
  moderator_name: string;
}

const MODERATED_REMARK_SQL = `SELECT r.id, r.plan_id, r.stage, r.author_id, r.body, r.language, r.created_at, r.answer_due_at, r.answered_at,
         r.hidden_at, r.hidden_reason, u.display_name AS author_name, u.email AS author_email, u.locale AS author_locale,
         p.title AS plan_title, p.published_at AS plan_published_at, p.organization_id, o.time_zone
    FROM remarks r
    JOIN users u ON u.id = r.author_id
    JOIN plans p ON p.id = r.plan_id
    JOIN organizations o ON o.id = p.organization_id
   WHERE r.id = $1`;

/** Every statement of moderation: reports, decisions, appeals, the queue, and the remark's hidden state. */
@Injectable()
export class ModerationRepository {
  /**
   * The remark with its plan and author (null when unknown). `lock` locks the remark's row until the
   * transaction ends, and key-share-locks its plan's row: a concurrent publication of the outcome (which
   * locks the plan FOR UPDATE) then waits for this appeal or decision, and counts it.
   */
  async remark(db: Db, remarkId: string, lock = false): Promise<ModeratedRemarkRow | null> {
    const sql = lock ? `${MODERATED_REMARK_SQL} FOR UPDATE OF r FOR KEY SHARE OF p` : MODERATED_REMARK_SQL;
    const rows = await queryRows<ModeratedRemarkRow>(db, sql, [remarkId]);
    return localizedRows(rows, ['plan_title'])[0] ?? null;
  }

  /** How many reports the user filed since `since`, and the oldest of them (remark_reports_reporter_idx). */
  async reportsSince(db: Db, reporterId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await queryRows<{ count: number; oldest: Date | null }>(
      db,
      'SELECT count(*)::int AS count, min(created_at) AS oldest FROM remark_reports WHERE reporter_id = $1 AND created_at > $2',
      [reporterId, since],
    );
    return row;
  }

  /**
   * Serializes a reporter's reports until the transaction ends (an advisory lock on a key derived from the
   * reporter): the count of recent reports and the insert then hold across concurrent requests and instances.
   */
  async lockReporter(em: EntityManager, reporterId: string): Promise<void> {
    await queryRows(em, `SELECT pg_advisory_xact_lock(hashtext('report:' || $1::text))`, [reporterId]);
  }

  /**
   * Share-locks the remark's row while it is public (false when it is hidden): a concurrent decision (which
   * locks the row FOR UPDATE) waits for the report and then closes it, or the report sees the remark hidden.
   */
  async lockPublicRemark(em: EntityManager, remarkId: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(em, 'SELECT id FROM remarks WHERE id = $1 AND hidden_at IS NULL FOR SHARE', [remarkId]);
    return rows.length > 0;
  }

  /** The new report, or null when the user reported the remark already (remark_reports_remark_reporter_uq). */
  async insertReport(
    db: Db,
    r: { remarkId: string; planId: string; reporterId: string; reason: ReportReason; text: string | null; createdAt: Date },
  ): Promise<{ id: string; created_at: Date } | null> {
    const [row] = await queryRows<{ id: string; created_at: Date }>(
      db,
      `INSERT INTO remark_reports (remark_id, plan_id, reporter_id, reason, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (remark_id, reporter_id) DO NOTHING RETURNING id, created_at`,
      [r.remarkId, r.planId, r.reporterId, r.reason, r.text, r.createdAt],
    );
    return row ?? null;
  }

  /** The remark's pending appeal with the decision it appeals (remark_appeals_remark_idx). */
  async pendingAppeal(db: Db, remarkId: string): Promise<AppealRow | null> {
    const [row] = await this.appeals(db, [remarkId], true);
    return row ?? null;
  }

  /** The appeals of these remarks (only the pending ones when `pendingOnly`), oldest first, with the decisions they appeal. */
  appeals(db: Db, remarkIds: string[], pendingOnly = false): Promise<AppealRow[]> {
    return queryRows<AppealRow>(
      db,
      `SELECT a.id, a.remark_id, a.text, a.created_at, a.decision_id, a.hide_decision_id,
              d.moderator_id AS hide_moderator_id, u.display_name AS hide_moderator_name, d.reason AS hide_reason, d.note AS hide_note,
              d.created_at AS hide_at
         FROM remark_appeals a
         JOIN moderation_decisions d ON d.id = a.hide_decision_id
         JOIN users u ON u.id = d.moderator_id
        WHERE a.remark_id = ANY($1::uuid[]) AND ($2::boolean = false OR a.decision_id IS NULL)
        ORDER BY a.remark_id, a.created_at, a.id`,
      [remarkIds, pendingOnly],
    );
  }

  /** The decision that hid the remark as it is now hidden: the latest decision to hide that decided no appeal. */
  async hidingDecision(db: Db, remarkId: string): Promise<{ id: string; appealed: boolean } | null> {
    const [row] = await queryRows<{ id: string; appealed: boolean }>(
      db,
      `SELECT d.id, EXISTS (SELECT 1 FROM remark_appeals a WHERE a.hide_decision_id = d.id) AS appealed
         FROM moderation_decisions d
        WHERE d.remark_id = $1 AND d.action = 'hide' AND d.appeal_id IS NULL
        ORDER BY d.created_at DESC, d.id DESC LIMIT 1`,
      [remarkId],
    );
    return row ?? null;
  }

  /**
   * The moderator whose decision to hide the remark, as it was last hidden outside an appeal
   * (moderation_decisions_remark_idx), an appeal overturned (remark_appeals_hide_decision_uq, then the
   * appeal's decision by its primary key): null when that decision was not appealed or the appeal upheld it.
   */
  async overturnedHider(db: Db, remarkId: string): Promise<string | null> {
    const [row] = await queryRows<{ moderator_id: string }>(
      db,
      `SELECT h.moderator_id
         FROM (SELECT id, moderator_id FROM moderation_decisions
                WHERE remark_id = $1 AND action = 'hide' AND appeal_id IS NULL
                ORDER BY created_at DESC, id DESC LIMIT 1) h
         JOIN remark_appeals a ON a.hide_decision_id = h.id
         JOIN moderation_decisions k ON k.id = a.decision_id AND k.action = 'keep'`,
      [remarkId],
    );
    return row?.moderator_id ?? null;
  }

  /** The remark's decisions, oldest first, with who made them (moderation_decisions_remark_idx). */
  decisions(db: Db, remarkId: string): Promise<DecisionRow[]> {
    return queryRows<DecisionRow>(
      db,
      `SELECT d.id, d.action, d.reason, d.note, d.created_at, d.appeal_id, d.moderator_id, u.display_name AS moderator_name
         FROM moderation_decisions d JOIN users u ON u.id = d.moderator_id
        WHERE d.remark_id = $1 ORDER BY d.created_at, d.id`,
      [remarkId],
    );
  }

  /** Reports of these remarks (only the open ones when `openOnly`), oldest first (remark_reports_remark_reporter_uq leads with remark_id). */
  reports(db: Db, remarkIds: string[], openOnly: boolean): Promise<ReportRow[]> {
    return queryRows<ReportRow>(
      db,
      `SELECT remark_id, reason, text, created_at, decision_id FROM remark_reports
        WHERE remark_id = ANY($1::uuid[]) AND ($2::boolean = false OR decision_id IS NULL)
        ORDER BY remark_id, created_at, id`,
      [remarkIds, openOnly],
    );
  }

  /** A decision; never updated afterwards. */
  insertDecision(em: EntityManager, d: Omit<ModerationDecision, 'id' | 'remark' | 'plan' | 'moderator'>): Promise<ModerationDecision> {
    return em.getRepository(ModerationDecision).save(d);
  }

  /** Every open report of the remark is handled by the decision. */
  async closeReports(em: EntityManager, remarkId: string, decisionId: string): Promise<void> {
    await queryRows(em, 'UPDATE remark_reports SET decision_id = $2 WHERE remark_id = $1 AND decision_id IS NULL', [remarkId, decisionId]);
  }

  async closeAppeal(em: EntityManager, appealId: string, decisionId: string): Promise<void> {
    await queryRows(em, 'UPDATE remark_appeals SET decision_id = $2 WHERE id = $1 AND decision_id IS NULL', [appealId, decisionId]);
  }

  /** The remark hidden (or kept hidden for another reason); its original text stays. */
  async hide(em: EntityManager, remarkId: string, at: Date, reason: HideReason): Promise<void> {
    await em.getRepository(Remark).update(remarkId, { hiddenAt: at, hiddenReason: reason });
  }

  /** The remark public again and due again from `answerDueAt` (the overdue sweep looks at it again when unanswered). */
  async restore(em: EntityManager, remarkId: string, answerDueAt: Date, unanswered: boolean): Promise<void> {
    await em
      .getRepository(Remark)
      .update(remarkId, { hiddenAt: null, hiddenReason: null, answerDueAt, ...(unanswered ? { overdueSweptAt: null } : {}) });
  }

  /** The new appeal, or null when the decision was appealed already (remark_appeals_hide_decision_uq). */
  async insertAppeal(
    em: EntityManager,
    a: Pick<RemarkAppeal, 'remarkId' | 'planId' | 'authorId' | 'text' | 'hideDecisionId' | 'createdAt'>,
  ): Promise<{ id: string; created_at: Date } | null> {
    const [row] = await queryRows<{ id: string; created_at: Date }>(
      em,
      `INSERT INTO remark_appeals (remark_id, plan_id, author_id, text, hide_decision_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (hide_decision_id) DO NOTHING RETURNING id, created_at`,
      [a.remarkId, a.planId, a.authorId, a.text, a.hideDecisionId, a.createdAt],
    );
    return row ?? null;
  }

  /**
   * A keyset page of the queue, oldest first: each remark with open reports once, placed by its oldest
   * open report (remark_reports_open_idx), and each pending appeal (remark_appeals_pending_idx). The key
   * is (since, remark_id, kind).
   */
  queue(db: Db, after: { since: string; remarkId: string; kind: string } | null, limit: number): Promise<QueueRow[]> {
    return queryRows<QueueRow>(
      db,
      `SELECT kind, remark_id, since, appeal_id FROM (
          SELECT 'reports' AS kind, remark_id, min(created_at) AS since, NULL::uuid AS appeal_id
            FROM remark_reports WHERE decision_id IS NULL GROUP BY remark_id
          UNION ALL
          SELECT 'appeal', remark_id, created_at, id FROM remark_appeals WHERE decision_id IS NULL
        ) q
        WHERE $1::timestamptz IS NULL OR (since, remark_id, kind) > ($1::timestamptz, $2::uuid, $3::text)
        ORDER BY since, remark_id, kind LIMIT $4`,
      [after?.since ?? null, after?.remarkId ?? null, after?.kind ?? null, limit],
    );
  }

  /** The queue page's remarks with their plans and authors. */
  async queueRemarks(db: Db, remarkIds: string[]): Promise<QueueRemarkRow[]> {
    const rows = await queryRows<QueueRemarkRow>(
      db,
      `SELECT r.id, r.plan_id, p.title AS plan_title, r.body, r.stage, r.language, u.display_name AS author_name, r.created_at,
              r.hidden_at, r.hidden_reason
         FROM remarks r JOIN plans p ON p.id = r.plan_id JOIN users u ON u.id = r.author_id
        WHERE r.id = ANY($1::uuid[])`,
      [remarkIds],
    );
    return localizedRows(rows, ['plan_title']);
  }

  /** A plan's pending appeals (remark_appeals_plan_pending_idx): the outcome waits while there are any. */
  async pendingAppealsOfPlan(db: Db, planId: string): Promise<number> {
    const [{ count }] = await queryRows<{ count: number }>(
      db,
      'SELECT count(*)::int AS count FROM remark_appeals WHERE plan_id = $1 AND decision_id IS NULL',
      [planId],
    );
    return count;
  }

  /**
   * The latest moment a remark of the plan was hidden by a decision that has not been appealed (the appeal
   * window that closes last starts there), or null. The plan's hidden remarks (remarks_plan_hidden_idx),
   * each one's latest decision to hide outside an appeal (moderation_decisions_remark_idx), its appeal
   * (remark_appeals_hide_decision_uq).
   */
  async latestUnappealedHiding(db: Db, planId: string): Promise<Date | null> {
    const [row] = await queryRows<{ hidden_at: Date | null }>(
      db,
      `SELECT max(r.hidden_at) AS hidden_at
         FROM remarks r
        CROSS JOIN LATERAL (
              SELECT d.id FROM moderation_decisions d
               WHERE d.remark_id = r.id AND d.action = 'hide' AND d.appeal_id IS NULL
               ORDER BY d.created_at DESC, d.id DESC LIMIT 1) h
        WHERE r.plan_id = $1 AND r.hidden_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM remark_appeals a WHERE a.hide_decision_id = h.id)`,
      [planId],
    );
    return row?.hidden_at ? new Date(row.hidden_at) : null;
  }

  /** The user a decision names. */
  user(db: Db, userId: string): Promise<User> {
    return db.getRepository(User).findOneOrFail({ where: { id: userId } });
  }
}
