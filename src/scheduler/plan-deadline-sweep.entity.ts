import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The plan deadlines whose side effects the periodic sweep performs once per plan. */
export type SweptDeadline = 'stage1_closed' | 'stage2_closed';

/**
 * The sweep's record that it handled a plan's deadline (told the organizer's staff). A narrow,
 * insert-only table of its own, so that claiming 100,000 plans at once writes small rows instead of
 * a new version of each wide plan row with all its index entries (issue 18). The primary key is the
 * claim: an instance claims a plan by inserting its row, in the transaction that queues its e-mails.
 *
 * Plans marked in `plans.stage1_closed_swept_at` / `stage2_closed_swept_at` count as swept too: the
 * sweep's settle step copies each marker there later, in small batches (so the claim's partial index
 * keeps only the plans not yet swept), and plans swept before migration 1796800000000 or loaded as
 * already swept (the demo, seeds) have it set without a marker.
 */
@Entity('plan_deadline_sweeps')
@Check('plan_deadline_sweeps_deadline_ck', "deadline IN ('stage1_closed','stage2_closed')")
export class PlanDeadlineSweep {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  deadline: SweptDeadline;

  @Column({ name: 'swept_at', type: 'timestamptz' })
  sweptAt: Date;
}
