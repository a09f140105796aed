import type { HideReason } from './remark-moderation';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { AnswerVerdict, Verdict } from './answer-verdict.entity';

/** The current verdict (latest row) of one answer version of a page's remarks. */
export interface VersionVerdictRow {
  remark_id: string;
  version: number;
  verdict: Verdict;
  reason: string | null;
  created_at: Date;
}

/**
 * A page's verdicts in one round trip: the plan's time zone (for the verdict windows) on every row,
 * and the current verdict of each answer version of the remarks $2 (none: one row of nulls but the zone).
 */
export const PAGE_VERDICTS_SQL = `SELECT o.time_zone, v.remark_id, v.version, v.verdict, v.reason, v.created_at
    FROM plans p
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN (
      SELECT DISTINCT ON (v.answer_id) v.remark_id, a.version, v.verdict, v.reason, v.created_at
        FROM answer_verdicts v JOIN answers a ON a.id = v.answer_id
       WHERE v.plan_id = $1 AND v.remark_id = ANY($2::uuid[])
       ORDER BY v.answer_id, v.created_at DESC, v.id DESC
    ) v ON true
   WHERE p.id = $1`;

/** What the verdict page shows of one remark: its plan, the latest answer version and that version's current verdict. */
export interface VerdictContextRow {
  remark_id: string;
  remark_body: string;
  /** The remark's language (ISO 639 code). */
  remark_language: string;
  remark_created_at: Date;
  author_id: string;
  stage: number;
  /** Hidden by a moderator: when and why (null while public). */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  plan_id: string;
  /** The plan's organizer (who reads the originals of public remarks). */
  organization_id: string;
  /** jsonb {kk, ru, en}: LocalizedText.fromStored. */
  plan_title: unknown;
  plan_published_at: Date | null;
  time_zone: string;
  answer_id: string | null;
  /** jsonb {kk, ru, en}: LocalizedText.fromStored. */
  answer_body: unknown;
  answer_disposition: string | null;
  answer_published_at: Date | null;
  answer_version: number | null;
  verdict: Verdict | null;
  verdict_reason: string | null;
  verdict_at: Date | null;
}

/** Every statement on answer_verdicts (append-only: a changed verdict is a new row). */
@Injectable()
export class AnswerVerdictsRepository {
  /** The current verdict of an answer version (its latest row), on the caller's transaction. */
  current(em: EntityManager, answerId: string): Promise<AnswerVerdict | null> {
    return em.getRepository(AnswerVerdict).findOne({ where: { answerId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The time of the remark's most recent verdict row (any version), on the caller's transaction. */
  async lastAt(em: EntityManager, planId: string, remarkId: string): Promise<Date | null> {
    const last = await em
      .getRepository(AnswerVerdict)
      .findOne({ where: { planId, remarkId }, order: { createdAt: 'DESC', id: 'DESC' }, select: { id: true, createdAt: true } });
    return last?.createdAt ?? null;
  }

  add(em: EntityManager, row: Omit<AnswerVerdict, 'id' | 'answer' | 'remark' | 'plan' | 'author'>): Promise<AnswerVerdict> {
    return em.getRepository(AnswerVerdict).save(em.getRepository(AnswerVerdict).create(row));
  }

  /** PAGE_VERDICTS_SQL: the plan's time zone and the current verdict of every answer version of the remarks. */
  async ofPage(db: DataSource, planId: string, remarkIds: string[]): Promise<{ timeZone: string | null; rows: VersionVerdictRow[] }> {
    const rows = await queryRows<VersionVerdictRow & { time_zone: string }>(db, PAGE_VERDICTS_SQL, [planId, remarkIds]);
    return { timeZone: rows[0]?.time_zone ?? null, rows: rows.filter((r) => r.remark_id !== null) };
  }

  /** The verdict page's remark (null when unknown). */
  async context(db: DataSource, remarkId: string): Promise<VerdictContextRow | null> {
    const [row] = await queryRows<VerdictContextRow>(
      db,
      `SELECT r.id AS remark_id, r.body AS remark_body, r.language AS remark_language, r.created_at AS remark_created_at, r.author_id, r.stage,
              r.hidden_at, r.hidden_reason, p.organization_id,
              p.id AS plan_id, p.title AS plan_title, p.published_at AS plan_published_at, o.time_zone,
              a.id AS answer_id, a.body AS answer_body, a.disposition AS answer_disposition, a.published_at AS answer_published_at,
              a.version AS answer_version, v.verdict, v.reason AS verdict_reason, v.created_at AS verdict_at
         FROM remarks r
         JOIN plans p ON p.id = r.plan_id
         JOIN organizations o ON o.id = p.organization_id
         LEFT JOIN LATERAL (SELECT x.id, x.body, x.disposition, x.published_at, x.version FROM answers x
                             WHERE x.remark_id = r.id ORDER BY x.version DESC LIMIT 1) a ON true
         LEFT JOIN LATERAL (SELECT y.verdict, y.reason, y.created_at FROM answer_verdicts y
                             WHERE y.answer_id = a.id ORDER BY y.created_at DESC, y.id DESC LIMIT 1) v ON true
        WHERE r.id = $1`,
      [remarkId],
    );
    return row ?? null;
  }
}
