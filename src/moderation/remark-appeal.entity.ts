import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import { ModerationDecision } from './moderation-decision.entity';

/**
 * The author's appeal of a decision to hide their remark: once per decision, within appealWorkingDays.
 * Decided by another moderator or an administrator, never by the one who hid it; the plan's outcome
 * waits while it is pending.
 */
@Entity('remark_appeals')
@Check('remark_appeals_text_ck', 'char_length(text) BETWEEN 1 AND 2000')
@Index('remark_appeals_hide_decision_uq', ['hideDecisionId'], { unique: true })
/** The moderation queue: pending appeals, oldest first. */
@Index('remark_appeals_pending_idx', ['createdAt', 'id'], { where: 'decision_id IS NULL' })
/** A plan's pending appeals (the outcome waits for them). */
@Index('remark_appeals_plan_pending_idx', ['planId'], { where: 'decision_id IS NULL' })
@Index('remark_appeals_remark_idx', ['remarkId', 'createdAt'])
export class RemarkAppeal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'remark_appeals_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'remark_appeals_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'remark_appeals_author_id_fk' })
  author?: User;

  /** The author's reasons (1 to 2,000 characters); seen by the author and moderators. */
  @Column({ type: 'text' })
  text: string;

  /** The decision to hide that is appealed. */
  @Column({ name: 'hide_decision_id', type: 'uuid' })
  hideDecisionId: string;

  @ManyToOne(() => ModerationDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hide_decision_id', foreignKeyConstraintName: 'remark_appeals_hide_decision_id_fk' })
  hideDecision?: ModerationDecision;

  /** Server time (clock provider). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The decision on the appeal (null while pending). */
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => ModerationDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'remark_appeals_decision_id_fk' })
  decision?: ModerationDecision;
}
