import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { OutboxService } from '../notifications/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { Plan } from '../plans/plan.entity';
import { localDate } from '../procedure/deadlines';
import { hearingEmail, overdueEmail, planAudience, planOfficials } from './hearing-mail';
import { Hearing } from './hearing.entity';
import { SingleFlight } from '../scheduler/single-flight';

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
    const candidates: { id: string; starts_at: Date; local_date: string; time_zone: string }[] = await this.db.query(
      `SELECT h.id, h.starts_at, to_char(h.local_date, 'YYYY-MM-DD') AS local_date, o.time_zone
         FROM hearings h JOIN plans p ON p.id = h.plan_id JOIN organizations o ON o.id = p.organization_id
        WHERE h.status = 'scheduled' AND h.starts_at > $1 AND h.reminder_swept_for IS DISTINCT FROM h.starts_at
          AND h.starts_at < $1::timestamptz + interval '40 days'`,
      [now],
    );
    const calendar = await this.calendars.calendar();
    let done = 0;
    for (const c of candidates) {
      const remindOn = calendar.previousWorkingDayBefore(c.local_date);
      if (localDate(now, c.time_zone) < remindOn) continue;
      const claimed = await this.db.transaction(async (em) => {
        const rows = await queryRows<{ id: string }>(
          em,
          `UPDATE hearings SET reminder_swept_for = starts_at
            WHERE id = $1 AND status = 'scheduled' AND starts_at = $2 AND reminder_swept_for IS DISTINCT FROM starts_at
            RETURNING id`,
          [c.id, c.starts_at],
        );
        if (rows.length === 0) return false;
        const hearing = await em.getRepository(Hearing).findOneOrFail({ where: { id: c.id } });
        const plan = await em.getRepository(Plan).findOneOrFail({ where: { id: hearing.planId } });
        const organization = await em.getRepository(Organization).findOneOrFail({ where: { id: plan.organizationId } });
        const recipients = await planAudience(em, plan.id, this.config.defaultLocale, true);
        await this.outbox.enqueue(
          em,
          recipients.map((r) => ({
            ...hearingEmail(this.config, 'reminder', plan, organization, hearing, r),
            dedupeKey: `hearing-reminder:${hearing.id}:${hearing.startsAt.toISOString()}:${r.id}`,
            kind: 'hearing_reminder',
            recipient: r.email,
            locale: r.locale,
          })),
        );
        return true;
      });
      if (claimed) done++;
    }
    return done;
  }

  /** Plans whose hearing deadline passed without a held hearing or a protocol: marked overdue once. */
  private async overdue(): Promise<number> {
    const now = this.clock.now();
    const candidates: { id: string }[] = await this.db.query(
      `SELECT p.id FROM plans p JOIN organizations o ON o.id = p.organization_id
        WHERE p.hearing_overdue_at IS NULL AND p.protocol_published_at IS NULL AND p.hearing_deadline_date IS NOT NULL
          AND p.hearing_deadline_date < ($1::timestamptz AT TIME ZONE o.time_zone)::date
          AND NOT EXISTS (SELECT 1 FROM hearings h WHERE h.plan_id = p.id AND h.status = 'scheduled' AND h.starts_at <= $1)`,
      [now],
    );
    let done = 0;
    for (const c of candidates) {
      const marked = await this.db.transaction(async (em) => {
        const rows = await queryRows<{ id: string }>(
          em,
          `UPDATE plans p SET hearing_overdue_at = $2
             FROM organizations o
            WHERE p.id = $1 AND o.id = p.organization_id AND p.hearing_overdue_at IS NULL AND p.protocol_published_at IS NULL
              AND p.hearing_deadline_date < ($2::timestamptz AT TIME ZONE o.time_zone)::date
              AND NOT EXISTS (SELECT 1 FROM hearings h WHERE h.plan_id = p.id AND h.status = 'scheduled' AND h.starts_at <= $2)
            RETURNING p.id`,
          [c.id, now],
        );
        if (rows.length === 0) return false;
        const plan = await em.getRepository(Plan).findOneOrFail({ where: { id: c.id } });
        const organization = await em.getRepository(Organization).findOneOrFail({ where: { id: plan.organizationId } });
        const recipients = await planOfficials(em, organization, this.config.defaultLocale);
        await this.outbox.enqueue(
          em,
          recipients.map((r) => ({
            ...overdueEmail(this.config, plan, r),
            dedupeKey: `hearing-overdue:${plan.id}:${r.id}`,
            kind: 'hearing_overdue',
            recipient: r.email,
            locale: r.locale,
          })),
        );
        return true;
      });
      if (marked) done++;
    }
    return done;
  }
}
