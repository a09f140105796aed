import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import type { AuthUser } from '../identity/auth/auth-user';
import type { Organization } from '../organizations/organization.entity';
import type { Plan } from './plan.entity';
import type { PlanWithOrganization } from './plans.repository';
import { PlansRepository } from './plans.repository';

/** Every feature calls loadPlan as a function inside its own transaction; the repository holds no state. */
const plans = new PlansRepository();

/**
 * The one place that decides who may act on a plan. Loads the plan with its organization in one
 * statement (optionally locking the plan row for the rest of the transaction); the assertions below
 * refuse anyone who is not the organizer or the overseeing council.
 */
export async function loadPlan(em: EntityManager, planId: string, lock = false): Promise<PlanWithOrganization> {
  if (!isUuid(planId)) throw new AppError('PLAN_NOT_FOUND');
  const found = await plans.withOrganization(em, planId, lock);
  if (!found) throw new AppError('PLAN_NOT_FOUND');
  return found;
}

/**
 * The id of a plan the user may see, for reads that need nothing else of it (a page of its
 * remarks): one narrow statement, no entity. PLAN_NOT_FOUND for an unknown plan and for another
 * organization's draft.
 */
export async function visiblePlanId(db: DataSource, user: AuthUser | undefined, planId: string): Promise<string> {
  return (await visiblePlan(db, user, planId)).id;
}

/** As visiblePlanId, with the plan's organization (who reads a remark's original text depends on it). */
export async function visiblePlan(
  db: DataSource,
  user: AuthUser | undefined,
  planId: string,
): Promise<{ id: string; organizationId: string }> {
  if (!isUuid(planId)) throw new AppError('PLAN_NOT_FOUND');
  const row = await plans.visibility(db, planId);
  if (!row) throw new AppError('PLAN_NOT_FOUND');
  assertVisible(user, { publishedAt: row.published_at, organizationId: row.organization_id });
  return { id: row.id, organizationId: row.organization_id };
}

/** Staff of the plan's own organization only. A draft of another organization looks absent. */
export function assertOrganizerOf(user: AuthUser | undefined, plan: Plan): asserts user is AuthUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.role !== 'organizer' || user.organizationId !== plan.organizationId) {
    if (!plan.publishedAt) throw new AppError('PLAN_NOT_FOUND');
    throw new AppError('FORBIDDEN');
  }
}

/** Members of the council that oversees the plan's organization. */
export function assertCouncilMemberFor(user: AuthUser | undefined, organization: Organization): asserts user is AuthUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.role !== 'council_member' || user.councilId !== organization.councilId) throw new AppError('NOT_COUNCIL_MEMBER');
}

/** Drafts are visible only to their organization's staff. */
export function assertVisible(user: AuthUser | undefined, plan: Pick<Plan, 'publishedAt' | 'organizationId'>): void {
  if (plan.publishedAt) return;
  if (user?.role === 'organizer' && user.organizationId === plan.organizationId) return;
  throw new AppError('PLAN_NOT_FOUND');
}
