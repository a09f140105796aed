import { EntityManager } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { entitiesByIds } from '../database/entity-row';
import { queryRows } from '../database/query-rows';
import { Plan } from './plan.entity';
import { isHearingOverdue, planStatus, PlanStatus } from './plan-status';

export interface PlanView {
  id: string;
  organization: { id: string; name: string };
  title: string;
  description: string;
  subjectCode: string;
  amount: number;
  method: string;
  plannedQuarter: string | null;
  deliveryPlace: string | null;
  status: PlanStatus;
  hearingOverdue: boolean;
  publishedAt: string | null;
  stage1: { opensAt: string; closesAt: string; closeDate: string | null } | null;
  hearingDeadlineDate: string | null;
  stage2: { opensAt: string; closesAt: string } | null;
  counts: { remarks: number; answered: number };
  /** Filled by the hearings, reviews, documentation and outcomes features. */
  hearing: unknown;
  protocol: unknown;
  review: unknown;
  notice: unknown;
  outcome: unknown;
}

/** The public view of one plan from data already loaded (no queries). */
export function planView(plan: Plan, organization: Pick<Organization, 'id' | 'name' | 'timeZone'>, counts: { remarks: number; answered: number }, now: Date): PlanView {
  return {
    id: plan.id,
    organization: { id: organization.id, name: organization.name },
    title: plan.title,
    description: plan.description,
    subjectCode: plan.subjectCode,
    amount: plan.amount,
    method: plan.method,
    plannedQuarter: plan.plannedQuarter,
    deliveryPlace: plan.deliveryPlace,
    status: planStatus(plan, now),
    hearingOverdue: isHearingOverdue(plan, now, organization.timeZone),
    publishedAt: plan.publishedAt?.toISOString() ?? null,
    stage1:
      plan.publishedAt && plan.stage1ClosesAt
        ? { opensAt: plan.publishedAt.toISOString(), closesAt: plan.stage1ClosesAt.toISOString(), closeDate: plan.stage1CloseDate }
        : null,
    hearingDeadlineDate: plan.hearingDeadlineDate,
    stage2: plan.stage2OpensAt && plan.stage2ClosesAt ? { opensAt: plan.stage2OpensAt.toISOString(), closesAt: plan.stage2ClosesAt.toISOString() } : null,
    counts,
    hearing: null,
    protocol: null,
    review: null,
    notice: null,
    outcome: null,
  };
}

/**
 * Views of several plans in their given order: organizations and remark counts are loaded in two
 * batched queries whatever the number of plans. GET /plans/{id} and GET /plans both use this.
 */
export async function buildPlanViews(em: EntityManager, plans: Plan[], now: Date): Promise<PlanView[]> {
  if (plans.length === 0) return [];
  const orgIds = [...new Set(plans.map((p) => p.organizationId))];
  const orgs = await entitiesByIds(em, Organization, orgIds);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const counts = await queryRows<{ plan_id: string; remarks: string; answered: string }>(
    em,
    `SELECT plan_id, count(*) AS remarks, count(answered_at) AS answered FROM remarks WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id`,
    [plans.map((p) => p.id)],
  );
  const countById = new Map(counts.map((c) => [c.plan_id, { remarks: Number(c.remarks), answered: Number(c.answered) }]));
  return plans.map((p) => planView(p, orgById.get(p.organizationId)!, countById.get(p.id) ?? { remarks: 0, answered: 0 }, now));
}
