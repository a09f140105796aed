import { Plan } from '../plans/plan.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export interface NoticeDocument {
  title: string;
  url: string;
  sha256: string;
}

/** The procurement notice and documentation discussed in stage 2; higher versions are corrections. */
@Entity('notices')
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

  @Column({ type: 'jsonb' })
  documents: NoticeDocument[];

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;
}
