import type { LocalizedVersions } from '../common/i18n/localized-text';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';

export interface Staff {
  id: string;
  email: string;
  locale: string;
  organization_id: string;
}

export interface RemarkCounts {
  plan_id: string;
  remarks: string;
  unanswered: string;
}

/**
 * The periodic sweep's statements. Each claim marks up to `batch` items whose deadline passed
 * (FOR UPDATE SKIP LOCKED, and ... IS NULL again in the UPDATE), so concurrent sweeps share the
 * work and none claims an item twice.
 */
@Injectable()
export class SweepRepository {
  /** Plans whose stage 1 closed, not yet swept. */
  claimStage1Closed(em: EntityManager, now: Date, batch: number) {
    return queryRows<{ id: string; organization_id: string; title: LocalizedVersions; hearing_deadline_date: string | null }>(
      em,
      `UPDATE plans SET stage1_closed_swept_at = $1
       WHERE id IN (SELECT id FROM plans WHERE stage1_closes_at < $1 AND stage1_closed_swept_at IS NULL
                    ORDER BY stage1_closes_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
         AND stage1_closed_swept_at IS NULL
       RETURNING id, organization_id, title, to_char(hearing_deadline_date, 'YYYY-MM-DD') AS hearing_deadline_date`,
      [now],
    );
  }

  stage1Counts(em: EntityManager, planIds: string[]): Promise<RemarkCounts[]> {
    return queryRows<RemarkCounts>(
      em,
      `SELECT plan_id, count(*) FILTER (WHERE stage = 1) AS remarks, count(*) FILTER (WHERE stage = 1 AND answered_at IS NULL AND hidden_at IS NULL) AS unanswered
       FROM remarks WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id`,
      [planIds],
    );
  }

  /** Plans whose stage 2 closed, not yet swept, with their organizer's zone. */
  claimStage2Closed(em: EntityManager, now: Date, batch: number) {
    return queryRows<{ id: string; organization_id: string; title: LocalizedVersions; stage2_closes_at: Date; time_zone: string }>(
      em,
      `UPDATE plans p SET stage2_closed_swept_at = $1
       FROM organizations o
       WHERE o.id = p.organization_id
         AND p.id IN (SELECT id FROM plans WHERE stage2_closes_at < $1 AND stage2_closed_swept_at IS NULL
                      ORDER BY stage2_closes_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
         AND p.stage2_closed_swept_at IS NULL
       RETURNING p.id, p.organization_id, p.title, p.stage2_closes_at, o.time_zone`,
      [now],
    );
  }

  stage2Counts(em: EntityManager, planIds: string[]): Promise<RemarkCounts[]> {
    return queryRows<RemarkCounts>(
      em,
      `SELECT plan_id, count(*) AS remarks, count(*) FILTER (WHERE answered_at IS NULL AND hidden_at IS NULL) AS unanswered
       FROM remarks WHERE plan_id = ANY($1::uuid[]) AND stage = 2 GROUP BY plan_id`,
      [planIds],
    );
  }

  /**
   * Unanswered remarks past their answer deadline, not yet swept: their plans' ids, one per remark. A
   * hidden remark needs no answer: it is claimed (so the sweep does not meet it again) but reported as
   * hidden, and counts for nothing; restoring it clears overdue_swept_at and gives it a new deadline.
   */
  claimOverdueRemarks(em: EntityManager, now: Date, batch: number) {
    return queryRows<{ plan_id: string; hidden: boolean }>(
      em,
      `UPDATE remarks SET overdue_swept_at = $1
       WHERE id IN (SELECT id FROM remarks WHERE answered_at IS NULL AND overdue_swept_at IS NULL AND answer_due_at < $1
                    ORDER BY answer_due_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
         AND overdue_swept_at IS NULL
       RETURNING plan_id, hidden_at IS NOT NULL AS hidden`,
      [now],
    );
  }

  /** The plans with how many of their remarks are overdue now. */
  overduePlans(em: EntityManager, planIds: string[], now: Date) {
    return queryRows<{ id: string; organization_id: string; title: LocalizedVersions; time_zone: string; overdue: string }>(
      em,
      `SELECT p.id, p.organization_id, p.title, o.time_zone,
              (SELECT count(*) FROM remarks r WHERE r.plan_id = p.id AND r.answered_at IS NULL AND r.hidden_at IS NULL AND r.answer_due_at < $2) AS overdue
       FROM plans p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ANY($1::uuid[])`,
      [planIds, now],
    );
  }

  /** The organizer staff of these organizations. */
  staff(em: EntityManager, organizationIds: string[]): Promise<Staff[]> {
    return queryRows<Staff>(
      em,
      `SELECT id, email, locale, organization_id FROM users WHERE role = 'organizer' AND organization_id = ANY($1::uuid[]) ORDER BY id`,
      [organizationIds],
    );
  }
}
