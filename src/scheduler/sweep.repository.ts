import type { LocalizedVersions } from '../common/i18n/localized-text';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import type { SweptDeadline } from './plan-deadline-sweep.entity';

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

/** Where one pass of a plan-deadline claim has got to: the last plan it looked at, in (deadline, id) order. */
export interface SweepCursor {
  /** As PostgreSQL writes the timestamptz, to the microsecond (a Date would cut it to the millisecond). */
  closesAt: string;
  id: string;
}

/** A pass starts before every plan. */
export const SWEEP_START: SweepCursor = { closesAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };

/** What one claim looked at and what it won. */
export interface PlanClaim<P> {
  /** Plans this call now holds: their marker is inserted in the caller's transaction. */
  claimed: P[];
  /** How many due plans it looked at (claimed, or already marked by another instance meanwhile). */
  looked: number;
  /** The last plan it looked at: the next call of the same pass continues after it. */
  cursor: SweepCursor;
}

type Looked = { id: string; cursor_at: string; won: boolean };

/**
 * A plan-deadline claim: the next `$4` due plans after the cursor that no instance has marked, locked
 * with FOR NO KEY UPDATE SKIP LOCKED (so concurrent sweeps take different plans), then marked by an
 * insert into plan_deadline_sweeps. The marker's primary key is the arbiter: a plan another instance
 * marked and committed after this statement's snapshot is skipped by ON CONFLICT and comes back with
 * won = false. The wide plan row itself is not written. The partial index it walks holds the plans not
 * yet swept and those swept since the last settle (settleSql); the NOT EXISTS passes over the latter.
 */
function claimSql(deadline: SweptDeadline, closesAt: string, sweptAt: string, columns: string, join = ''): string {
  return `WITH due AS (
      SELECT p.id, p.${closesAt} AS closes_at FROM plans p
      WHERE p.${sweptAt} IS NULL AND p.${closesAt} IS NOT NULL AND p.${closesAt} < $1 AND (p.${closesAt}, p.id) > ($2::timestamptz, $3::uuid)
        AND NOT EXISTS (SELECT 1 FROM plan_deadline_sweeps s WHERE s.plan_id = p.id AND s.deadline = '${deadline}')
      ORDER BY p.${closesAt}, p.id LIMIT $4 FOR NO KEY UPDATE OF p SKIP LOCKED),
    won AS (
      INSERT INTO plan_deadline_sweeps (plan_id, deadline, swept_at) SELECT id, '${deadline}', $1 FROM due
      ON CONFLICT DO NOTHING RETURNING plan_id)
    SELECT d.id, d.closes_at::text AS cursor_at, w.plan_id IS NOT NULL AS won, ${columns}
    FROM due d JOIN plans p ON p.id = d.id ${join} LEFT JOIN won w ON w.plan_id = d.id
    ORDER BY d.closes_at, d.id`;
}

// Unnamed: they run a few times a minute at most, and the generic plan of the "< $1" range on a
// partial index need not be the custom one. Exported for the tests that EXPLAIN the claim.
export const CLAIM_STAGE1_SQL = claimSql(
  'stage1_closed',
  'stage1_closes_at',
  'stage1_closed_swept_at',
  `p.organization_id, p.title, to_char(p.hearing_deadline_date, 'YYYY-MM-DD') AS hearing_deadline_date`,
);
const CLAIM_STAGE2_SQL = claimSql(
  'stage2_closed',
  'stage2_closes_at',
  'stage2_closed_swept_at',
  `p.organization_id, p.title, p.stage2_closes_at, o.time_zone`,
  'JOIN organizations o ON o.id = p.organization_id',
);

/**
 * Settles the marked ones among the first `$2` plans due before `$1` in the partial index the claim
 * walks: copies their marker's time into the plan's own swept-at column, which takes them out of that
 * index, so a pass looks at the plans not yet swept instead of every plan ever closed. The window is
 * read from the index first (MATERIALIZED): the markers of every plan ever swept must never drive the
 * join (it read all 100,000 of a deadline's markers for each batch of 500). Plans swept since the
 * last settle are at the window's start; one claimed but not marked yet only makes the batch smaller.
 * Plans another transaction holds are skipped (SKIP LOCKED) and settled by a later batch or tick.
 */
function settleSql(deadline: SweptDeadline, closesAt: string, sweptAt: string): string {
  return `WITH due AS MATERIALIZED (
      SELECT p.id FROM plans p
      WHERE p.${sweptAt} IS NULL AND p.${closesAt} IS NOT NULL AND p.${closesAt} < $1
      ORDER BY p.${closesAt}, p.id LIMIT $2),
    marked AS (
      SELECT p.id, s.swept_at FROM due d
      JOIN plan_deadline_sweeps s ON s.plan_id = d.id AND s.deadline = '${deadline}'
      JOIN plans p ON p.id = d.id
      FOR NO KEY UPDATE OF p SKIP LOCKED),
    settled AS (
      UPDATE plans p SET ${sweptAt} = m.swept_at FROM marked m WHERE p.id = m.id AND p.${sweptAt} IS NULL RETURNING 1)
    SELECT count(*)::int AS settled FROM settled`;
}

// Unnamed, as the claims: the partial index swings from nearly empty to a whole backlog.
const SETTLE_SQL: Record<SweptDeadline, string> = {
  stage1_closed: settleSql('stage1_closed', 'stage1_closes_at', 'stage1_closed_swept_at'),
  stage2_closed: settleSql('stage2_closed', 'stage2_closes_at', 'stage2_closed_swept_at'),
};

async function claimPlans<P>(em: EntityManager, sql: string, now: Date, after: SweepCursor, batch: number): Promise<PlanClaim<P>> {
  const rows = await queryRows<Looked & P>(em, sql, [now, after.closesAt, after.id, batch]);
  const last = rows.at(-1);
  return {
    claimed: rows.filter((r) => r.won),
    looked: rows.length,
    cursor: last ? { closesAt: last.cursor_at, id: last.id } : after,
  };
}

/**
 * The periodic sweep's statements. Plans are claimed by a marker row (see claimSql); remarks by a
 * conditional UPDATE (FOR UPDATE SKIP LOCKED, and ... IS NULL again in the UPDATE). Either way
 * concurrent sweeps share the work and none claims an item twice.
 */
@Injectable()
export class SweepRepository {
  /** Plans whose stage 1 closed, not yet swept. */
  claimStage1Closed(em: EntityManager, now: Date, after: SweepCursor, batch: number) {
    return claimPlans<{ id: string; organization_id: string; title: LocalizedVersions; hearing_deadline_date: string | null }>(
      em,
      CLAIM_STAGE1_SQL,
      now,
      after,
      batch,
    );
  }

  /**
   * Copies the markers of up to `batch` swept plans into the plans' own columns (see settleSql), in a
   * statement of its own; returns how many it settled. Off the claim's path: this is the wide-row
   * update the marker table spares the claim, done later in small batches.
   */
  async settle(db: DataSource, deadline: SweptDeadline, now: Date, batch: number): Promise<number> {
    const [row] = await queryRows<{ settled: number }>(db, SETTLE_SQL[deadline], [now, batch]);
    return row.settled;
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
  claimStage2Closed(em: EntityManager, now: Date, after: SweepCursor, batch: number) {
    return claimPlans<{ id: string; organization_id: string; title: LocalizedVersions; stage2_closes_at: Date; time_zone: string }>(
      em,
      CLAIM_STAGE2_SQL,
      now,
      after,
      batch,
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
