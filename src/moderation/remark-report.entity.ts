import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Remark } from '../remarks/remark.entity';
import type { ReportReason } from '../remarks/remark-moderation';
import { ModerationDecision } from './moderation-decision.entity';

/** A user's report of a remark, once per user and remark. Never deleted: the decision that handled it is recorded. */
@Entity('remark_reports')
@Check('remark_reports_reason_ck', "reason IN ('insult','personal_data','spam','off_topic','duplicate','other')")
@Check('remark_reports_text_ck', 'text IS NULL OR char_length(text) <= 2000')
@Index('remark_reports_remark_reporter_uq', ['remarkId', 'reporterId'], { unique: true })
/** The moderation queue: open reports, oldest first. */
@Index('remark_reports_open_idx', ['createdAt', 'id'], { where: 'decision_id IS NULL' })
/** The reporter's reports in the last hour (rate limit). */
@Index('remark_reports_reporter_idx', ['reporterId', 'createdAt'])
export class RemarkReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'remark_reports_remark_id_fk' })
  remark?: Remark;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'remark_reports_plan_id_fk' })
  plan?: Plan;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'remark_reports_reporter_id_fk' })
  reporter?: User;

  @Column({ type: 'varchar', length: 16 })
  reason: ReportReason;

  /** The reporter's words (up to 2,000 characters); seen by moderators only. */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  /** Server time (clock provider). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The moderation decision that handled this report (null while it waits in the queue). */
  @Index('remark_reports_decision_idx')
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => ModerationDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'remark_reports_decision_id_fk' })
  decision?: ModerationDecision;
}
