import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { Plan } from '../plans/plan.entity';
import type { ConclusionFigures } from './conclusion';
import { Recommendation } from './recommendation.entity';
import { RecommendationResponse } from './recommendation-response.entity';
import { ReviewConclusion } from './review-conclusion.entity';
import { PositionKind, ReviewPosition } from './review-position.entity';
import type { RecipientRow as Recipient } from '../plans/plan-recipients.repository';

/** A user to e-mail, as every recipient query of the stages selects it. */
export interface PositionRow {
  id: string;
  position: PositionKind;
  text: string;
  created_at: Date;
  member_name: string;
}

/** A recommendation with its latest response (version null: none yet) and the first response's lateness. */
export interface RecommendationRow {
  id: string;
  position_id: string;
  text: string;
  created_at: Date;
  response_due_at: Date;
  responded_at: Date | null;
  version: number | null;
  accepted: boolean | null;
  response_text: string | null;
  published_at: Date | null;
  late: boolean | null;
  correction_reason: string | null;
}

export interface ReviewRows {
  closesAt: Date | null;
  positions: PositionRow[];
  recommendations: RecommendationRow[];
  conclusion: ReviewConclusion | null;
}

/** Everything the public review of a plan shows, in four statements on the caller's executor (the plan record passes its own). */
export async function reviewRows(db: DataSource | EntityManager, planId: string): Promise<ReviewRows> {
  const plan = await db.getRepository(Plan).findOne({ where: { id: planId }, select: { id: true, reviewClosesAt: true } });
  const positions = await queryRows<PositionRow>(
    db,
    `SELECT p.id, p.position, p.text, p.created_at, u.display_name AS member_name
       FROM review_positions p JOIN users u ON u.id = p.member_id
      WHERE p.plan_id = $1 ORDER BY p.created_at, p.id`,
    [planId],
  );
  const recommendations = await queryRows<RecommendationRow>(
    db,
    `SELECT r.id, r.position_id, r.text, r.created_at, r.response_due_at, r.responded_at,
            last.version, last.accepted, last.text AS response_text, last.published_at, first.late, last.correction_reason
       FROM recommendations r
       LEFT JOIN LATERAL (SELECT * FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
       LEFT JOIN recommendation_responses first ON first.recommendation_id = r.id AND first.version = 1
      WHERE r.plan_id = $1 ORDER BY r.created_at, r.id`,
    [planId],
  );
  const conclusion = await db.getRepository(ReviewConclusion).findOne({ where: { planId } });
  return { closesAt: plan?.reviewClosesAt ?? null, positions, recommendations, conclusion };
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

  /** The council member who recorded the position. */
  positionAuthor(em: EntityManager, positionId: string): Promise<Recipient[]> {
    return queryRows<Recipient>(
      em,
      'SELECT u.id, u.email, u.locale, u.display_name FROM review_positions p JOIN users u ON u.id = p.member_id WHERE p.id = $1',
      [positionId],
    );
  }
}
