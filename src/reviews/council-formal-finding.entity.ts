import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import { ReviewConclusion } from './review-conclusion.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An answer the council found formal: named by more than half of the council's members when the
 * review closed. Part of the conclusion, never edited; the organizer must publish a corrected answer
 * after `foundAt` before the outcome.
 */
@Entity('council_formal_findings')
@Index('council_formal_findings_plan_idx', ['planId', 'remarkId'])
export class CouncilFormalFinding {
  @PrimaryColumn({ name: 'conclusion_id', type: 'uuid', primaryKeyConstraintName: 'council_formal_findings_pk' })
  conclusionId: string;

  @ManyToOne(() => ReviewConclusion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conclusion_id', foreignKeyConstraintName: 'council_formal_findings_conclusion_id_fk' })
  conclusion?: ReviewConclusion;

  @PrimaryColumn({ name: 'remark_id', type: 'uuid', primaryKeyConstraintName: 'council_formal_findings_pk' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'council_formal_findings_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'council_formal_findings_plan_id_fk' })
  plan?: Plan;

  /** Members who named the answer. */
  @Column({ type: 'integer' })
  votes: number;

  /** The council's size when the review closed. */
  @Column({ name: 'members_count', type: 'integer' })
  membersCount: number;

  /** The latest answer version when the review closed. */
  @Column({ name: 'answer_version', type: 'integer' })
  answerVersion: number;

  /** When the review closed; a correction must be published after it. */
  @Column({ name: 'found_at', type: 'timestamptz' })
  foundAt: Date;
}
