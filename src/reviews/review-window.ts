import type { Plan } from '../plans/plan.entity';

export type ReviewWindow = 'not_started' | 'open' | 'closed';

/**
 * Whether the council accepts positions at `now`: from the protocol's publication until the review
 * deadline (inclusive), unless the conclusion is out already (the chair may close early).
 */
export function reviewWindow(plan: Pick<Plan, 'protocolPublishedAt' | 'reviewClosesAt'>, concluded: boolean, now: Date): ReviewWindow {
  if (!plan.protocolPublishedAt) return 'not_started';
  if (concluded || (plan.reviewClosesAt && now.getTime() > plan.reviewClosesAt.getTime())) return 'closed';
  return 'open';
}
