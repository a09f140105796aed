import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { SubscriptionKind } from './plan-subscription.entity';

/** Following a plan and signing up for its hearing, and unsubscribing from its news; all idempotent. */
@Injectable()
export class PlanSubscriptionsRepository {
  /**
   * Following again (or signing up) also takes back an earlier unsubscribe from the plan's news. `at` is
   * the clock's time (the account page shows it), as every write's.
   */
  async add(db: DataSource, planId: string, userId: string, kind: SubscriptionKind, at: Date): Promise<void> {
    await queryRows(
      db,
      `WITH back AS (DELETE FROM plan_news_opt_outs WHERE plan_id = $1 AND user_id = $2)
       INSERT INTO plan_subscriptions (plan_id, user_id, kind, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [planId, userId, kind, at],
    );
  }

  /**
   * The unsubscribe link of a news e-mail: no more following or hearing sign-up, and no more news as a
   * participant either (plan_news_opt_outs, read by notOptedOutOfNews). One statement, so a repeat is harmless.
   */
  async optOutOfNews(db: DataSource, planId: string, userId: string, at: Date): Promise<void> {
    await queryRows(
      db,
      `WITH gone AS (DELETE FROM plan_subscriptions WHERE plan_id = $1 AND user_id = $2)
       INSERT INTO plan_news_opt_outs (plan_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [planId, userId, at],
    );
  }

  /** Whom an unsubscribe link names, and of which plan: null when either is unknown. */
  async newsTarget(
    db: DataSource,
    planId: string,
    userId: string,
  ): Promise<{ email: string; title: Record<string, string>; opted_out: boolean } | null> {
    const [row] = await queryRows<{ email: string; title: Record<string, string>; opted_out: boolean }>(
      db,
      `SELECT u.email, p.title,
              EXISTS (SELECT 1 FROM plan_news_opt_outs o WHERE o.plan_id = p.id AND o.user_id = u.id) AS opted_out
         FROM users u CROSS JOIN plans p WHERE u.id = $2 AND p.id = $1`,
      [planId, userId],
    );
    return row ?? null;
  }

  async remove(db: DataSource, planId: string, userId: string, kind: SubscriptionKind): Promise<void> {
    await queryRows(db, `DELETE FROM plan_subscriptions WHERE plan_id = $1 AND user_id = $2 AND kind = $3`, [planId, userId, kind]);
  }
}
