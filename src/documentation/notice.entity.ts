import { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Plan } from '../plans/plan.entity';
import type { ValueTransformer } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export interface NoticeDocument {
  title: LocalizedText;
  url: string;
  sha256: string;
}

/** The documents as stored: each title as `{kk, ru, en}`. */
const noticeDocuments: ValueTransformer = {
  to: (value: NoticeDocument[] | undefined) => value?.map((d) => ({ ...d, title: d.title.toJSON() })),
  from: (value: unknown) =>
    Array.isArray(value)
      ? value.map((d: { title: unknown; url: string; sha256: string }) => ({
          ...d,
          title: LocalizedText.fromStored(d.title) as LocalizedText,
        }))
      : [],
};

/** The procurement notice and documentation discussed in stage 2; higher versions are corrections. */
@Entity('notices')
/** Notices since the OCDS sync's last pass (open-data/ocds). */
@Index('notices_published_idx', ['publishedAt'])
@Index('notices_plan_version_uq', ['planId', 'version'], { unique: true })
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'notices_plan_id_fk' })
  plan?: Plan;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'notice_number', type: 'varchar', length: 100 })
  noticeNumber: string;

  @Column({ type: 'jsonb', transformer: noticeDocuments })
  documents: NoticeDocument[];

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'correction_reason', type: 'jsonb', nullable: true, transformer: localizedText })
  correctionReason: LocalizedText | null;
}
