import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { namedStatement, Statement, statementVariant } from '../database/statements';
import { User } from '../identity/user.entity';
import type { Keyset } from '../plans/cursor';
import { Answer, Disposition } from './answer.entity';
import { Remark } from './remark.entity';
import type { HideReason } from './remark-moderation';

/**
 * Inserts a remark and, when it was inserted (not a repeat of an Idempotency-Key, nor a duplicate of the
 * author's same text on the plan in the stage: remarks_duplicate_uq), makes its author follow the plan
 * from the remark's own time (the clock provider's, $5).
 * The caller tells the two skips apart. The benchmark's bare handler runs the same statement. Named: an
 * insert's plan does not depend on its values (EXPLAIN in issue 18).
 */
export const REMARK_INSERT_SQL = namedStatement(
  'remark_insert',
  `WITH inserted AS (
    INSERT INTO remarks (plan_id, stage, author_id, body, created_at, idempotency_key, body_hash, answer_due_at, language, duplicate_key)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT DO NOTHING
    RETURNING id, stage, created_at, plan_id, author_id
  ), followed AS (
    INSERT INTO plan_subscriptions (plan_id, user_id, kind, created_at) SELECT plan_id, author_id, 'follow', created_at FROM inserted
    ON CONFLICT DO NOTHING
  )
  SELECT id, stage, created_at FROM inserted`,
);

/**
 * What a submission needs in one round trip: the plan's windows and its organization's time zone
 * ($1, null when the id is not a UUID), the author's ($2) remark already made with the
 * Idempotency-Key $3, if any, and how many remarks the author left on the plan since $4 (the rate
 * limit: remarks_author_idx) with the oldest of them. Always one row; its columns are null for what is
 * absent. The benchmark's bare handler runs the same statement.
 *
 * Named. The rate limit's plan_id is compared with IS NOT DISTINCT FROM (the same here: plan_id is never
 * null), which no index serves: so the author's recent remarks are read by remarks_author_idx and
 * filtered. With `=`, the generic plan (and the custom one for an author with remarks on the plan)
 * ANDed that with a bitmap of all the plan's remarks: 100,000 index entries on a big plan, 7-11 ms
 * instead of 0.1 ms (EXPLAIN of both in issue 18).
 */
export const SUBMIT_LOOKUP_SQL = namedStatement(
  'remark_submit_lookup',
  `SELECT p.id, p.organization_id, p.published_at, p.stage1_closes_at, p.stage2_opens_at, p.stage2_closes_at,
         p.outcome_published_at, o.time_zone,
         r.id AS existing_id, r.stage AS existing_stage, r.created_at AS existing_created_at, r.body_hash AS existing_body_hash,
         recent.count AS recent_count, recent.oldest AS recent_oldest
    FROM (SELECT 1) AS one
    LEFT JOIN plans p ON p.id = $1::uuid
    LEFT JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN remarks r ON $3::text IS NOT NULL AND r.author_id = $2::uuid AND r.idempotency_key = $3::text
    LEFT JOIN LATERAL (SELECT count(*)::int AS count, min(x.created_at) AS oldest FROM remarks x
                        WHERE x.author_id = $2::uuid AND x.created_at > $4::timestamptz AND x.plan_id IS NOT DISTINCT FROM p.id) recent ON true`,
);

/** Every version of the answers to a page of remarks, latest first (the benchmark's bare handler runs it too). */
export const PAGE_ANSWERS_SQL = namedStatement(
  'remark_page_answers',
  `SELECT remark_id, body, disposition, published_at, late, version, correction_reason
           FROM answers WHERE remark_id = ANY($1::uuid[]) ORDER BY remark_id, version DESC`,
);

export interface SubmitLookupRow {
  id: string | null;
  organization_id: string | null;
  published_at: Date | null;
  stage1_closes_at: Date | null;
  stage2_opens_at: Date | null;
  stage2_closes_at: Date | null;
  outcome_published_at: Date | null;
  time_zone: string | null;
  existing_id: string | null;
  existing_stage: 1 | 2 | null;
  existing_created_at: Date | null;
  existing_body_hash: string | null;
  /** The author's remarks on the plan since the start of the rate limit's hour (null without a plan). */
  recent_count: number | null;
  recent_oldest: Date | null;
}

export interface NewRemark {
  planId: string;
  stage: 1 | 2;
  authorId: string;
  body: string;
  /** ISO 639 code of the remark's language. */
  language: string;
  createdAt: Date;
  idempotencyKey: string | null;
  bodyHash: string;
  answerDueAt: Date;
  /** remarkDuplicateKey of the body. */
  duplicateKey: string;
}

export interface RemarkPageRow {
  id: string;
  stage: number;
  author_id: string;
  body: string;
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  language: string;
  created_at: Date;
  answer_due_at: Date;
  author_name: string;
  disputes_remark_id: string | null;
}

