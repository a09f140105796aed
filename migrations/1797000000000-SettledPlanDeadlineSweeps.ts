import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, follow-up: since 1796800000000 the sweep's claims insert a marker and leave the plan's
 * swept-at column NULL, so the partial indexes the claims walk (`plans_stage{1,2}_close_sweep_idx`)
 * held every plan ever closed and each pass walked them all. The sweep now settles markers into the
 * plans' columns in the background (src/scheduler/sweep.service.ts, settle); this settles the markers
 * written until now, in one statement per deadline.
 */
export class SettledPlanDeadlineSweeps1797000000000 implements MigrationInterface {
  name = 'SettledPlanDeadlineSweeps1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE plans p SET stage1_closed_swept_at = s.swept_at FROM plan_deadline_sweeps s
       WHERE s.plan_id = p.id AND s.deadline = 'stage1_closed' AND p.stage1_closed_swept_at IS NULL`,
    );
    await queryRunner.query(
      `UPDATE plans p SET stage2_closed_swept_at = s.swept_at FROM plan_deadline_sweeps s
       WHERE s.plan_id = p.id AND s.deadline = 'stage2_closed' AND p.stage2_closed_swept_at IS NULL`,
    );
    // until autoanalyze, the statistics would still count the settled plans as unswept: with 100,000
    // of them the planner chose a seq scan of plans for the claim (124 ms) over the near-empty index
    await queryRunner.query(`ANALYZE plans`);
  }

  /** The settled columns stay: the claims count a plan marked in its own column as swept either way. */
  public async down(): Promise<void> {}
}
