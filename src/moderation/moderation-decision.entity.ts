import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import type { HideReason } from '../remarks/remark-moderation';

export const MODERATION_ACTIONS = ['hide', 'keep'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * A moderator's (or, on an appeal, an administrator's) decision on a remark: hide it, or keep it
 * public (on an appeal: restore it). Never updated or deleted; the remark's current state
 * (remarks.hidden_at, hidden_reason) is the latest decision's.
 */
@Entity('moderation_decisions')
@Check('moderation_decisions_action_ck', "action IN ('hide','keep')")
@Check('moderation_decisions_reason_ck', "reason IS NULL OR reason IN ('insult','personal_data','spam','off_topic','duplicate')")
@Check('moderation_decisions_hide_reason_ck', "action = 'keep' OR reason IS NOT NULL")
@Check('moderation_decisions_note_ck', 'note IS NULL OR char_length(note) <= 2000')
/** A remark's history of decisions, oldest first. */
@Index('moderation_decisions_remark_idx', ['remarkId', 'createdAt', 'id'])
/** Decisions since the OCDS sync's last pass (open-data/ocds). */
@Index('moderation_decisions_created_idx', ['createdAt'])
export class ModerationDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'moderation_decisions_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'moderation_decisions_plan_id_fk' })
  plan?: Plan;

  /** Who decided: a moderator, or an administrator deciding an appeal. */
  @Column({ name: 'moderator_id', type: 'uuid' })
  moderatorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moderator_id', foreignKeyConstraintName: 'moderation_decisions_moderator_id_fk' })
  moderator?: User;

  @Column({ type: 'varchar', length: 8 })
  action: ModerationAction;

  /** Required to hide; optional to keep. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  reason: HideReason | null;

  /** The moderator's note (up to 2,000 characters); required to hide; e-mailed to the author. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The appeal this decides (null for a decision on reports). */
  @Column({ name: 'appeal_id', type: 'uuid', nullable: true })
  appealId: string | null;

  /** Server time (clock provider). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
