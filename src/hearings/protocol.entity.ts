import { Plan } from '../plans/plan.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export interface ProtocolQuestion {
  question: string;
  answer: string;
}

/** The final protocol of the hearing. Version 1 is the protocol; higher versions are corrections. */
@Entity('protocols')
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

  @Column({ type: 'jsonb', default: () => "'[]'" })
  speakers: string[];

  /** Positions voiced at the hearing. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  positions: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: ProtocolQuestion[];

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  decisions: string[];

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** Published later than 3 working days after the hearing. */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;
}
