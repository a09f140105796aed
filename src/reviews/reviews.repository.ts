import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LocalizedText } from '../common/i18n/localized-text';
import { queryRows } from '../database/query-rows';
import { Plan } from '../plans/plan.entity';
import type { ConclusionFigures } from './conclusion';
import type { HideReason } from '../remarks/remark-moderation';
import { CouncilFormalFinding } from './council-formal-finding.entity';
import { FormalAnswerVote } from './formal-answer-vote.entity';
import { Recommendation } from './recommendation.entity';
import { RecommendationResponse } from './recommendation-response.entity';
import { ReviewConclusion } from './review-conclusion.entity';
import { PositionKind, ReviewPosition } from './review-position.entity';
import type { RecipientRow as Recipient } from '../plans/plan-recipients.repository';

/** A user to e-mail, as every recipient query of the stages selects it. */
export interface PositionRow {
  id: string;
  position: PositionKind;
  text: LocalizedText;
  created_at: Date;
  member_name: string;
}

/** A recommendation with its latest response (version null: none yet) and the first response's lateness. */
export interface RecommendationRow {
  id: string;
  position_id: string;
  text: LocalizedText;
  created_at: Date;
  response_due_at: Date;
  responded_at: Date | null;
  version: number | null;
  accepted: boolean | null;
  response_text: LocalizedText | null;
  published_at: Date | null;
  late: boolean | null;
  correction_reason: LocalizedText | null;
}

/**
 * An answer of the plan its author called formal (the verdict on its latest version) or that a member
 * named formal, with the votes, the author's verdict on the latest version, and the council's finding.
 */
export interface FormalAnswerRow {
  remark_id: string;
  /** Whose verdict it is: its reason is masked for all but them, the organizer and moderators. */
  author_id: string;
  stage: number;
  author_name: string;
  remark_created_at: Date;
  answer_version: number;
  votes: number;
  verdict: 'reasoned' | 'formal' | null;
  reason: string | null;
  verdict_at: Date | null;
  /** When the council found the answer formal (the conclusion's time), null when it did not. */
  found_at: Date | null;
  /** The first answer version published after the finding. */
  corrected_at: Date | null;
}

export interface ReviewRows {
  closesAt: Date | null;
  positions: PositionRow[];
  recommendations: RecommendationRow[];
  conclusion: ReviewConclusion | null;
  formalAnswers: FormalAnswerRow[];
}

/** The latest answer version of each answered remark of the plan, and the current verdict on it. */
const LATEST_ANSWERS_SQL = `latest AS (
    SELECT DISTINCT ON (a.remark_id) a.remark_id, a.id, a.version
      FROM answers a JOIN remarks r ON r.id = a.remark_id
     WHERE r.plan_id = $1
     ORDER BY a.remark_id, a.version DESC
  ), verdict AS (
    SELECT DISTINCT ON (v.answer_id) v.answer_id, v.verdict, v.reason, v.created_at
      FROM answer_verdicts v
     WHERE v.plan_id = $1
     ORDER BY v.answer_id, v.created_at DESC, v.id DESC
  )`;

/** The plan's formal answers as the review shows them (see FormalAnswerRow), in the order of their remarks. */
export function formalAnswerRows(db: DataSource | EntityManager, planId: string): Promise<FormalAnswerRow[]> {
  return queryRows<FormalAnswerRow>(
    db,
    `WITH ${LATEST_ANSWERS_SQL}, votes AS (
       SELECT remark_id, count(*)::int AS votes FROM review_formal_answers WHERE plan_id = $1 GROUP BY remark_id
     )
     SELECT l.remark_id, r.author_id, r.stage, u.display_name AS author_name, r.created_at AS remark_created_at,
            l.version AS answer_version, coalesce(vo.votes, 0) AS votes,
            ve.verdict, ve.reason, ve.created_at AS verdict_at, f.found_at,
            (SELECT min(c.published_at) FROM answers c WHERE c.remark_id = l.remark_id AND c.version > f.answer_version) AS corrected_at
       FROM latest l
       JOIN remarks r ON r.id = l.remark_id
       JOIN users u ON u.id = r.author_id
       LEFT JOIN verdict ve ON ve.answer_id = l.id
       LEFT JOIN votes vo ON vo.remark_id = l.remark_id
       LEFT JOIN council_formal_findings f ON f.plan_id = $1 AND f.remark_id = l.remark_id
      WHERE ve.verdict = 'formal' OR vo.votes > 0 OR f.remark_id IS NOT NULL
      ORDER BY r.created_at, r.id`,
    [planId],
  );
}

