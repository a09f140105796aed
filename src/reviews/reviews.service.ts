import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { AuthUser } from '../identity/auth/auth-user';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { assertCouncilMemberFor, assertOrganizerOf, loadPlan } from '../plans/plan-access';
import { Plan } from '../plans/plan.entity';
import { recommendationResponseDueAt } from '../procedure/deadlines';
import { computeConclusion } from './conclusion';
import { Recommendation } from './recommendation.entity';
import { RecommendationResponse } from './recommendation-response.entity';
import { conclusionEmail, Recipient, responseEmail } from './review-emails';
import { ReviewConclusion } from './review-conclusion.entity';
import { PositionKind, ReviewPosition } from './review-position.entity';
import { reviewWindow } from './review-window';

export interface ConclusionView {
  closedAt: string;
  closedBy: 'chair' | 'deadline';
  membersCount: number;
  positionsCount: number;
  counts: { endorse: number; endorse_with_recommendations: number; object: number };
  result: ReviewConclusion['result'];
  quorum: boolean;
}

export interface ResponseView {
  version: number;
  accepted: boolean;
  text: string;
  publishedAt: string;
  late: boolean;
  correctionReason: string | null;
}

export interface RecommendationView {
  id: string;
  text: string;
  createdAt: string;
  responseDueAt: string;
  overdue: boolean;
  response: ResponseView | null;
}

export interface ReviewView {
  closesAt: string | null;
  positions: { memberName: string; position: PositionKind; text: string; createdAt: string; recommendations: RecommendationView[] }[];
  conclusion: ConclusionView | null;
  recommendations: { id: string; text: string; response: ResponseView | null }[];
}

export function conclusionView(c: ReviewConclusion): ConclusionView {
  return {
    closedAt: c.closedAt.toISOString(),
    closedBy: c.closedBy,
    membersCount: c.membersCount,
    positionsCount: c.positionsCount,
    counts: { endorse: c.endorseCount, endorse_with_recommendations: c.endorseWithRecommendationsCount, object: c.objectCount },
    result: c.result,
    quorum: c.quorum,
  };
}

/** The council review of a plan as the public sees it (also used by the plan page). Three queries. */
export async function reviewView(em: EntityManager, planId: string, now: Date): Promise<ReviewView> {
  const plan = await em.getRepository(Plan).findOne({ where: { id: planId }, select: { id: true, reviewClosesAt: true } });
  const positions = await queryRows<{ id: string; position: PositionKind; text: string; created_at: Date; member_name: string }>(
    em,
    `SELECT p.id, p.position, p.text, p.created_at, u.display_name AS member_name
       FROM review_positions p JOIN users u ON u.id = p.member_id
      WHERE p.plan_id = $1 ORDER BY p.created_at, p.id`,
    [planId],
  );
  const recs = await queryRows<{
    id: string; position_id: string; text: string; created_at: Date; response_due_at: Date; responded_at: Date | null;
    version: number | null; accepted: boolean | null; response_text: string | null; published_at: Date | null; late: boolean | null; correction_reason: string | null;
  }>(
    em,
    `SELECT r.id, r.position_id, r.text, r.created_at, r.response_due_at, r.responded_at,
            last.version, last.accepted, last.text AS response_text, last.published_at, first.late, last.correction_reason
       FROM recommendations r
       LEFT JOIN LATERAL (SELECT * FROM recommendation_responses x WHERE x.recommendation_id = r.id ORDER BY x.version DESC LIMIT 1) last ON true
       LEFT JOIN recommendation_responses first ON first.recommendation_id = r.id AND first.version = 1
      WHERE r.plan_id = $1 ORDER BY r.created_at, r.id`,
    [planId],
  );
  const conclusion = await em.getRepository(ReviewConclusion).findOne({ where: { planId } });
  const recViews = recs.map((r) => ({
    positionId: r.position_id,
    view: {
      id: r.id,
      text: r.text,
      createdAt: new Date(r.created_at).toISOString(),
      responseDueAt: new Date(r.response_due_at).toISOString(),
      overdue: r.responded_at === null && now.getTime() > new Date(r.response_due_at).getTime(),
      response:
        r.version === null
          ? null
          : { version: r.version, accepted: r.accepted!, text: r.response_text!, publishedAt: new Date(r.published_at!).toISOString(), late: r.late ?? false, correctionReason: r.correction_reason },
    } satisfies RecommendationView,
  }));
  return {
    closesAt: plan?.reviewClosesAt ? plan.reviewClosesAt.toISOString() : null,
    positions: positions.map((p) => ({
      memberName: p.member_name,
      position: p.position,
      text: p.text,
      createdAt: new Date(p.created_at).toISOString(),
      recommendations: recViews.filter((r) => r.positionId === p.id).map((r) => r.view),
    })),
    conclusion: conclusion ? conclusionView(conclusion) : null,
    recommendations: recViews.map((r) => ({ id: r.view.id, text: r.view.text, response: r.view.response })),
  };
}

