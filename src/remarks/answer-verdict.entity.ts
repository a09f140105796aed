import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Answer } from './answer.entity';
import { Remark } from './remark.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const VERDICTS = ['reasoned', 'formal'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * The remark author's public opinion of one answer version: reasoned or formal (with a reason).
 * Never updated: a changed verdict is a new row, and the latest row of an answer version is its verdict.
 */
@Entity('answer_verdicts')
@Check('answer_verdicts_verdict_ck', "verdict IN ('reasoned','formal')")
@Check('answer_verdicts_reason_ck', "verdict = 'reasoned' OR reason IS NOT NULL")
/** The current verdict of each answer version (latest row). */
@Index('answer_verdicts_answer_idx', ['answerId', 'createdAt', 'id'])
/** Verdicts since the OCDS sync's last pass (open-data/ocds). */
@Index('answer_verdicts_created_idx', ['createdAt'])
/** A plan's verdicts for its pages, reports and statistics. */
@Index('answer_verdicts_plan_idx', ['planId', 'remarkId'])
export class AnswerVerdict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The answer version judged. */
  @Column({ name: 'answer_id', type: 'uuid' })
  answerId: string;

  @ManyToOne(() => Answer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answer_id', foreignKeyConstraintName: 'answer_verdicts_answer_id_fk' })
  answer?: Answer;

  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'answer_verdicts_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'answer_verdicts_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'answer_verdicts_author_id_fk' })
  author?: User;

  @Column({ type: 'varchar', length: 16 })
  verdict: Verdict;

  /** Required for 'formal' (10-2000 characters, checked by the API). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Server time (clock provider). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
