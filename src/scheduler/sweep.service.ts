import { isLocale } from '../common/i18n/locale';
import type { LocalizedVersions } from '../common/i18n/localized-text';
import { LocalizedText } from '../common/i18n/localized-text';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { SingleFlight } from '../common/single-flight';
import { whileFull } from '../common/sweep-loop';
import { APP_CONFIG, AppConfig } from '../config/config';
import { answersOverdueEmail } from '../notifications/emails/answers-overdue.email';
import { renderTemplate } from '../notifications/emails/render';
import { stage1ClosedEmail } from '../notifications/emails/stage1-closed.email';
import { stage2ClosedEmail } from '../notifications/emails/stage2-closed.email';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { NewEmail, OutboxService } from '../notifications/outbox.service';
import { localDate, stage2AnswerDueAt } from '../procedure/deadlines';
import { PlanClaim, RemarkCounts, Staff, SWEEP_START, SweepCursor, SweepRepository } from './sweep.repository';

const BATCH = 1000;
/** Plans settled per statement, and at most so many statements per deadline and tick (see settle). */
const SETTLE_BATCH = 500;
const SETTLE_BATCHES = 20;

/**
 * The periodic sweep: performs the side effects of deadlines that have passed. Each item is claimed
 * (a plan by its marker row in plan_deadline_sweeps, a remark by a conditional UPDATE ... IS NULL) in
 * the same transaction that queues its e-mails, so running twice, concurrently on several instances,
 * or late after downtime sends each e-mail once, and nothing is marked without its e-mails.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);
  private readonly pass = new SingleFlight(this.logger, 'sweep');

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly calendars: CalendarService,
    private readonly sweeps: SweepRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('sweep', 60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) {
      await this.pass.run(async () => {
        await this.runOnce();
        await this.settle();
      });
    }
  }

  /**
   * Settles swept plans: copies their markers into the plans' own swept-at columns, so that the
   * claims' partial indexes shrink back to the plans not yet swept and a pass no longer walks every
   * plan ever closed. At most `batches` statements of 500 plans per deadline and call, each its own
   * short transaction, after the pass (off the claims' path): a backlog of 100,000 plans swept at once
   * settles within ten ticks (five with two instances). A batch that settles fewer than 500 does not
   * end the run: the plans it skipped may be held by another instance's batch, and those after them
   * are free. Only a batch that settles none does. Returns how many plans it settled.
   */
  async settle(batches = SETTLE_BATCHES): Promise<number> {
    const now = this.clock.now();
    let settled = 0;
    for (const deadline of ['stage1_closed', 'stage2_closed'] as const) {
      for (let i = 0; i < batches; i++) {
        const n = await this.sweeps.settle(this.db, deadline, now, SETTLE_BATCH);
        settled += n;
        if (n === 0) break;
      }
    }
    return settled;
  }

  /** One full pass; returns how many items were claimed. */
  async runOnce(): Promise<{ stage1Closed: number; overdueRemarks: number; stage2Closed: number }> {
    const now = this.clock.now();
    const inBatches = (batch: (em: EntityManager) => Promise<number>) => whileFull(BATCH, () => this.db.transaction(batch));
    const stage1Closed = await this.planDeadline((em, after) => this.stage1ClosedBatch(em, now, after));
    const stage2Closed = await this.planDeadline((em, after) => this.stage2ClosedBatch(em, now, after));
    const overdueRemarks = await inBatches((em) => this.overdueBatch(em, now));
    if (stage1Closed + overdueRemarks + stage2Closed > 0) this.dispatcher.kick();
    return { stage1Closed, overdueRemarks, stage2Closed };
  }

  /**
   * One pass over the plans past a deadline, in (deadline, id) order: each batch (a transaction)
   * continues after the last plan the previous one looked at, so plans another instance holds or has
   * just marked are passed over once, not met again by every batch. Returns how many plans it claimed.
   */
  private async planDeadline(batch: (em: EntityManager, after: SweepCursor) => Promise<PlanClaim<unknown>>): Promise<number> {
    let after = SWEEP_START;
    let claimed = 0;
    for (;;) {
      const claim = await this.db.transaction((em) => batch(em, after));
      claimed += claim.claimed.length;
      if (claim.looked < BATCH) return claimed;
      after = claim.cursor;
    }
  }

  private url(planId: string): string {
    return `${this.config.publicUrl}/plans/${planId}`;
  }

  /** One e-mail per plan to each of its organization's staff. */
  private async toStaff<P extends { organization_id: string }>(
    em: EntityManager,
    plans: P[],
    email: (plan: P, user: Staff) => NewEmail,
  ): Promise<void> {
    const staff = await this.sweeps.staff(em, [...new Set(plans.map((p) => p.organization_id))]);
    await this.outbox.enqueue(
      em,
      plans.flatMap((plan) => staff.filter((s) => s.organization_id === plan.organization_id).map((user) => email(plan, user))),
    );
  }

  private async stage1ClosedBatch(em: EntityManager, now: Date, after: SweepCursor): Promise<PlanClaim<unknown>> {
    const claim = await this.sweeps.claimStage1Closed(em, now, after, BATCH);
    const plans = claim.claimed;
    if (plans.length === 0) return claim;
    const countOf = byPlan(
      await this.sweeps.stage1Counts(
        em,
        plans.map((p) => p.id),
      ),
    );
    await this.toStaff(em, plans, (plan, user) => ({
      dedupeKey: `stage1-closed:${plan.id}:${user.id}`,
      kind: 'stage1_closed',
      recipient: user.email,
      ...renderTemplate(stage1ClosedEmail, user.locale, {
        planTitle: titleFor(plan.title, user.locale),
        ...counted(countOf.get(plan.id)),
        hearingDeadlineDate: plan.hearing_deadline_date,
        url: this.url(plan.id),
      }),
    }));
    return claim;
  }

  private async stage2ClosedBatch(em: EntityManager, now: Date, after: SweepCursor): Promise<PlanClaim<unknown>> {
    const claim = await this.sweeps.claimStage2Closed(em, now, after, BATCH);
    const plans = claim.claimed;
    if (plans.length === 0) return claim;
    const countOf = byPlan(
      await this.sweeps.stage2Counts(
        em,
        plans.map((p) => p.id),
      ),
    );
    const calendar = await this.calendars.calendar();
    const answersDue = new Map(
      plans.map((plan) => {
        const closeDate = localDate(new Date(plan.stage2_closes_at), plan.time_zone);
        return [plan.id, localDate(stage2AnswerDueAt(closeDate, plan.time_zone, calendar, this.config.procedure), plan.time_zone)];
      }),
    );
    await this.toStaff(em, plans, (plan, user) => ({
      dedupeKey: `stage2-closed:${plan.id}:${user.id}`,
      kind: 'stage2_closed',
      recipient: user.email,
      ...renderTemplate(stage2ClosedEmail, user.locale, {
        planTitle: titleFor(plan.title, user.locale),
        ...counted(countOf.get(plan.id)),
        answersDueDate: answersDue.get(plan.id)!,
        url: this.url(plan.id),
      }),
    }));
    return claim;
  }

  private async overdueBatch(em: EntityManager, now: Date): Promise<number> {
    const claimed = await this.sweeps.claimOverdueRemarks(em, now, BATCH);
    if (claimed.length === 0) return 0;
    // hidden remarks need no answer (issue 16): claimed, but nobody is told about them
    const planIds = [...new Set(claimed.filter((r) => !r.hidden).map((r) => r.plan_id))];
    if (planIds.length === 0) return claimed.length;
    const plans = await this.sweeps.overduePlans(em, planIds, now);
    await this.toStaff(em, plans, (plan, user) => ({
      dedupeKey: `answers-overdue:${plan.id}:${user.id}:${localDate(now, plan.time_zone)}`,
      kind: 'answers_overdue',
      recipient: user.email,
      ...renderTemplate(answersOverdueEmail, user.locale, {
        planTitle: titleFor(plan.title, user.locale),
        overdue: Number(plan.overdue),
        url: this.url(plan.id),
      }),
    }));
    return claimed.length;
  }
}

/** A plan title (stored {kk, ru, en}) in the staff member's language, or the version there is. */
function titleFor(title: LocalizedVersions, locale: string): string {
  return LocalizedText.fromStored(title)?.text(isLocale(locale) ? locale : 'ru') ?? '';
}

function byPlan(counts: RemarkCounts[]): Map<string, RemarkCounts> {
  return new Map(counts.map((c) => [c.plan_id, c]));
}

function counted(c: RemarkCounts | undefined): { remarks: number; unanswered: number } {
  return { remarks: Number(c?.remarks ?? 0), unanswered: Number(c?.unanswered ?? 0) };
}
