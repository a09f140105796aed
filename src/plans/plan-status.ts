import { localDate } from '../procedure/deadlines';

export const PLAN_STATUSES = [
  'draft',
  'stage1_open',
  'awaiting_hearing',
  'council_review',
  'stage2_open',
  'awaiting_outcome',
  'closed',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The stored timestamps the public status is derived from (plan.entity.ts). */
export interface PlanTimestamps {
  publishedAt: Date | null;
  stage1ClosesAt: Date | null;
  hearingDeadlineDate: string | null;
  hearingOverdueAt: Date | null;
  protocolPublishedAt: Date | null;
  stage2OpensAt: Date | null;
  stage2ClosesAt: Date | null;
  outcomePublishedAt: Date | null;
}

/**
 * The public status of a plan at `now`, a pure function of its timestamps. Keep it in step with
 * statusSql() in plans.repository.ts, which expresses the same rules as SQL conditions.
 */
export function planStatus(p: PlanTimestamps, now: Date): PlanStatus {
  if (!p.publishedAt) return 'draft';
  if (p.outcomePublishedAt) return 'closed';
  const t = now.getTime();
  if (p.stage2OpensAt && t >= p.stage2OpensAt.getTime()) {
    return p.stage2ClosesAt && t > p.stage2ClosesAt.getTime() ? 'awaiting_outcome' : 'stage2_open';
  }
  if (p.protocolPublishedAt) return 'council_review';
  if (p.stage1ClosesAt && t <= p.stage1ClosesAt.getTime()) return 'stage1_open';
  return 'awaiting_hearing';
}

/**
 * True once the last allowed hearing date has passed (in the organizer's time zone) without a
 * protocol, or once the sweep has marked the plan overdue.
 */
export function isHearingOverdue(p: PlanTimestamps, now: Date, timeZone: string): boolean {
  if (p.hearingOverdueAt) return true;
  if (!p.publishedAt || p.protocolPublishedAt || !p.hearingDeadlineDate) return false;
  return localDate(now, timeZone) > p.hearingDeadlineDate;
}
