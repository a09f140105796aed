import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { User } from '../identity/user.entity';
import { Remark } from './remark.entity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const DISPOSITIONS = ['accepted', 'partially_accepted', 'rejected', 'explained'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The organizer's official answer. Version 1 is the answer; higher versions are public corrections. */
@Entity('answers')
@Check('answers_disposition_ck', "disposition IN ('accepted','partially_accepted','rejected','explained')")
/** Answers since the OCDS sync's last pass (open-data/ocds). */
@Index('answers_published_idx', ['publishedAt'])
@Index('answers_remark_version_uq', ['remarkId', 'version'], { unique: true })
export class Answer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'remark_id', type: 'uuid' })
  remarkId: string;

  @ManyToOne(() => Remark, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'remark_id', foreignKeyConstraintName: 'answers_remark_id_fk' })
  remark?: Remark;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'jsonb', transformer: localizedText })
  body: LocalizedText;

  @Column({ type: 'varchar', length: 24 })
  disposition: Disposition;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'answers_author_id_fk' })
  author?: User;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** Published after the answer deadline or after the hearing started. */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'correction_reason', type: 'jsonb', nullable: true, transformer: localizedText })
  correctionReason: LocalizedText | null;
}
