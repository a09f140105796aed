import type { LocalizedText } from '../common/i18n/localized-text';
import type { Organization } from '../organizations/organization.entity';
import type { Plan } from './plan.entity';
import type { PlanStatus } from './plan-status';
import { isHearingOverdue, planStatus } from './plan-status';

export interface PlanView {
  id: string;
  /** LocalizedText fields: API reads give the reader's version and every version under `i18n`. */
  organization: { id: string; name: LocalizedText };
  title: LocalizedText;
  description: LocalizedText;
  subjectCode: string;
  /** The number of the item in the annual procurement plan it was imported from; null otherwise. */
  planPointNumber: string | null;
  amount: number;
  method: string;
  plannedQuarter: string | null;
  deliveryPlace: LocalizedText | null;
  status: PlanStatus;
  hearingOverdue: boolean;
  publishedAt: string | null;
  stage1: { opensAt: string; closesAt: string; closeDate: string | null } | null;
  hearingDeadlineDate: string | null;
  stage2: { opensAt: string; closesAt: string } | null;
  counts: { remarks: number; answered: number };
  /** Null here; filled by the plan record (src/plan-record) for GET /plans/{id}. */
  hearing: unknown;
  protocol: unknown;
  review: unknown;
  notice: unknown;
  outcome: unknown;
}

/** The public view of one plan from data already loaded (no queries). */
export function planView(
  plan: Plan,
  organization: Pick<Organization, 'id' | 'name' | 'timeZone'>,
  counts: { remarks: number; answered: number },
  now: Date,
): PlanView {
  return {
    id: plan.id,
    organization: { id: organization.id, name: organization.name },
    title: plan.title,
    description: plan.description,
    subjectCode: plan.subjectCode,
    planPointNumber: plan.planPointNumber ?? null,
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
    stage2:
      plan.stage2OpensAt && plan.stage2ClosesAt
        ? { opensAt: plan.stage2OpensAt.toISOString(), closesAt: plan.stage2ClosesAt.toISOString() }
        : null,
    counts,
    hearing: null,
    protocol: null,
    review: null,
    notice: null,
    outcome: null,
  };
}
