import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { SubscriptionKind } from './plan-subscription.entity';

/** Following a plan and signing up for its hearing; both idempotent. */
@Injectable()
export class PlanSubscriptionsRepository {
  async add(db: DataSource, planId: string, userId: string, kind: SubscriptionKind): Promise<void> {
    await queryRows(db, `INSERT INTO plan_subscriptions (plan_id, user_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      planId,
      userId,
      kind,
    ]);
  }

  async remove(db: DataSource, planId: string, userId: string, kind: SubscriptionKind): Promise<void> {
    await queryRows(db, `DELETE FROM plan_subscriptions WHERE plan_id = $1 AND user_id = $2 AND kind = $3`, [planId, userId, kind]);
  }
}
