import type { ValueTransformer } from 'typeorm';
import { LocalizedText } from '../common/i18n/localized-text';
import { localizedText, localizedTextList } from '../database/columns';
import { Plan } from '../plans/plan.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export interface ProtocolQuestion {
  question: LocalizedText;
  /** Null when the question was left unanswered at the hearing. */
  answer: LocalizedText | null;
}

/** Questions as stored: each question and answer as `{kk, ru, en}`. */
const protocolQuestions: ValueTransformer = {
  to: (value: ProtocolQuestion[] | undefined) => value?.map((x) => ({ question: x.question.toJSON(), answer: x.answer?.toJSON() ?? null })),
  from: (value: unknown) =>
    Array.isArray(value)
      ? value.map((x: { question: unknown; answer: unknown }) => ({
          question: LocalizedText.fromStored(x.question) as LocalizedText,
          answer: LocalizedText.fromStored(x.answer),
        }))
      : [],
};

/** The final protocol of the hearing. Version 1 is the protocol; higher versions are corrections. */
@Entity('protocols')
/** Protocols since the OCDS sync's last pass (open-data/ocds). */
@Index('protocols_published_idx', ['publishedAt'])
@Index('protocols_plan_version_uq', ['planId', 'version'], { unique: true })
export class Protocol {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'protocols_plan_id_fk' })
  plan?: Plan;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'attendees_count', type: 'integer' })
  attendeesCount: number;

  @Column({ type: 'jsonb', default: () => "'[]'", transformer: localizedTextList })
  speakers: LocalizedText[];

  /** Positions voiced at the hearing. */
  @Column({ type: 'jsonb', default: () => "'[]'", transformer: localizedTextList })
  positions: LocalizedText[];

  @Column({ type: 'jsonb', default: () => "'[]'", transformer: protocolQuestions })
  questions: ProtocolQuestion[];

  @Column({ type: 'jsonb', transformer: localizedText })
  summary: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'[]'", transformer: localizedTextList })
  decisions: LocalizedText[];

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** Published later than 3 working days after the hearing. */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'correction_reason', type: 'jsonb', nullable: true, transformer: localizedText })
  correctionReason: LocalizedText | null;
}
