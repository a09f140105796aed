import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { SubscriptionKind } from './plan-subscription.entity';

export interface RecipientRow {
  id: string;
  email: string;
  locale: string;
  display_name: string;
}

/**
 * The one condition that leaves out of a plan's news (notifications/email-kinds.ts) whoever
 * unsubscribed from it (plan_news_opt_outs, by its primary key): every query choosing the audience of
 * a news e-mail adds it, `user` and `plan` being its SQL expressions of the user id and plan id.
 */
export function notOptedOutOfNews(user: string, plan: string): string {
  return `NOT EXISTS (SELECT 1 FROM plan_news_opt_outs o WHERE o.user_id = ${user} AND o.plan_id = ${plan})`;
}

/** Who is e-mailed about a plan, each person once and in a stable order. */
@Injectable()
export class PlanRecipientsRepository {
  /**
   * Stage-1 participants (distinct authors of stage-1 remarks) and those subscribed to the plan with one
   * of `kinds`, except those who unsubscribed from the plan's news.
   */
  audience(em: EntityManager, planId: string, kinds: SubscriptionKind[]): Promise<RecipientRow[]> {
    return queryRows<RecipientRow>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name FROM users u
        WHERE u.id IN (SELECT r.author_id FROM remarks r WHERE r.plan_id = $1 AND r.stage = 1
                       UNION SELECT s.user_id FROM plan_subscriptions s WHERE s.plan_id = $1 AND s.kind = ANY($2))
          AND ${notOptedOutOfNews('u.id', '$1')}
        ORDER BY u.id`,
      [planId, kinds],
    );
  }

  /** The organizer's staff and the members of the council that oversees it. */
  officials(em: EntityManager, organizationId: string, councilId: string): Promise<RecipientRow[]> {
    return queryRows<RecipientRow>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name FROM users u
        WHERE (u.role = 'organizer' AND u.organization_id = $1) OR (u.role = 'council_member' AND u.council_id = $2)
        ORDER BY u.id`,
      [organizationId, councilId],
    );
  }
}
