import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import { Commitment } from './commitment.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const COMMITMENT_VERDICTS = ['confirmed', 'disputed'] as const;
export type CommitmentVerdictKind = (typeof COMMITMENT_VERDICTS)[number];

/**
 * The remark author's confirmation or dispute of a commitment version. Never updated: a changed
 * verdict is a new row. A dispute files a stage-2 remark of the author (`disputeRemarkId`).
 */
@Entity('commitment_verdicts')
@Check('commitment_verdicts_verdict_ck', "verdict IN ('confirmed','disputed')")
@Check('commitment_verdicts_reason_ck', "verdict = 'confirmed' OR reason IS NOT NULL")
@Index('commitment_verdicts_commitment_idx', ['commitmentId', 'createdAt', 'id'])
@Index('commitment_verdicts_plan_idx', ['planId', 'remarkId'])
@Index('commitment_verdicts_dispute_uq', ['disputeRemarkId'], { unique: true, where: 'dispute_remark_id IS NOT NULL' })
export class CommitmentVerdict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The commitment version judged. */
  @Column({ name: 'commitment_id', type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'commitment_verdicts_commitment_id_fk' })
  commitment?: Commitment;

  /** The remark that made the commitment. */
  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'commitment_verdicts_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'commitment_verdicts_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'commitment_verdicts_author_id_fk' })
  author?: User;

  @Column({ type: 'varchar', length: 16 })
  verdict: CommitmentVerdictKind;

  /** Required for 'disputed' (it becomes the dispute remark's text). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The stage-2 remark a dispute filed. */
  @Column({ name: 'dispute_remark_id', type: 'uuid', nullable: true })
  disputeRemarkId: string | null;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_remark_id', foreignKeyConstraintName: 'commitment_verdicts_dispute_remark_id_fk' })
  disputeRemark?: Remark;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
