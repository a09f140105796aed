import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queryRows } from '../database/query-rows';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { loadPlan } from '../plans/plan-access';
import { ReviewsService } from './reviews.service';
import { SingleFlight } from '../scheduler/single-flight';

/**
 * Closes council reviews whose period has ended (closedBy 'deadline'). Safe on any number of
 * instances: each plan is handled under its row lock and the conclusion's unique plan index makes
 * the close happen once.
 */
@Injectable()
export class ReviewSweepService {
  private readonly logger = new Logger('ReviewSweep');
  private readonly pass = new SingleFlight(this.logger, 'review sweep');

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly reviews: ReviewsService,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) await this.pass.run(() => this.runOnce());
  }

  /** Closes every review past its period; returns how many were closed by this run. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    let closed = 0;
    for (;;) {
      const due = await queryRows<{ id: string }>(
        this.db,
        `SELECT p.id FROM plans p
          WHERE p.review_closes_at IS NOT NULL AND p.review_closes_at < $1 AND p.protocol_published_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM review_conclusions c WHERE c.plan_id = p.id)
          ORDER BY p.review_closes_at LIMIT 100`,
        [now],
      );
      if (due.length === 0) break;
      let progress = 0;
      for (const { id } of due) {
        const done = await this.db.transaction(async (em) => {
          const { plan, organization } = await loadPlan(em, id, true);
          return (await this.reviews.close(em, plan, organization, 'deadline', null)) !== null;
        });
        if (done) {
          closed++;
          progress++;
        }
      }
      if (progress === 0) break;
    }
    if (closed > 0) this.dispatcher.kick();
    return closed;
  }
}