/** How many members a council has: the quorum counts from it. */
export async function councilMembersCount(em: EntityManager, councilId: string): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(
    em,
    `SELECT count(*)::int AS count FROM users WHERE role = 'council_member' AND council_id = $1`,
    [councilId],
  );
  return count;
}

function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  planUrl(planId: string): string {
    return `${this.config.publicUrl}/plans/${planId}`;
  }

  async recordPosition(
    user: AuthUser | undefined,
    planId: string,
    input: { position: PositionKind; text: string; recommendations?: string[] },
  ): Promise<{ id: string; position: PositionKind; createdAt: string; recommendations: { id: string; text: string; responseDueAt: string }[] }> {
    const recommendations = (input.recommendations ?? []).map((r) => r.trim()).filter((r) => r.length > 0);
    try {
      return await this.db.transaction(async (em) => {
        // A share lock on the plan row: positions may be recorded in parallel, but not while the review closes.
        const { plan, organization } = await loadPlan(em, planId);
        assertCouncilMemberFor(user, organization);
        await em.query('SELECT id FROM plans WHERE id = $1 FOR SHARE', [planId]);
        const now = this.clock.now();
        const window = reviewWindow(plan, await em.getRepository(ReviewConclusion).exist({ where: { planId } }), now);
        if (window === 'not_started') throw new AppError('PROTOCOL_NOT_PUBLISHED');
        if (window === 'closed') throw new AppError('REVIEW_CLOSED');
        if (input.position === 'endorse_with_recommendations' && recommendations.length === 0) {
          throw new AppError('VALIDATION_FAILED', { details: 'recommendations: required for endorse_with_recommendations' });
        }
        if (input.position === 'endorse' && recommendations.length > 0) {
          throw new AppError('VALIDATION_FAILED', { details: 'recommendations: use endorse_with_recommendations' });
        }
        if (await em.getRepository(ReviewPosition).exist({ where: { planId, memberId: user.id } })) throw new AppError('POSITION_EXISTS');
        const position = await em.getRepository(ReviewPosition).save({ planId, memberId: user.id, position: input.position, text: input.text, createdAt: now });
        const cal = await this.calendars.calendar();
        const due = recommendationResponseDueAt(now, organization.timeZone, cal, this.config.procedure);
        const saved = recommendations.length
          ? await em.getRepository(Recommendation).save(
              recommendations.map((text, i) => ({ planId, positionId: position.id, text, createdAt: new Date(now.getTime() + i), responseDueAt: due, respondedAt: null })),
            )
          : [];
        return {
          id: position.id,
          position: position.position,
          createdAt: now.toISOString(),
          recommendations: saved.map((r) => ({ id: r.id, text: r.text, responseDueAt: r.responseDueAt.toISOString() })),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'review_positions_plan_member_uq')) throw new AppError('POSITION_EXISTS');
      throw error;
    }
  }

  async closeByChair(user: AuthUser | undefined, planId: string): Promise<ConclusionView> {
    const view = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertCouncilMemberFor(user, organization);
      if (!user.isChair) throw new AppError('NOT_CHAIR');
      if (!plan.protocolPublishedAt) throw new AppError('PROTOCOL_NOT_PUBLISHED');
      const conclusion = await this.close(em, plan, organization, 'chair', user.id);
      if (!conclusion) throw new AppError('REVIEW_CLOSED');
      return conclusionView(conclusion);
    });
    this.dispatcher.kick();
    return view;
  }

  /**
   * Computes and stores the conclusion (once: the unique plan index) and queues the e-mails, in the
   * caller's transaction, which must hold the plan row locked. Null when it was closed already.
   */
  async close(em: EntityManager, plan: Plan, organization: Organization, closedBy: 'chair' | 'deadline', userId: string | null): Promise<ReviewConclusion | null> {
    const now = this.clock.now();
    const positions = await queryRows<{ position: PositionKind }>(em, 'SELECT position FROM review_positions WHERE plan_id = $1', [plan.id]);
    const figures = computeConclusion(
      positions.map((p) => p.position),
      await councilMembersCount(em, organization.councilId),
    );
    const inserted = await queryRows<{ id: string }>(
      em,
      `INSERT INTO review_conclusions (plan_id, council_id, closed_at, closed_by, closed_by_user_id, members_count, positions_count,
                                       endorse_count, endorse_with_recommendations_count, object_count, result, quorum)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (plan_id) DO NOTHING RETURNING id`,
      [plan.id, organization.councilId, now, closedBy, userId, figures.membersCount, figures.positionsCount, figures.endorseCount,
        figures.endorseWithRecommendationsCount, figures.objectCount, figures.result, figures.quorum],
    );
    if (inserted.length === 0) return null;
    const conclusion = await em.getRepository(ReviewConclusion).findOneByOrFail({ id: inserted[0].id });
    const recipients = await queryRows<Recipient>(
      em,
      `SELECT id, email, locale, display_name FROM users
        WHERE (role = 'organizer' AND organization_id = $1) OR (role = 'council_member' AND council_id = $2)`,
      [organization.id, organization.councilId],
    );
    await this.outbox.enqueue(
      em,
      recipients.map((r) =>
        conclusionEmail(r, {
          conclusionId: conclusion.id,
          planTitle: plan.title,
          planUrl: this.planUrl(plan.id),
          result: figures.result,
          quorum: figures.quorum,
          positionsCount: figures.positionsCount,
          membersCount: figures.membersCount,
        }),
      ),
    );
    return conclusion;
  }

  async respond(
    user: AuthUser | undefined,
    recommendationId: string,
    input: { accepted: boolean; text: string; reason?: string },
    correction: boolean,
  ): Promise<{ id: string; version: number; accepted: boolean; text: string; publishedAt: string; late: boolean }> {
    if (!isUuid(recommendationId)) throw new AppError('RECOMMENDATION_NOT_FOUND');
    try {
      const result = await this.db.transaction(async (em) => {
        const rec = await em.getRepository(Recommendation).findOne({ where: { id: recommendationId }, lock: { mode: 'pessimistic_write' } });
        if (!rec) throw new AppError('RECOMMENDATION_NOT_FOUND');
        const { plan } = await loadPlan(em, rec.planId);
        assertOrganizerOf(user, plan);
        const now = this.clock.now();
        const [{ max }] = await queryRows<{ max: number | null }>(em, 'SELECT max(version)::int AS max FROM recommendation_responses WHERE recommendation_id = $1', [rec.id]);
        if (!correction && max !== null) throw new AppError('ALREADY_RESPONDED');
        if (correction && max === null) throw new AppError('NOT_RESPONDED');
        const late = correction ? false : now.getTime() > rec.responseDueAt.getTime();
        const saved = await em.getRepository(RecommendationResponse).save({
          recommendationId: rec.id,
          version: (max ?? 0) + 1,
          accepted: input.accepted,
          text: input.text,
          authorId: user.id,
          publishedAt: now,
          late,
          correctionReason: correction ? (input.reason ?? null) : null,
        });
        if (!correction) await em.update(Recommendation, { id: rec.id }, { respondedAt: now });
        const members = await queryRows<Recipient>(
          em,
          `SELECT u.id, u.email, u.locale, u.display_name FROM review_positions p JOIN users u ON u.id = p.member_id WHERE p.id = $1`,
          [rec.positionId],
        );
        await this.outbox.enqueue(
          em,
          members.map((m) =>
            responseEmail(m, { responseId: saved.id, planTitle: plan.title, planUrl: this.planUrl(plan.id), recommendation: rec.text, accepted: input.accepted, text: input.text, correction }),
          ),
        );
        return { id: saved.id, version: saved.version, accepted: saved.accepted, text: saved.text, publishedAt: now.toISOString(), late };
      });
      this.dispatcher.kick();
      return result;
    } catch (error) {
      if (isUniqueViolation(error, 'recommendation_responses_version_uq')) throw new AppError(correction ? 'VALIDATION_FAILED' : 'ALREADY_RESPONDED', { details: 'version' });
      throw error;
    }
  }
}
