import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { ReviewPosition } from './review-position.entity';
import { Plan } from '../plans/plan.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A council member's recommendation; the organizer must answer it within a month. */
@Entity('recommendations')
@Index('recommendations_plan_idx', ['planId', 'createdAt', 'id'])
@Index('recommendations_unanswered_due_idx', ['responseDueAt'], { where: 'responded_at IS NULL' })
export class Recommendation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'recommendations_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId: string;

  @ManyToOne(() => ReviewPosition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'position_id', foreignKeyConstraintName: 'recommendations_position_id_fk' })
  position?: ReviewPosition;

  @Column({ type: 'jsonb', transformer: localizedText })
  text: LocalizedText;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'response_due_at', type: 'timestamptz' })
  responseDueAt: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
