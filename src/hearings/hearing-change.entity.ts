import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Hearing } from './hearing.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type HearingAction = 'scheduled' | 'rescheduled' | 'cancelled';

/** Public history of a hearing: every scheduling, rescheduling and cancellation. */
@Entity('hearing_changes')
/** Changes since the OCDS sync's last pass (open-data/ocds). */
@Index('hearing_changes_created_idx', ['createdAt'])
@Index('hearing_changes_hearing_idx', ['hearingId', 'sequence'])
export class HearingChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @ManyToOne(() => Hearing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'hearing_changes_hearing_id_fk' })
  hearing?: Hearing;

  @Column({ type: 'varchar', length: 16 })
  action: HearingAction;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'jsonb', nullable: true, transformer: localizedText })
  room: LocalizedText | null;

  @Column({ name: 'livestream_url', type: 'varchar', length: 500, nullable: true })
  livestreamUrl: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