export interface AnswerRow {
  remark_id: string;
  /** jsonb {kk, ru, en}: wrap with LocalizedText.fromStored. */
  body: unknown;
  disposition: Disposition;
  published_at: Date;
  late: boolean;
  version: number;
  correction_reason: unknown;
}

/**
 * The keyset page query of a plan's remarks, oldest first (a test EXPLAINs it; the bare handler runs it):
 * one of four named texts (with or without a stage, with or without a cursor), each served by
 * remarks_plan_page_idx or remarks_plan_stage_page_idx whatever the plan's size (EXPLAIN in issue 18).
 */
export function remarkPageSql(
  planId: string,
  stage: 1 | 2 | null,
  cursor: Keyset | null,
  limit: number,
): { statement: Statement; params: unknown[] } {
  const params: unknown[] = [planId];
  const where = ['r.plan_id = $1'];
  if (stage !== null) {
    params.push(stage);
    where.push(`r.stage = $${params.length}`);
  }
  if (cursor) {
    params.push(cursor.t, cursor.id);
    where.push(`(r.created_at, r.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  return {
    statement: statementVariant(
      'remark_page',
      `SELECT r.id, r.stage, r.author_id, r.body, r.hidden_at, r.hidden_reason, r.language, r.created_at, r.answer_due_at, u.display_name AS author_name, r.disputes_remark_id
          FROM remarks r JOIN users u ON u.id = r.author_id
          WHERE ${where.join(' AND ')}
          ORDER BY r.created_at, r.id LIMIT $${params.length}`,
    ),
    params,
  };
}

/** Every statement on remarks and answers. */
@Injectable()
export class RemarksRepository {
  async submitLookup(
    db: DataSource,
    planId: string | null,
    authorId: string,
    idempotencyKey: string | null,
    recentSince: Date,
  ): Promise<SubmitLookupRow> {
    const [found] = await queryRows<SubmitLookupRow>(db, SUBMIT_LOOKUP_SQL, [planId, authorId, idempotencyKey, recentSince]);
    return found;
  }

  /**
   * The new remark, or null when a remark with the same author and Idempotency-Key exists already, or
   * the author's same text on the plan in the stage (remarks_duplicate_uq).
   */
  async insert(db: DataSource, r: NewRemark): Promise<{ id: string; stage: number; created_at: Date } | null> {
    const [inserted] = await queryRows<{ id: string; stage: number; created_at: Date }>(db, REMARK_INSERT_SQL, [
      r.planId,
      r.stage,
      r.authorId,
      r.body,
      r.createdAt,
      r.idempotencyKey,
      r.bodyHash,
      r.answerDueAt,
      r.language,
      r.duplicateKey,
    ]);
    return inserted ?? null;
  }

  byIdempotencyKey(db: DataSource, authorId: string, idempotencyKey: string): Promise<Remark | null> {
    return db.getRepository(Remark).findOne({ where: { authorId, idempotencyKey } });
  }

  page(db: DataSource, planId: string, stage: 1 | 2 | null, cursor: Keyset | null, limit: number): Promise<RemarkPageRow[]> {
    const { statement, params } = remarkPageSql(planId, stage, cursor, limit);
    return queryRows<RemarkPageRow>(db, statement, params);
  }

  answersOf(db: DataSource, remarkIds: string[]): Promise<AnswerRow[]> {
    return queryRows<AnswerRow>(db, PAGE_ANSWERS_SQL, [remarkIds]);
  }

  /** The remark, its row locked until the transaction ends so that two answers cannot race. */
  lock(em: EntityManager, remarkId: string): Promise<Remark | null> {
    return em.getRepository(Remark).findOne({ where: { id: remarkId }, lock: { mode: 'pessimistic_write' } });
  }

  async markAnswered(em: EntityManager, remarkId: string, at: Date): Promise<void> {
    await em.getRepository(Remark).update(remarkId, { answeredAt: at });
  }

  answerCount(em: EntityManager, remarkId: string): Promise<number> {
    return em.getRepository(Answer).count({ where: { remarkId } });
  }

  latestAnswer(em: EntityManager, remarkId: string): Promise<Answer | null> {
    return em.getRepository(Answer).findOne({ where: { remarkId }, order: { version: 'DESC' } });
  }

  addAnswer(em: EntityManager, answer: Omit<Answer, 'id' | 'remark' | 'author'>): Promise<Answer> {
    return em.getRepository(Answer).save(answer);
  }

  /** A translation added to an answer version: its texts change, nothing else (no version, no verdicts touched). */
  async updateAnswerTexts(em: EntityManager, answerId: string, texts: Pick<Answer, 'body' | 'correctionReason'>): Promise<void> {
    await em.getRepository(Answer).update(answerId, texts);
  }

  /** The author to e-mail an answer to. */
  author(em: EntityManager, userId: string): Promise<User> {
    return em.getRepository(User).findOneOrFail({ where: { id: userId } });
  }
}
