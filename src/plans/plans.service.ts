import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { missingTranslations, translationExists, translationRequired } from '../common/errors/translation-errors';
import type { Locale } from '../common/i18n/locale';
import { LocalizedText, STATE_LANGUAGES } from '../common/i18n/localized-text';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { hearingDeadlineDate, stage1Window } from '../procedure/deadlines';
import { decodeCursor, encodeCursor } from './cursor';
import { assertOrganizerOf, assertVisible, loadPlan } from './plan-access';
import { Plan } from './plan.entity';
import { planView, PlanView } from './plan-view';
import { addTranslations } from '../common/i18n/add-translations';
import { CreatePlanDto, ListPlansQuery, PlanTranslationsDto, UpdatePlanDto } from './plans.dto';
import { DraftChanges, PlansRepository } from './plans.repository';

/** A text the DTO validated as non-blank. */
function required(text: LocalizedText | null): LocalizedText {
  if (!text) throw new AppError('VALIDATION_FAILED');
  return text;
}

@Injectable()
export class PlansService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly plans: PlansRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A draft; a text sent as a string is in `lang` (Content-Language, else the sender's language). */
  async create(user: AuthUser, dto: CreatePlanDto, lang: Locale): Promise<{ id: string; status: 'draft' }> {
    if (!user.organizationId) throw new AppError('FORBIDDEN');
    const plan = await this.plans.createDraft(this.db, {
      organizationId: user.organizationId,
      createdBy: user.id,
      title: required(LocalizedText.fromInput(dto.title, lang)),
      description: required(LocalizedText.fromInput(dto.description, lang)),
      subjectCode: dto.subjectCode,
      amount: dto.amount,
      method: dto.method,
      plannedQuarter: dto.plannedQuarter ?? null,
      deliveryPlace: LocalizedText.fromInput(dto.deliveryPlace, lang),
    });
    return { id: plan.id, status: 'draft' };
  }

  /**
   * Changes a draft: each field sent replaces the draft's (a text in every language at once; null
   * removes the delivery place). PLAN_NOT_DRAFT once published: a published text only gains translations.
   */
  async update(user: AuthUser, planId: string, dto: UpdatePlanDto, lang: Locale): Promise<PlanView> {
    const plan = await this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (plan.publishedAt) throw new AppError('PLAN_NOT_DRAFT');
      const changes: DraftChanges = {};
      if (dto.title !== undefined) changes.title = required(LocalizedText.fromInput(dto.title, lang));
      if (dto.description !== undefined) changes.description = required(LocalizedText.fromInput(dto.description, lang));
      if (dto.subjectCode !== undefined) changes.subjectCode = dto.subjectCode;
      if (dto.amount !== undefined) changes.amount = dto.amount;
      if (dto.method !== undefined) changes.method = dto.method;
      if (dto.plannedQuarter !== undefined) changes.plannedQuarter = dto.plannedQuarter;
      if (dto.deliveryPlace !== undefined) changes.deliveryPlace = LocalizedText.fromInput(dto.deliveryPlace, lang);
      if (Object.keys(changes).length > 0) await this.plans.updateDraft(em, plan.id, changes);
      return Object.assign(plan, changes);
    });
    return (await this.views(this.db.manager, [plan], this.clock.now()))[0];
  }

  /**
   * Adds the languages a plan's texts lack, at any time after publication too. Not a correction: a
   * language already there with another text is 409 TRANSLATION_EXISTS, the same text again writes
   * nothing; nobody is told.
   */
  async addTranslations(user: AuthUser, planId: string, dto: PlanTranslationsDto, lang: Locale): Promise<PlanView> {
    const plan = await this.db.transaction(async (em) => {
      const { plan } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      const result = addTranslations(
        { title: plan.title, description: plan.description, deliveryPlace: plan.deliveryPlace },
        { title: dto.title, description: dto.description, deliveryPlace: dto.deliveryPlace },
        lang,
      );
      if (result.conflicts.length > 0) throw translationExists(result.conflicts, result.conflictFields);
      if (Object.keys(result.changes).length > 0) await this.plans.updateDraft(em, plan.id, result.changes);
      return Object.assign(plan, result.changes);
    });
    return (await this.views(this.db.manager, [plan], this.clock.now()))[0];
  }

  /** Publication time comes from the clock; the stage 1 window and hearing deadline are fixed now. */
  async publish(user: AuthUser, planId: string): Promise<PlanView> {
    const calendar = await this.calendars.calendar();
    const plan = await this.db.transaction(async (em) => {
      const { plan, organization } = await loadPlan(em, planId, true);
      assertOrganizerOf(user, plan);
      if (plan.publishedAt) throw new AppError('PLAN_NOT_DRAFT');
      if (this.config.stateLanguagesRequired) {
        const missing = missingTranslations({ title: plan.title, description: plan.description }, STATE_LANGUAGES);
        if (missing.length > 0) throw translationRequired(missing);
      }
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

  /** A plan's hidden remarks by reason, for GET /plans/{id} (the plan record). */
  hiddenByReason(planId: string): Promise<{ reason: string; count: number }[]> {
    return this.plans.hiddenByReason(this.db.manager, planId);
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
