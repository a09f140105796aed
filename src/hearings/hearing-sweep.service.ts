import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { SingleFlight } from '../common/single-flight';
import { claimEach } from '../common/sweep-loop';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { PlanRecipientsRepository } from '../plans/plan-recipients.repository';
import { PlansRepository } from '../plans/plans.repository';
import { localDate } from '../procedure/deadlines';
import { overdueEmails, reminderEmails, toRecipients } from './hearing-mail';
import { HearingSweepRepository, ReminderCandidate } from './hearing-sweep.repository';
import { HearingsRepository } from './hearings.repository';

export interface HearingSweepResult {
  reminders: number;
  overdue: number;
}

/**
 * Time-driven hearing duties, safe to run on several instances at once and to repeat:
 * a conditional UPDATE decides who does the work, in the same transaction as the queued e-mails.
 */
@Injectable()
export class HearingSweepService {
  private readonly logger = new Logger(HearingSweepService.name);
  private readonly pass = new SingleFlight(this.logger, 'hearing sweep');

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly sweeps: HearingSweepRepository,
    private readonly hearings: HearingsRepository,
    private readonly plans: PlansRepository,
    private readonly recipients: PlanRecipientsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) await this.pass.run(() => this.runOnce());
  }

  async runOnce(): Promise<HearingSweepResult> {
    const reminders = await this.reminders();
    const overdue = await this.overdue();
    if (reminders + overdue > 0) this.dispatcher.kick();
    return { reminders, overdue };
  }

  /** The working day before the hearing (local), once per start time. Returns hearings reminded. */
  private async reminders(): Promise<number> {
    const now = this.clock.now();
    const candidates = await this.sweeps.reminderCandidates(this.db, now);
    const calendar = await this.calendars.calendar();
    const due = candidates.filter((c) => localDate(now, c.time_zone) >= calendar.previousWorkingDayBefore(c.local_date));
    return claimEach(this.db, due, (em, c) => this.remind(em, c));
  }

  private async remind(em: EntityManager, c: ReminderCandidate): Promise<boolean> {
    if (!(await this.sweeps.claimReminder(em, c.id, c.starts_at))) return false;
    const hearing = await this.hearings.byId(em, c.id);
    const { plan, organization } = (await this.plans.withOrganization(em, hearing.planId))!;
    const recipients = toRecipients(await this.recipients.audience(em, plan.id, ['follow', 'hearing_signup']), this.config.defaultLocale);
    await this.outbox.enqueue(em, reminderEmails(this.config, plan, organization, hearing, recipients));
    return true;
  }

  /** Plans whose hearing deadline passed without a held hearing or a protocol: marked overdue once. */
  private async overdue(): Promise<number> {
    const now = this.clock.now();
    const candidates = await this.sweeps.overdueCandidates(this.db, now);
    return claimEach(this.db, candidates, async (em, c) => {
      if (!(await this.sweeps.claimOverdue(em, c.id, now))) return false;
      const { plan, organization } = (await this.plans.withOrganization(em, c.id))!;
      const recipients = toRecipients(
        await this.recipients.officials(em, organization.id, organization.councilId),
        this.config.defaultLocale,
      );
      await this.outbox.enqueue(em, overdueEmails(this.config, plan, recipients));
      return true;
    });
  }
}
