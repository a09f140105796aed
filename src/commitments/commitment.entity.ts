import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import { Answer } from '../remarks/answer.entity';
import { Remark } from '../remarks/remark.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const COMMITMENT_STATUSES = ['implemented', 'not_implemented'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/**
 * A stage-1 answer that accepts a remark (fully or partly) is a commitment; the organizer accounts
 * for it in the notice and later versions. Never edited: each change is a new public version.
 */
@Entity('commitments')
@Check('commitments_status_ck', "status IN ('implemented','not_implemented')")
@Check('commitments_disposition_ck', "disposition IN ('accepted','partially_accepted')")
@Check('commitments_implemented_ck', "status = 'not_implemented' OR (document IS NOT NULL AND location IS NOT NULL)")
@Index('commitments_remark_version_uq', ['remarkId', 'version'], { unique: true })
/** A plan's commitments with their versions (plan page, notice form, report, statistics). */
@Index('commitments_plan_idx', ['planId', 'remarkId', 'version'])
export class Commitment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'commitments_plan_id_fk' })
  plan?: Plan;

  /** The stage-1 remark whose answer made the promise. */
  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'commitments_remark_id_fk' })
  remark?: Remark;

  /** 1, 2, ... per remark. */
  @Column({ type: 'integer' })
  version: number;

  /** The answer version that made the promise (the latest one when this version was published). */
  @Column({ name: 'answer_id', type: 'uuid' })
  answerId: string;

  @ManyToOne(() => Answer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answer_id', foreignKeyConstraintName: 'commitments_answer_id_fk' })
  answer?: Answer;

  /** That answer's disposition. */
  @Column({ type: 'varchar', length: 24 })
  disposition: 'accepted' | 'partially_accepted';

  @Column({ type: 'varchar', length: 16 })
  status: CommitmentStatus;

  /** The title of one of the notice's documents (implemented). */
  @Column({ type: 'text', nullable: true })
  document: string | null;

  /** Section, clause or page in that document (implemented). */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  /** How it was kept, or why not. */
  @Column({ type: 'text' })
  explanation: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'commitments_author_id_fk' })
  author?: User;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
