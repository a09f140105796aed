import type { LocalizedText } from '../common/i18n/localized-text';
import { User } from '../identity/user.entity';
import { Organization } from '../organizations/organization.entity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber, localizedText } from '../database/columns';

export const PROCUREMENT_METHODS = ['open_tender', 'auction', 'price_offers', 'single_source', 'commodity_exchange', 'e_shop'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

/**
 * A procurement plan item under discussion. Its public status is derived from these timestamps and
 * the clock (plans/plan-status.ts); the timestamps and dates are fixed when each event happens, so a
 * later change to the calendar never moves a deadline already announced.
 */
@Entity('plans')
@Check('plans_amount_ck', 'amount >= 0')
@Check('plans_method_ck', "method IN ('open_tender','auction','price_offers','single_source','commodity_exchange','e_shop')")
/** GIN index on search_vector; created by a hand-written migration (TypeORM cannot declare a GIN index). */
@Index('plans_search_idx', { synchronize: false })
@Index('plans_org_created_idx', ['organizationId', 'createdAt', 'id'])
/** A plan point number of the annual plan is imported once per organization (src/plan-import). */
@Index('plans_org_plan_point_uq', ['organizationId', 'planPointNumber'], { unique: true, where: 'plan_point_number IS NOT NULL' })
/** The council pages' list of protocols awaiting review (web/council). */
@Index('plans_review_open_idx', ['organizationId', 'reviewClosesAt', 'id'], { where: 'protocol_published_at IS NOT NULL' })
/** Plans whose stage 2 opened since the OCDS sync's last pass (open-data/ocds). */
@Index('plans_stage2_opens_idx', ['stage2OpensAt'], { where: 'stage2_opens_at IS NOT NULL' })
@Index('plans_published_idx', ['publishedAt', 'id'], { where: 'published_at IS NOT NULL' })
/** One organization's newest published plans (its Atom feed): (organization_id, published_at DESC, id DESC) in the migration. */
@Index('plans_org_published_idx', ['organizationId', 'publishedAt', 'id'], { where: 'published_at IS NOT NULL' })
@Index('plans_stage1_close_sweep_idx', ['stage1ClosesAt', 'id'], {
  where: 'stage1_closed_swept_at IS NULL AND stage1_closes_at IS NOT NULL',
})
@Index('plans_stage2_close_sweep_idx', ['stage2ClosesAt', 'id'], {
  where: 'stage2_closed_swept_at IS NULL AND stage2_closes_at IS NOT NULL',
})
@Index('plans_hearing_deadline_sweep_idx', ['hearingDeadlineDate'], {
  where: 'hearing_overdue_at IS NULL AND protocol_published_at IS NULL AND hearing_deadline_date IS NOT NULL',
})
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'plans_organization_id_fk' })
  organization?: Organization;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'plans_created_by_fk' })
  creator?: User;

  /** The item's number in the organization's annual procurement plan, when imported from it (src/plan-import). */
  @Column({ name: 'plan_point_number', type: 'text', nullable: true })
  planPointNumber: string | null;

  @Column({ type: 'jsonb', transformer: localizedText })
  title: LocalizedText;

  @Column({ type: 'jsonb', transformer: localizedText })
  description: LocalizedText;

  @Column({ name: 'subject_code', type: 'varchar', length: 64 })
  subjectCode: string;

  /** Whole tenge. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amount: number;

  @Column({ type: 'varchar', length: 32 })
  method: ProcurementMethod;

  /** Like 2027-Q2. */
  @Column({ name: 'planned_quarter', type: 'varchar', length: 7, nullable: true })
  plannedQuarter: string | null;

  @Column({ name: 'delivery_place', type: 'jsonb', nullable: true, transformer: localizedText })
  deliveryPlace: LocalizedText | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Set by the server at publication; null while a draft. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Last instant (inclusive) at which a stage-1 remark is accepted. */
  @Column({ name: 'stage1_closes_at', type: 'timestamptz', nullable: true })
  stage1ClosesAt: Date | null;

  /** Local calendar date on which stage 1 closes (the hearing window counts from it). */
  @Column({ name: 'stage1_close_date', type: 'date', nullable: true })
  stage1CloseDate: string | null;

  /** Last local date on which the hearing may be held. */
  @Column({ name: 'hearing_deadline_date', type: 'date', nullable: true })
  hearingDeadlineDate: string | null;

  /**
   * Set once the plan's stage-1 sweep is done: copied from its marker in `plan_deadline_sweeps` by the
   * sweep's settle step some time after the claim (which writes only the marker), or set when the plan
   * was loaded as already swept (the demo, seeds, plans swept before migration 1796800000000).
   */
  @Column({ name: 'stage1_closed_swept_at', type: 'timestamptz', nullable: true })
  stage1ClosedSweptAt: Date | null;

  /** When the plan was publicly marked overdue for want of a hearing. */
  @Column({ name: 'hearing_overdue_at', type: 'timestamptz', nullable: true })
  hearingOverdueAt: Date | null;

  @Column({ name: 'protocol_published_at', type: 'timestamptz', nullable: true })
  protocolPublishedAt: Date | null;

  /** End of the council review period (10 working days after the protocol). */
  @Column({ name: 'review_closes_at', type: 'timestamptz', nullable: true })
  reviewClosesAt: Date | null;

  @Column({ name: 'notice_published_at', type: 'timestamptz', nullable: true })
  noticePublishedAt: Date | null;

  @Column({ name: 'stage2_opens_at', type: 'timestamptz', nullable: true })
  stage2OpensAt: Date | null;

  @Column({ name: 'stage2_closes_at', type: 'timestamptz', nullable: true })
  stage2ClosesAt: Date | null;

  /** As stage1ClosedSweptAt, for the close of stage 2. */
  @Column({ name: 'stage2_closed_swept_at', type: 'timestamptz', nullable: true })
  stage2ClosedSweptAt: Date | null;

  @Column({ name: 'outcome_published_at', type: 'timestamptz', nullable: true })
  outcomePublishedAt: Date | null;

  /**
   * What the search matches (planSearchSql in plans.repository.ts), kept by PostgreSQL from the title, subject code and
   * description (migrations/1796200000000-StateLanguages.ts); never read or written by the service.
   */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    nullable: true,
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: 'plan_search_vector_i18n(title, subject_code, description)',
  })
  searchVector?: string;
}
