import { User } from '../identity/user.entity';
import { Plan } from '../plans/plan.entity';
import type { HideReason } from './remark-moderation';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A remark or proposal. Never edited or deleted: a correction is a new remark. */
@Entity('remarks')
@Check('remarks_stage_ck', 'stage IN (1,2)')
@Check('remarks_body_ck', 'char_length(body) BETWEEN 1 AND 10000')
@Check('remarks_language_ck', "language ~ '^[a-z]{2,3}$'")
@Index('remarks_plan_page_idx', ['planId', 'createdAt', 'id'])
/** The bulk export's keyset batches over every remark (open-data/export) and the OCDS sync's new remarks (open-data/ocds). */
@Index('remarks_created_idx', ['createdAt', 'id'])
@Index('remarks_plan_stage_page_idx', ['planId', 'stage', 'createdAt', 'id'])
@Index('remarks_author_idx', ['authorId', 'createdAt', 'id'])
@Index('remarks_author_idempotency_uq', ['authorId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('remarks_unanswered_due_idx', ['planId', 'answerDueAt'], { where: 'answered_at IS NULL' })
/** The organizer pages' counts of answered and unanswered remarks per plan (index-only). */
@Index('remarks_plan_answer_state_idx', ['planId', 'answeredAt', 'answerDueAt'])
/** The public count of a plan's hidden remarks by reason. */
@Index('remarks_plan_hidden_idx', ['planId', 'hiddenReason'], { where: 'hidden_at IS NOT NULL' })
/** One author's same text on one plan in one stage is a duplicate (remark-moderation.ts remarkDuplicateKey). */
@Index('remarks_duplicate_uq', ['authorId', 'planId', 'stage', 'duplicateKey'], { unique: true, where: 'duplicate_key IS NOT NULL' })
@Check(
  'remarks_hidden_ck',
  "(hidden_at IS NULL) = (hidden_reason IS NULL) AND (hidden_reason IS NULL OR hidden_reason IN ('insult','personal_data','spam','off_topic','duplicate'))",
)
@Index('remarks_overdue_sweep_idx', ['answerDueAt'], { where: 'answered_at IS NULL AND overdue_swept_at IS NULL' })
/** The bulk export's `since`: remarks with an answer, verdict or moderation decision at or after it. */
@Index('remarks_activity_idx', ['activityAt'], { where: 'activity_at IS NOT NULL' })
export class Remark {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'remarks_plan_id_fk' })
  plan?: Plan;

  @Column({ type: 'smallint' })
  stage: 1 | 2;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'remarks_author_id_fk' })
  author?: User;

  @Column({ type: 'text' })
  body: string;

  /** The language the author wrote in (ISO 639-1/2 code): kk, ru, en or another; decides the answer's language. */
  @Column({ type: 'varchar', length: 8 })
  language: string;

  /** Server time (clock provider) at acceptance. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the body, to tell a retry from a different request under the same key. */
  @Column({ name: 'body_hash', type: 'varchar', length: 64 })
  bodyHash: string;

  /** Legal answer deadline fixed at acceptance (stage 1: 15 working days; stage 2: 5 after close). */
  @Column({ name: 'answer_due_at', type: 'timestamptz' })
  answerDueAt: Date;

  /**
   * The latest instant of any answer version, verdict or moderation decision on this remark written since
   * remark_activity_tracking.since (null while there is none). Kept by triggers (migration 1797200000000);
   * read only by the bulk export's `since`.
   */
  @Column({ name: 'activity_at', type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  activityAt?: Date | null;

  /** When the first answer was published (null while unanswered). */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** When the sweep told the organizer that this remark's answer is overdue. */
  @Column({ name: 'overdue_swept_at', type: 'timestamptz', nullable: true })
  overdueSweptAt: Date | null;

  /** A dispute of a commitment: the stage-1 remark whose commitment the author disputes (API `disputes`). */
  @Column({ name: 'disputes_remark_id', type: 'uuid', nullable: true })
  disputesRemarkId: string | null;

  /**
   * When a moderator hid the remark (null while public). A hidden remark's text is withheld from everyone
   * but its author and moderators; it needs no answer while hidden. Nothing is deleted: the decisions are
   * in moderation_decisions.
   */
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 16, nullable: true })
  hiddenReason: HideReason | null;

  /**
   * remarkDuplicateKey of the text (null only for remarks older than the rule that kept a duplicate of
   * an earlier one): the author's same text on the same plan in the same stage is refused.
   */
  @Column({ name: 'duplicate_key', type: 'varchar', length: 64, nullable: true })
  duplicateKey: string | null;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disputes_remark_id', foreignKeyConstraintName: 'remarks_disputes_remark_id_fk' })
  disputes?: Remark;
}
