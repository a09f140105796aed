import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const POSITIONS = ['endorse', 'endorse_with_recommendations', 'object'] as const;
export type PositionKind = (typeof POSITIONS)[number];

/** One council member's recorded position on the hearing protocol; one per member and plan. */
@Entity('review_positions')
@Check('review_positions_position_ck', "position IN ('endorse','endorse_with_recommendations','object')")
@Index('review_positions_plan_member_uq', ['planId', 'memberId'], { unique: true })
export class ReviewPosition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'review_positions_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'review_positions_member_id_fk' })
  member?: User;

  @Column({ type: 'varchar', length: 32 })
  position: PositionKind;

  @Column({ type: 'jsonb', transformer: localizedText })
  text: LocalizedText;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
