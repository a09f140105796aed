import type { LocalizedText } from '../common/i18n/localized-text';
import { localizedText } from '../database/columns';
import { Recommendation } from './recommendation.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** The organizer's reasoned response to a recommendation; higher versions are corrections. */
@Entity('recommendation_responses')
@Index('recommendation_responses_version_uq', ['recommendationId', 'version'], { unique: true })
export class RecommendationResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id', foreignKeyConstraintName: 'recommendation_responses_recommendation_id_fk' })
  recommendation?: Recommendation;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'boolean' })
  accepted: boolean;

  @Column({ type: 'jsonb', transformer: localizedText })
  text: LocalizedText;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ name: 'correction_reason', type: 'jsonb', nullable: true, transformer: localizedText })
  correctionReason: LocalizedText | null;
}
