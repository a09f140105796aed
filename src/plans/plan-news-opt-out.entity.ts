import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Plan } from './plan.entity';

/**
 * A person who unsubscribed from the news of one plan (the List-Unsubscribe link of its e-mails): no
 * more hearing news, reminders, protocol, stage-2 and outcome news about it, though they took part in
 * stage 1. Following the plan or signing up for its hearing again removes it. E-mails the procedure
 * owes the person (the answer to their remark, moderation, commitments) are not affected.
 */
@Entity('plan_news_opt_outs')
@Index('plan_news_opt_outs_plan_idx', ['planId'])
export class PlanNewsOptOut {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'plan_news_opt_outs_user_id_fk' })
  user?: User;

  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'plan_news_opt_outs_plan_id_fk' })
  plan?: Plan;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