/** An answered remark of the plan that the council members may name formal: the remark, its latest answer and the verdict on it. */
export interface AnswerToCheckRow {
  remark_id: string;
  stage: number;
  remark_body: string;
  author_id: string;
  /** Hidden by a moderator: when and why (the council reads it as the public does). */
  hidden_at: Date | null;
  hidden_reason: HideReason | null;
  /** The language the remark is written in (ISO code, `und` when unknown). */
  remark_language: string;
  author_name: string;
  remark_created_at: Date;
  answer_version: number;
  answer_body: LocalizedText;
  disposition: string;
  answer_published_at: Date;
  verdict: 'reasoned' | 'formal' | null;
  reason: string | null;
}

/** Every answered remark of the plan, those their authors called formal first (then in the order of the remarks); at most `limit`. */
export async function answersToCheck(db: DataSource | EntityManager, planId: string, limit: number): Promise<AnswerToCheckRow[]> {
  const rows = await queryRows<AnswerToCheckRow & { answer_body: unknown }>(
    db,
    `WITH ${LATEST_ANSWERS_SQL}
     SELECT r.id AS remark_id, r.stage, r.body AS remark_body, r.author_id, r.hidden_at, r.hidden_reason, r.language AS remark_language, u.display_name AS author_name, r.created_at AS remark_created_at,
            a.version AS answer_version, a.body AS answer_body, a.disposition, a.published_at AS answer_published_at,
            ve.verdict, ve.reason
       FROM latest l
       JOIN answers a ON a.id = l.id
       JOIN remarks r ON r.id = l.remark_id
       JOIN users u ON u.id = r.author_id
       LEFT JOIN verdict ve ON ve.answer_id = l.id
      ORDER BY (ve.verdict = 'formal') IS TRUE DESC, r.created_at, r.id
      LIMIT $2`,
    [planId, limit],
  );
  return rows.map((r) => ({ ...r, answer_body: LocalizedText.fromStored(r.answer_body) as LocalizedText }));
}

/** jsonb texts of a raw row as LocalizedText (null stays null). */
function stored(value: unknown): LocalizedText | null {
  return LocalizedText.fromStored(value);
}

/** Everything the public review of a plan shows, in five statements on the caller's executor (the plan record passes its own). */
export async function reviewRows(db: DataSource | EntityManager, planId: string): Promise<ReviewRows> {
  const plan = await db.getRepository(Plan).findOne({ where: { id: planId }, select: { id: true, reviewClosesAt: true } });
  const positionRows = await queryRows<PositionRow>(
    db,
    `SELECT p.id, p.position, p.text, p.created_at, u.display_name AS member_name
       FROM review_positions p JOIN users u ON u.id = p.member_id
      WHERE p.plan_id = $1 ORDER BY p.created_at, p.id`,
    [planId],
  );
  const recommendationRows = await queryRows<RecommendationRow>(
    db,
    `SELECT r.id, r.position_id, r.text, r.created_at, r.response_due_at, r.responded_at,
            last.version, last.accepted, last.text AS response_text, last.published_at, first.late, last.correction_reason
       FROM recommendations r
       LEFT JOIN LATERAL (SELECT * FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
       LEFT JOIN recommendation_responses first ON first.recommendation_id = r.id AND first.version = 1
      WHERE r.plan_id = $1 ORDER BY r.created_at, r.id`,
    [planId],
  );
  const positions = positionRows.map((p) => ({ ...p, text: stored(p.text) as LocalizedText }));
  const recommendations = recommendationRows.map((r) => ({
    ...r,
    text: stored(r.text) as LocalizedText,
    response_text: stored(r.response_text),
    correction_reason: stored(r.correction_reason),
  }));
  const conclusion = await db.getRepository(ReviewConclusion).findOne({ where: { planId } });
  const formalAnswers = await formalAnswerRows(db, planId);
  return { closesAt: plan?.reviewClosesAt ?? null, positions, recommendations, conclusion, formalAnswers };
}

