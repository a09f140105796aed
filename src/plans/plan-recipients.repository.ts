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

/** Who is e-mailed about a plan, each person once and in a stable order. */
@Injectable()
export class PlanRecipientsRepository {
  /** Stage-1 participants (distinct authors of stage-1 remarks) and those subscribed to the plan with one of `kinds`. */
  audience(em: EntityManager, planId: string, kinds: SubscriptionKind[]): Promise<RecipientRow[]> {
    return queryRows<RecipientRow>(
      em,
      `SELECT u.id, u.email, u.locale, u.display_name FROM users u
        WHERE u.id IN (SELECT r.author_id FROM remarks r WHERE r.plan_id = $1 AND r.stage = 1
                       UNION SELECT s.user_id FROM plan_subscriptions s WHERE s.plan_id = $1 AND s.kind = ANY($2))
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
