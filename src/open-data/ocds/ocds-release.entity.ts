import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Plan } from '../../plans/plan.entity';
import type { OcdsRelease } from './ocds.types';

/**
 * One stored OCDS release: one event of a plan's procedure, written once by the sync and never
 * changed (open-data/ocds/ocds-sync.service.ts). Served through the redaction pass of the current
 * moderation state (ocds-mapping.ts redactRelease).
 */
@Entity('ocds_releases')
/** One release per event of a plan: the sync's ON CONFLICT target. */
@Index('ocds_releases_plan_event_uq', ['planId', 'eventKey'], { unique: true })
/** A plan's releases in date order (GET /ocds/releases/{planId}) and its latest enquiry release (the sync's watermark). */
@Index('ocds_releases_plan_date_idx', ['planId', 'date', 'seq'])
/** Where `?since=` starts (GET /ocds/releases). */
@Index('ocds_releases_created_idx', ['createdAt', 'seq'])
export class OcdsReleaseRow {
  /** Keyset order of GET /ocds/releases: the order releases were stored in. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'ocds_releases_pk' })
  seq: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'ocds_releases_plan_id_fk' })
  plan?: Plan;

  /** The release id (`{ocid}-{eventKey}`). */
  @Index('ocds_releases_release_id_uq', { unique: true })
  @Column({ name: 'release_id', type: 'varchar', length: 200 })
  releaseId: string;

  /** What happened: published, hearing-2, notice-1, remark-{id}, answer-{id}, ... */
  @Column({ name: 'event_key', type: 'varchar', length: 120 })
  eventKey: string;

  /** The event's time (the release's date). */
  @Column({ type: 'timestamptz' })
  date: Date;

  @Column({ type: 'text', array: true })
  tags: string[];

  /** When the sync stored it (procedure clock): `?since=` compares with this. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'jsonb' })
  body: OcdsRelease;
}
