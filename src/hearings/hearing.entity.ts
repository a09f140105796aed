import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Plan } from '../plans/plan.entity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type HearingStatus = 'scheduled' | 'cancelled';

/**
 * The in-person public hearing of a plan: one per plan, rescheduled or cancelled in place with a
 * rising iCalendar SEQUENCE; every change is kept in hearing_changes.
 */
@Entity('hearings')
@Check('hearings_status_ck', "status IN ('scheduled','cancelled')")
@Index('hearings_reminder_sweep_idx', ['startsAt'], { where: "status = 'scheduled' AND reminder_swept_for IS NULL" })
@Index('hearings_upcoming_idx', ['status', 'startsAt'])
export class Hearing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('hearings_plan_uq', { unique: true })
  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'hearings_plan_id_fk' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 16 })
  status: HearingStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** Local date of the hearing in the organizer's time zone. */
  @Column({ name: 'local_date', type: 'date' })
  localDate: string;

  /** The organizer's address at scheduling time. */
  @Column({ type: 'jsonb', transformer: localizedText })
  venue: LocalizedText;

  @Column({ type: 'jsonb', nullable: true, transformer: localizedText })
  room: LocalizedText | null;

  @Column({ name: 'livestream_url', type: 'varchar', length: 500, nullable: true })
  livestreamUrl: string | null;

  /** iCalendar UID, stable across reschedules. */
  @Column({ name: 'ical_uid', type: 'varchar', length: 200 })
  icalUid: string;

  /** iCalendar SEQUENCE: 0 when first scheduled, +1 on each change. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** The start time for which the day-before reminder was queued (reset by rescheduling). */
  @Column({ name: 'reminder_swept_for', type: 'timestamptz', nullable: true })
  reminderSweptFor: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
