import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import type { Locale } from '../../common/i18n/locale';
import type { AuthUser } from '../../identity/auth/auth-user';
import { PlanRecordService } from '../../plan-record/plan-record.service';
import { assertOrganizerOf, loadPlan } from '../../plans/plan-access';
import type { PlanWithOrganization } from '../../plans/plans.repository';
import type { StepData } from './organizer-steps.pages';
import { OrganizationRow, OrganizerPagesRepository } from './organizer-pages.repository';

/** The confirmations of ?done=... after a successful POST. */
const FLASH: Record<string, keyof Catalogue['pages']['organizer']> = {
  created: 'created',
  published: 'published',
  answered: 'answered',
  scheduled: 'scheduledFlash',
  cancelled: 'cancelledFlash',
  protocol: 'protocolFlash',
  notice: 'noticeFlash',
  response: 'responseFlash',
  outcome: 'outcomeFlash',
};

export function organizerFlash(locale: Locale, done: unknown): string | null {
  if (done === 'corrected') return texts(locale).councilCheck.organizer.correctedFlash;
  if (done === 'saved') return texts(locale).pages.planTexts.draftSaved;
  if (done === 'translated') return texts(locale).pages.planTexts.translationsSaved;
  return typeof done === 'string' && FLASH[done] ? (texts(locale).pages.organizer[FLASH[done]] as string) : null;
}

/** What the organizer's pages read: the user's organization and its plan items, through plan-access as in the API. */
@Injectable()
export class OrganizerView {
  constructor(
    private readonly queries: OrganizerPagesRepository,
    private readonly records: PlanRecordService,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The signed-in organizer's organization. */
  async organization(user: AuthUser): Promise<OrganizationRow> {
    const organization = user.organizationId ? await this.queries.organization(user.organizationId) : null;
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
    return organization;
  }

  /** A plan item of the user's organization (plan-access: another's draft is 404, another's plan 403). */
  async ownPlan(user: AuthUser, id: string): Promise<PlanWithOrganization> {
    const found = await loadPlan(this.db.manager, id);
    assertOrganizerOf(user, found.plan);
    return found;
  }

  /** An own plan item with every step so far, for the pages of its steps. */
  async step(user: AuthUser, id: string, locale: Locale, done?: unknown): Promise<StepData> {
    const { plan } = await this.ownPlan(user, id);
    const [view, organization] = await Promise.all([this.records.get(user, id), this.queries.organization(plan.organizationId)]);
    return { now: this.clock.now(), view, organization: organization!, flash: organizerFlash(locale, done) };
  }

  /** The plan hub's data: the step data and the plan's hidden remarks, read together. */
  async hub(
    user: AuthUser,
    id: string,
    locale: Locale,
    done?: unknown,
  ): Promise<StepData & { hidden: { hidden: number; unanswered: number } }> {
    const { plan } = await this.ownPlan(user, id);
    const [view, organization, hidden] = await Promise.all([
      this.records.get(user, id),
      this.queries.organization(plan.organizationId),
      this.queries.hiddenRemarks(plan.id),
    ]);
    return { now: this.clock.now(), view, organization: organization!, flash: organizerFlash(locale, done), hidden };
  }
}
