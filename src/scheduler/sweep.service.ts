import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { NewEmail, OutboxService } from '../notifications/outbox.service';
import { localDate, stage2AnswerDueAt } from '../procedure/deadlines';
import { renderOverdueDigestEmail, renderStage1ClosedEmail, renderStage2ClosedEmail } from './sweep-emails';
import { SingleFlight } from './single-flight';

const BATCH = 1000;

interface Staff {
  id: string;
  email: string;
  locale: string;
  organization_id: string;
}

/**
 * The periodic sweep: performs the side effects of deadlines that have passed. Each item is claimed
 * by a conditional UPDATE (... IS NULL) in the same transaction that queues its e-mails, so running
 * twice, concurrently on several instances, or late after downtime sends each e-mail once.
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('sweep', 60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) await this.pass.run(() => this.runOnce());
  }

  /** One full pass; returns how many items were claimed. */
  async runOnce(): Promise<{ stage1Closed: number; overdueRemarks: number; stage2Closed: number }> {
    const now = this.clock.now();
    let stage1Closed = 0;
    let overdueRemarks = 0;
    let stage2Closed = 0;
    for (;;) {
      const n = await this.db.transaction((em) => this.stage1ClosedBatch(em, now));
      stage1Closed += n;
      if (n < BATCH) break;
    }
    for (;;) {
      const n = await this.db.transaction((em) => this.stage2ClosedBatch(em, now));
      stage2Closed += n;
      if (n < BATCH) break;
    }
    for (;;) {
      const n = await this.db.transaction((em) => this.overdueBatch(em, now));
      overdueRemarks += n;
      if (n < BATCH) break;
    }
    if (stage1Closed + overdueRemarks + stage2Closed > 0) this.dispatcher.kick();
    return { stage1Closed, overdueRemarks, stage2Closed };
  }

  private staff(em: EntityManager, organizationIds: string[]): Promise<Staff[]> {
    return queryRows<Staff>(
      em,
      `SELECT id, email, locale, organization_id FROM users WHERE role = 'organizer' AND organization_id = ANY($1::uuid[]) ORDER BY id`,
      [organizationIds],
    );
  }

  private async stage1ClosedBatch(em: EntityManager, now: Date): Promise<number> {
    const plans = await queryRows<{ id: string; organization_id: string; title: string; hearing_deadline_date: string | null }>(
      em,
      `UPDATE plans SET stage1_closed_swept_at = $1
       WHERE id IN (SELECT id FROM plans WHERE stage1_closes_at < $1 AND stage1_closed_swept_at IS NULL
                    ORDER BY stage1_closes_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         AND stage1_closed_swept_at IS NULL
       RETURNING id, organization_id, title, to_char(hearing_deadline_date, 'YYYY-MM-DD') AS hearing_deadline_date`,
      [now],
    );
    if (plans.length === 0) return 0;
    const counts = await queryRows<{ plan_id: string; remarks: string; unanswered: string }>(
      em,
      `SELECT plan_id, count(*) FILTER (WHERE stage = 1) AS remarks, count(*) FILTER (WHERE stage = 1 AND answered_at IS NULL) AS unanswered
       FROM remarks WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id`,
      [plans.map((p) => p.id)],
    );
    const countOf = new Map(counts.map((c) => [c.plan_id, c]));
    const staff = await this.staff(em, [...new Set(plans.map((p) => p.organization_id))]);
    const emails: NewEmail[] = [];
    for (const plan of plans) {
      const c = countOf.get(plan.id);
      for (const user of staff.filter((s) => s.organization_id === plan.organization_id)) {
        const mail = renderStage1ClosedEmail({
          locale: user.locale,
          planTitle: plan.title,
          remarks: Number(c?.remarks ?? 0),
          unanswered: Number(c?.unanswered ?? 0),
          hearingDeadlineDate: plan.hearing_deadline_date,
          url: `${this.config.publicUrl}/plans/${plan.id}`,
        });
        emails.push({ dedupeKey: `stage1-closed:${plan.id}:${user.id}`, kind: 'stage1_closed', recipient: user.email, ...mail });
      }
    }
    await this.outbox.enqueue(em, emails);
    return plans.length;
  }

  private async stage2ClosedBatch(em: EntityManager, now: Date): Promise<number> {
    const plans = await queryRows<{ id: string; organization_id: string; title: string; stage2_closes_at: Date; time_zone: string }>(
      em,
      `UPDATE plans p SET stage2_closed_swept_at = $1
       FROM organizations o
       WHERE o.id = p.organization_id
         AND p.id IN (SELECT id FROM plans WHERE stage2_closes_at < $1 AND stage2_closed_swept_at IS NULL
                      ORDER BY stage2_closes_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         AND p.stage2_closed_swept_at IS NULL
       RETURNING p.id, p.organization_id, p.title, p.stage2_closes_at, o.time_zone`,
      [now],
    );
    if (plans.length === 0) return 0;
    const counts = await queryRows<{ plan_id: string; remarks: string; unanswered: string }>(
      em,
      `SELECT plan_id, count(*) AS remarks, count(*) FILTER (WHERE answered_at IS NULL) AS unanswered
       FROM remarks WHERE plan_id = ANY($1::uuid[]) AND stage = 2 GROUP BY plan_id`,
      [plans.map((p) => p.id)],
    );
    const countOf = new Map(counts.map((c) => [c.plan_id, c]));
    const staff = await this.staff(em, [...new Set(plans.map((p) => p.organization_id))]);
    const calendar = await this.calendars.calendar();
    const emails: NewEmail[] = [];
    for (const plan of plans) {
      const c = countOf.get(plan.id);
      const closeDate = localDate(new Date(plan.stage2_closes_at), plan.time_zone);
      const answersDueDate = localDate(stage2AnswerDueAt(closeDate, plan.time_zone, calendar, this.config.procedure), plan.time_zone);
      for (const user of staff.filter((s) => s.organization_id === plan.organization_id)) {
        const mail = renderStage2ClosedEmail({
          locale: user.locale,
          planTitle: plan.title,
          remarks: Number(c?.remarks ?? 0),
          unanswered: Number(c?.unanswered ?? 0),
          answersDueDate,
          url: `${this.config.publicUrl}/plans/${plan.id}`,
        });
        emails.push({ dedupeKey: `stage2-closed:${plan.id}:${user.id}`, kind: 'stage2_closed', recipient: user.email, ...mail });
      }
    }
    await this.outbox.enqueue(em, emails);
    return plans.length;
  }

  private async overdueBatch(em: EntityManager, now: Date): Promise<number> {
    const claimed = await queryRows<{ plan_id: string }>(
      em,
      `UPDATE remarks SET overdue_swept_at = $1
       WHERE id IN (SELECT id FROM remarks WHERE answered_at IS NULL AND overdue_swept_at IS NULL AND answer_due_at < $1
                    ORDER BY answer_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         AND overdue_swept_at IS NULL
       RETURNING plan_id`,
      [now],
    );
    if (claimed.length === 0) return 0;
    const planIds = [...new Set(claimed.map((r) => r.plan_id))];
    const plans = await queryRows<{ id: string; organization_id: string; title: string; time_zone: string; overdue: string }>(
      em,
      `SELECT p.id, p.organization_id, p.title, o.time_zone,
              (SELECT count(*) FROM remarks r WHERE r.plan_id = p.id AND r.answered_at IS NULL AND r.answer_due_at < $2) AS overdue
       FROM plans p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ANY($1::uuid[])`,
      [planIds, now],
    );
    const staff = await this.staff(em, [...new Set(plans.map((p) => p.organization_id))]);
    const emails: NewEmail[] = [];
    for (const plan of plans) {
      const day = localDate(now, plan.time_zone);
      for (const user of staff.filter((s) => s.organization_id === plan.organization_id)) {
        const mail = renderOverdueDigestEmail({ locale: user.locale, planTitle: plan.title, overdue: Number(plan.overdue), url: `${this.config.publicUrl}/plans/${plan.id}` });
        emails.push({ dedupeKey: `answers-overdue:${plan.id}:${user.id}:${day}`, kind: 'answers_overdue', recipient: user.email, ...mail });
      }
    }
    await this.outbox.enqueue(em, emails);
    return claimed.length;
  }
}
