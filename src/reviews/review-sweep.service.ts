import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { SingleFlight } from '../common/single-flight';
import { claimEach, whileFull } from '../common/sweep-loop';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxDispatcher } from '../notifications/outbox.dispatcher';
import { loadPlan } from '../plans/plan-access';
import { ReviewSweepRepository } from './review-sweep.repository';
import { ReviewsService } from './reviews.service';

const BATCH = 100;

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
    private readonly sweeps: ReviewSweepRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) await this.pass.run(() => this.runOnce());
  }

  /** Closes every review past its period; returns how many were closed by this run. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    // Another instance may close some of a page first; a page that closes none ends the run.
    const closed = await whileFull(1, async () =>
      claimEach(this.db, await this.sweeps.due(this.db, now, BATCH), async (em, { id }) => {
        const { plan, organization } = await loadPlan(em, id, true);
        return (await this.reviews.close(em, plan, organization, 'deadline', null)) !== null;
      }),
    );
    if (closed > 0) this.dispatcher.kick();
    return closed;
  }
}
