import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Plan } from '../plans/plan.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const DECISIONS = ['proceed', 'amend', 'cancel'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The organizer's published decision that closes the discussion; higher versions are corrections. */
@Entity('outcomes')
@Check('outcomes_decision_ck', "decision IN ('proceed','amend','cancel')")
/** Outcomes since the OCDS sync's last pass (open-data/ocds). */
@Index('outcomes_published_idx', ['publishedAt'])
@Index('outcomes_plan_version_uq', ['planId', 'version'], { unique: true })
export class Outcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'outcomes_plan_id_fk' })
  plan?: Plan;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  decision: Decision;

  @Column({ type: 'jsonb', transformer: localizedText })
  summary: LocalizedText;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'correction_reason', type: 'jsonb', nullable: true, transformer: localizedText })
  correctionReason: LocalizedText | null;
}
