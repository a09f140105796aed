import { Council } from '../organizations/council.entity';
import { Plan } from '../plans/plan.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type ConclusionResult = 'endorsed' | 'endorsed_with_recommendations' | 'objected' | 'no_majority' | 'no_positions';

/** The council's published conclusion, computed once when the review closes; never edited. */
@Entity('review_conclusions')
/** A council's conclusions, newest first (web/council). */
@Index('review_conclusions_council_closed_idx', ['councilId', 'closedAt', 'id'])
/** Conclusions since the OCDS sync's last pass (open-data/ocds). */
@Index('review_conclusions_closed_idx', ['closedAt'])
export class ReviewConclusion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('review_conclusions_plan_uq', { unique: true })
  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'review_conclusions_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'review_conclusions_council_id_fk' })
  council?: Council;

  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt: Date;

  /** 'chair' when the chair closed it, 'deadline' when the period ended. */
  @Column({ name: 'closed_by', type: 'varchar', length: 16 })
  closedBy: 'chair' | 'deadline';

  @Column({ name: 'closed_by_user_id', type: 'uuid', nullable: true })
  closedByUserId: string | null;

  @Column({ name: 'members_count', type: 'integer' })
  membersCount: number;

  @Column({ name: 'positions_count', type: 'integer' })
  positionsCount: number;

  @Column({ name: 'endorse_count', type: 'integer' })
  endorseCount: number;

  @Column({ name: 'endorse_with_recommendations_count', type: 'integer' })
  endorseWithRecommendationsCount: number;

  @Column({ name: 'object_count', type: 'integer' })
  objectCount: number;

  @Column({ type: 'varchar', length: 32 })
  result: ConclusionResult;

  /** More than half of the council's members recorded a position. */
  @Column({ type: 'boolean' })
  quorum: boolean;
}
