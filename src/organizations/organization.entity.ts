import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Council } from './council.entity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A procuring state body or enterprise. Its address is the hearing venue. */
@Entity('organizations')
/** Keyset pages of the administrator's list, by name. */
@Index('organizations_name_idx', ['name', 'id'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'jsonb', transformer: localizedText })
  name: LocalizedText;

  @Index('organizations_bin_uq', { unique: true })
  @Column({ type: 'char', length: 12 })
  bin: string;

  @Column({ type: 'jsonb', transformer: localizedText })
  address: LocalizedText;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Asia/Almaty' })
  timeZone: string;

  @Index('organizations_council_idx')
  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'organizations_council_id_fk' })
  council?: Council;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
