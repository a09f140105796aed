import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('councils')
/** Keyset pages of the administrator's list, by name. */
@Index('councils_name_idx', ['name', 'id'])
export class Council {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'jsonb', transformer: localizedText })
  name: LocalizedText;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
