import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { entitiesByIds } from '../database/entity-row';
import { queryRows } from '../database/query-rows';
import { AuthUser } from '../identity/auth/auth-user';
import { hearingDeadlineDate, stage1Window } from '../procedure/deadlines';
import { decodeCursor, encodeCursor } from './cursor';
import { assertOrganizerOf, assertVisible, loadPlan } from './plan-access';
import { planSearchSql, searchText } from './search';
import { Plan } from './plan.entity';
import { PlanStatus } from './plan-status';
import { withProcedureDetails } from './plan-detail';
import { buildPlanViews, PlanView } from './plan-view';
import { CreatePlanDto, ListPlansQuery } from './plans.dto';

/**
 * SQL conditions (on alias p, with $now) equivalent to planStatus() in plan-status.ts.
 * `now` is the placeholder of the clock's current time.
 */
export function statusSql(status: PlanStatus, now: string): string {
  const notClosed = `p.published_at IS NOT NULL AND p.outcome_published_at IS NULL`;
  const beforeStage2 = `(p.stage2_opens_at IS NULL OR p.stage2_opens_at > ${now})`;
  switch (status) {
    case 'draft':
      return `p.published_at IS NULL`;
    case 'closed':
      return `p.published_at IS NOT NULL AND p.outcome_published_at IS NOT NULL`;
    case 'awaiting_outcome':
      return `${notClosed} AND p.stage2_opens_at <= ${now} AND p.stage2_closes_at < ${now}`;
    case 'stage2_open':
      return `${notClosed} AND p.stage2_opens_at <= ${now} AND (p.stage2_closes_at IS NULL OR p.stage2_closes_at >= ${now})`;
    case 'council_review':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NOT NULL`;
    case 'stage1_open':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NULL AND p.stage1_closes_at >= ${now}`;
    case 'awaiting_hearing':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NULL AND (p.stage1_closes_at IS NULL OR p.stage1_closes_at < ${now})`;
  }
}

@Injectable()
export class PlansService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, dto: CreatePlanDto): Promise<{ id: string; status: 'draft' }> {
    if (!user.organizationId) throw new AppError('FORBIDDEN');
    const plan = await this.db.getRepository(Plan).save({
      organizationId: user.organizationId,
      createdBy: user.id,
      title: dto.title,
      description: dto.description,
      subjectCode: dto.subjectCode,
      amount: dto.amount,
      method: dto.method,
      plannedQuarter: dto.plannedQuarter ?? null,
      deliveryPlace: dto.deliveryPlace || null,
    });
    return { id: plan.id, status: 'draft' };
  }

  /** Publication time comes from the clock; the stage 1 window and hearing deadline are fixed now. */
  async publish(user: AuthUser, planId: string): Promise<PlanView> {
    const calendar = await this.calendars.calendar();
    const plan = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (plan.publishedAt) throw new AppError('PLAN_NOT_DRAFT');
      const now = this.clock.now();
      const window = stage1Window(now, organization.timeZone, calendar, this.config.procedure);
      plan.publishedAt = now;
      plan.stage1ClosesAt = window.closesAt;
      plan.stage1CloseDate = window.closeDate;
      plan.hearingDeadlineDate = hearingDeadlineDate(window.closeDate, this.config.procedure);
      await em.getRepository(Plan).update(plan.id, {
        publishedAt: plan.publishedAt,
        stage1ClosesAt: plan.stage1ClosesAt,
        stage1CloseDate: plan.stage1CloseDate,
        hearingDeadlineDate: plan.hearingDeadlineDate,
      });
      return plan;
    });
    return (await buildPlanViews(this.db.manager, [plan], this.clock.now()))[0];
  }

  async get(user: AuthUser | undefined, planId: string): Promise<PlanView> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    const now = this.clock.now();
    return withProcedureDetails(this.db.manager, (await buildPlanViews(this.db.manager, [plan], now))[0], now);
  }

  /**
   * Published plans, newest publication first; an organizer asking for status=draft sees their own
   * organization's drafts (newest first). Keyset pagination, so deep pages cost the same.
   */
  async list(user: AuthUser | undefined, query: ListPlansQuery): Promise<{ items: PlanView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const params: unknown[] = [];
    const where: string[] = [];
    const drafts = query.status === 'draft';
    if (drafts) {
      if (user?.role !== 'organizer' || !user.organizationId) return { items: [], nextCursor: null };
      params.push(user.organizationId);
      where.push(`p.published_at IS NULL AND p.organization_id = $${params.length}`);
    } else {
      where.push(`p.published_at IS NOT NULL`);
      if (query.status) {
        // Bind the time only if the condition uses it: Postgres cannot type an unreferenced parameter ('closed').
        const nowParam = `$${params.length + 1}::timestamptz`;
        const condition = statusSql(query.status, nowParam);
        if (condition.includes(nowParam)) params.push(now);
        where.push(condition);
      }
    }
    if (query.organizationId) {
      params.push(query.organizationId);
      where.push(`p.organization_id = $${params.length}`);
    }
    if (query.q?.trim()) {
      params.push(searchText(query.q.trim()));
      where.push(planSearchSql(`$${params.length}`));
    }
    const sortCol = drafts ? 'p.created_at' : 'p.published_at';
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      params.push(cursor.t, cursor.id);
      where.push(`(${sortCol}, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = await queryRows<{ id: string }>(
      this.db,
      `SELECT p.id FROM plans p WHERE ${where.join(' AND ')}
       ORDER BY ${sortCol} DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );
    const ids = rows.slice(0, limit).map((r) => r.id);
    const plans = await entitiesByIds(this.db.manager, Plan, ids);
    const byId = new Map(plans.map((p) => [p.id, p]));
    const ordered = ids.map((id) => byId.get(id)!);
    const items = await buildPlanViews(this.db.manager, ordered, now);
    const last = ordered[ordered.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ t: (drafts ? last.createdAt : last.publishedAt!).toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  }
}