/** How many members a council has: the quorum counts from it. */
export async function councilMembersCount(db: DataSource | EntityManager, councilId: string): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM users WHERE role = 'council_member' AND council_id = $1`,
    [councilId],
  );
  return count;
}

/** The votes an answer got when the review closed, with what the organizer's e-mail quotes. */
export interface FormalVoteRow {
  remark_id: string;
  votes: number;
  answer_version: number;
  stage: number;
  remark_body: string;
  /** Hidden remarks are not quoted in the organizer's e-mail. */
  hidden_at: Date | null;
  hidden_reason: string | null;
  answer_body: LocalizedText;
}

export type NewConclusion = ConclusionFigures & Pick<ReviewConclusion, 'planId' | 'councilId' | 'closedAt' | 'closedBy' | 'closedByUserId'>;

/** Every statement of the council review on review_positions, recommendations, their responses and conclusions. */
@Injectable()
export class ReviewsRepository {
  /** A share lock on the plan row: positions may be recorded in parallel, but not while the review closes. */
  async lockPlanForShare(em: EntityManager, planId: string): Promise<void> {
    await queryRows(em, 'SELECT id FROM plans WHERE id = $1 FOR SHARE', [planId]);
  }

  hasConclusion(em: EntityManager, planId: string): Promise<boolean> {
    return em.getRepository(ReviewConclusion).exist({ where: { planId } });
  }

  hasPosition(em: EntityManager, planId: string, memberId: string): Promise<boolean> {
    return em.getRepository(ReviewPosition).exist({ where: { planId, memberId } });
  }

  insertPosition(em: EntityManager, row: Omit<ReviewPosition, 'id'>): Promise<ReviewPosition> {
    return em.getRepository(ReviewPosition).save(row);
  }

  insertRecommendations(em: EntityManager, rows: Omit<Recommendation, 'id'>[]): Promise<Recommendation[]> {
    return em.getRepository(Recommendation).save(rows);
  }

  async positionKinds(em: EntityManager, planId: string): Promise<PositionKind[]> {
    const rows = await queryRows<{ position: PositionKind }>(em, 'SELECT position FROM review_positions WHERE plan_id = $1', [planId]);
    return rows.map((r) => r.position);
  }

  councilMembersCount(em: EntityManager, councilId: string): Promise<number> {
    return councilMembersCount(em, councilId);
  }

  /** Stores the conclusion unless the plan has one (its unique plan index); null then. */
  async insertConclusion(em: EntityManager, c: NewConclusion): Promise<ReviewConclusion | null> {
    const inserted = await queryRows<{ id: string }>(
      em,
      `INSERT INTO review_conclusions (plan_id, council_id, closed_at, closed_by, closed_by_user_id, members_count, positions_count,
                                       endorse_count, endorse_with_recommendations_count, object_count, result, quorum)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (plan_id) DO NOTHING RETURNING id`,
      [
        c.planId,
        c.councilId,
        c.closedAt,
        c.closedBy,
        c.closedByUserId,
        c.membersCount,
        c.positionsCount,
        c.endorseCount,
        c.endorseWithRecommendationsCount,
        c.objectCount,
        c.result,
        c.quorum,
      ],
    );
    if (inserted.length === 0) return null;
    return em.getRepository(ReviewConclusion).findOneByOrFail({ id: inserted[0].id });
  }

  /** The latest answer version of each of `remarkIds` that is an answered remark of the plan (others are left out). */
  async latestAnswerVersions(em: EntityManager, planId: string, remarkIds: string[]): Promise<Map<string, number>> {
    const rows = await queryRows<{ remark_id: string; version: number }>(
      em,
      `SELECT a.remark_id, max(a.version)::int AS version
         FROM remarks r JOIN answers a ON a.remark_id = r.id
        WHERE r.plan_id = $1 AND r.id = ANY($2::uuid[])
        GROUP BY a.remark_id`,
      [planId, remarkIds],
    );
    return new Map(rows.map((r) => [r.remark_id, r.version]));
  }

  async insertFormalVotes(em: EntityManager, rows: FormalAnswerVote[]): Promise<void> {
    if (rows.length > 0) await em.getRepository(FormalAnswerVote).insert(rows);
  }

  /** Every answer of the plan named formal by at least one member, with the votes and the latest answer version, in the order of the remarks. */
  async formalVotes(em: EntityManager, planId: string): Promise<FormalVoteRow[]> {
    const rows = await queryRows<FormalVoteRow>(
      em,
      `SELECT v.remark_id, v.votes, a.version AS answer_version, r.stage, r.body AS remark_body, r.hidden_at, r.hidden_reason, a.body AS answer_body
         FROM (SELECT remark_id, count(*)::int AS votes FROM review_formal_answers WHERE plan_id = $1 GROUP BY remark_id) v
         JOIN remarks r ON r.id = v.remark_id
         CROSS JOIN LATERAL (SELECT x.version, x.body FROM answers x WHERE x.remark_id = v.remark_id ORDER BY x.version DESC LIMIT 1) a
        ORDER BY r.created_at, r.id`,
      [planId],
    );
    return rows.map((r) => ({ ...r, answer_body: LocalizedText.fromStored(r.answer_body) as LocalizedText }));
  }

  async insertFindings(em: EntityManager, rows: CouncilFormalFinding[]): Promise<void> {
    if (rows.length > 0) await em.getRepository(CouncilFormalFinding).insert(rows);
  }

  /**
   * The remarks whose answer the council found formal and that have no answer version newer than the
   * one found formal (a version is only ever added after the one before; versions, not timestamps,
   * so that a stopped sandbox clock cannot hide a correction).
   */
  async uncorrectedFindings(em: EntityManager, planId: string): Promise<string[]> {
    const rows = await queryRows<{ remark_id: string }>(
      em,
      `SELECT f.remark_id FROM council_formal_findings f JOIN remarks r ON r.id = f.remark_id
        WHERE f.plan_id = $1
          AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.remark_id = f.remark_id AND a.version > f.answer_version)
        ORDER BY r.created_at, r.id`,
      [planId],
    );
    return rows.map((r) => r.remark_id);
  }

  /** The organization's organizer staff: they correct the answers the council found formal. */
  organizerStaff(em: EntityManager, organizationId: string): Promise<Recipient[]> {
    return queryRows<Recipient>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name FROM users u WHERE u.role = 'organizer' AND u.organization_id = $1 ORDER BY u.id`,
      [organizationId],
    );
  }

  /** The recommendation, its row locked until the transaction ends. */
  lockRecommendation(em: EntityManager, id: string): Promise<Recommendation | null> {
    return em.getRepository(Recommendation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The latest response version, null when there is none. */
  async lastResponseVersion(em: EntityManager, recommendationId: string): Promise<number | null> {
    const [{ max }] = await queryRows<{ max: number | null }>(
      em,
      'SELECT max(version)::int AS max FROM recommendation_responses WHERE recommendation_id = $1',
      [recommendationId],
    );
    return max;
  }

  insertResponse(em: EntityManager, row: Omit<RecommendationResponse, 'id'>): Promise<RecommendationResponse> {
    return em.getRepository(RecommendationResponse).save(row);
  }

  async markResponded(em: EntityManager, recommendationId: string, at: Date): Promise<void> {
    await em.update(Recommendation, { id: recommendationId }, { respondedAt: at });
  }

  /** The member's position on the plan, null when none; `lock` holds it for a write (two translations at once). */
  positionOf(em: EntityManager, planId: string, memberId: string, lock = false): Promise<ReviewPosition | null> {
    return em
      .getRepository(ReviewPosition)
      .findOne({ where: { planId, memberId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** A position's recommendations, oldest first (the order the member wrote them). */
  recommendationsOf(em: EntityManager, positionId: string): Promise<Recommendation[]> {
    return em.getRepository(Recommendation).find({ where: { positionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async translatePosition(em: EntityManager, id: string, text: LocalizedText): Promise<void> {
    await em.getRepository(ReviewPosition).update({ id }, { text });
  }

  async translateRecommendation(em: EntityManager, id: string, text: LocalizedText): Promise<void> {
    await em.getRepository(Recommendation).update({ id }, { text });
  }

  latestResponse(em: EntityManager, recommendationId: string): Promise<RecommendationResponse | null> {
    return em.getRepository(RecommendationResponse).findOne({ where: { recommendationId }, order: { version: 'DESC' } });
  }

  /** Translations added to a response version in place (not a correction). */
  async translateResponse(em: EntityManager, id: string, text: LocalizedText, correctionReason: LocalizedText | null): Promise<void> {
    await em.getRepository(RecommendationResponse).update({ id }, { text, correctionReason });
  }

  /** The council member who recorded the position. */
  positionAuthor(em: EntityManager, positionId: string): Promise<Recipient[]> {
    return queryRows<Recipient>(
      em,
      'SELECT u.id, u.email, u.locale, u.display_name FROM review_positions p JOIN users u ON u.id = p.member_id WHERE p.id = $1',
      [positionId],
    );
  }
}
