import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The government's yearly transfers and the administrator's corrections, one per date. */
@Entity('calendar_overrides')
export class CalendarOverride {
  /** YYYY-MM-DD */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
