import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { hearingDeadlineDate, stage1Window } from '../procedure/deadlines';
import { decodeCursor, encodeCursor } from './cursor';
import { assertOrganizerOf, assertVisible, loadPlan } from './plan-access';
import { Plan } from './plan.entity';
import { planView, PlanView } from './plan-view';
import { CreatePlanDto, ListPlansQuery } from './plans.dto';
import { PlansRepository } from './plans.repository';

@Injectable()
export class PlansService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly plans: PlansRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, dto: CreatePlanDto): Promise<{ id: string; status: 'draft' }> {
    if (!user.organizationId) throw new AppError('FORBIDDEN');
    const plan = await this.plans.createDraft(this.db, {
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
      await this.plans.publish(em, plan.id, {
        publishedAt: plan.publishedAt,
        stage1ClosesAt: plan.stage1ClosesAt,
        stage1CloseDate: plan.stage1CloseDate,
        hearingDeadlineDate: plan.hearingDeadlineDate,
      });
      return plan;
    });
    return (await this.views(this.db.manager, [plan], this.clock.now()))[0];
  }

  /** One plan as the list shows it (the steps after stage 1 are the plan record's), if the user may see it. */
  async view(user: AuthUser | undefined, planId: string, now: Date): Promise<PlanView> {
    const { plan } = await loadPlan(this.db.manager, planId);
    assertVisible(user, plan);
    return (await this.views(this.db.manager, [plan], now))[0];
  }

  /**
   * Published plans, newest publication first; an organizer asking for status=draft sees their own
   * organization's drafts (newest first). Keyset pagination, so deep pages cost the same.
   */
  async list(user: AuthUser | undefined, query: ListPlansQuery): Promise<{ items: PlanView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const drafts = query.status === 'draft';
    if (drafts && (user?.role !== 'organizer' || !user.organizationId)) return { items: [], nextCursor: null };
    const draftsOf = drafts ? user!.organizationId : null;
    const rows = await this.plans.pageIds(this.db, { ...query, draftsOf, cursor: decodeCursor(query.cursor), limit }, now);
    const ids = rows.slice(0, limit);
    const plans = await this.plans.byIds(this.db.manager, ids);
    const byId = new Map(plans.map((p) => [p.id, p]));
    const ordered = ids.map((id) => byId.get(id)!);
    const items = await this.views(this.db.manager, ordered, now);
    const last = ordered[ordered.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ t: (drafts ? last.createdAt : last.publishedAt!).toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  }

  /** Views of several plans in their given order: organizations and remark counts in two batched queries whatever their number. */
  private async views(em: EntityManager, plans: Plan[], now: Date): Promise<PlanView[]> {
    if (plans.length === 0) return [];
    const orgs = await this.plans.organizations(em, [...new Set(plans.map((p) => p.organizationId))]);
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const counts = await this.plans.remarkCounts(
      em,
      plans.map((p) => p.id),
    );
    return plans.map((p) => planView(p, orgById.get(p.organizationId)!, counts.get(p.id) ?? { remarks: 0, answered: 0 }, now));
  }
}
