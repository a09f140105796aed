import { User } from '../identity/user.entity';
import { Plan } from './plan.entity';
import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export type SubscriptionKind = 'follow' | 'hearing_signup';

/** A person following a plan, or signed up for its hearing (only adds reminders; never required). */
@Entity('plan_subscriptions')
/** Every lookup by user, and the account page's keyset pages of followed plans (latest first). */
@Index('plan_subscriptions_user_idx', ['userId', 'kind', 'createdAt', 'planId'])
export class PlanSubscription {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'plan_subscriptions_plan_id_fk' })
  plan?: Plan;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'plan_subscriptions_user_id_fk' })
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: SubscriptionKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
