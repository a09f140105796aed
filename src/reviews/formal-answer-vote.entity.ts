import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import { ReviewPosition } from './review-position.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** An answer a council member's position names as formal (POST /plans/{id}/review/positions `formalAnswers`). */
@Entity('review_formal_answers')
/** The votes per answer of a plan's review. */
@Index('review_formal_answers_plan_idx', ['planId', 'remarkId'])
export class FormalAnswerVote {
  @PrimaryColumn({ name: 'position_id', type: 'uuid', primaryKeyConstraintName: 'review_formal_answers_pk' })
  positionId: string;

  @ManyToOne(() => ReviewPosition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'position_id', foreignKeyConstraintName: 'review_formal_answers_position_id_fk' })
  position?: ReviewPosition;

  /** The remark whose answer (latest version when the position was recorded) is named. */
  @PrimaryColumn({ name: 'remark_id', type: 'uuid', primaryKeyConstraintName: 'review_formal_answers_pk' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'review_formal_answers_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'review_formal_answers_plan_id_fk' })
  plan?: Plan;

  /** The answer version the member judged. */
  @Column({ name: 'answer_version', type: 'integer' })
  answerVersion: number;
}
