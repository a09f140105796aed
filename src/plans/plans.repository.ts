import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { byIdsStatement, entitiesOf, entityRow } from '../database/entity-row';
import { queryRows } from '../database/query-rows';
import { namedStatement, Statement, statementVariant, unnamedStatement } from '../database/statements';
import { Organization } from '../organizations/organization.entity';
import type { Keyset } from './cursor';
import { Plan } from './plan.entity';
import type { PlanStatus } from './plan-status';

export interface PlanWithOrganization {
  plan: Plan;
  organization: Organization;
}

/** The statements of the plan views' plans and organizations by id (the benchmark's bare handler runs them too). */
export const plansByIdsSql = (db: DataSource | EntityManager) => byIdsStatement(db, Plan);
export const organizationsByIdsSql = (db: DataSource | EntityManager) => byIdsStatement(db, Organization);

/** Only what decides whether a plan may be shown (the benchmark's bare handler runs it too). */
export const PLAN_VISIBILITY_SQL = namedStatement('plan_visibility', 'SELECT id, organization_id, published_at FROM plans WHERE id = $1');

/** Remarks and answered remarks of each plan, for the plan views (the benchmark's bare handler runs it too). */
export const REMARK_COUNTS_SQL = namedStatement(
  'plan_remark_counts',
  `SELECT plan_id, count(*) AS remarks, count(answered_at) AS answered
  FROM remarks WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id`,
);

const HIDDEN_BY_REASON_SQL = namedStatement(
  'plan_hidden_by_reason',
  'SELECT hidden_reason AS reason, count(*)::int AS count FROM remarks WHERE plan_id = $1 AND hidden_at IS NOT NULL GROUP BY hidden_reason',
);

/**
 * SQL conditions (on alias p) equivalent to planStatus() in plan-status.ts.
 * `now` is the placeholder of the clock's current time.
 */
export function statusSql(status: PlanStatus, now: string): string {
  const notClosed = `p.published_at IS NOT NULL AND p.outcome_published_at IS NULL`;
  const beforeStage2 = `(p.stage2_opens_at IS NULL OR p.stage2_opens_at > ${now})`;
  switch (status) {
    case 'draft':
      return `p.published_at IS NULL`;
    case 'closed':
      return `p.published_at IS NOT NULL AND p.outcome_published_at IS NOT NULL`;
    case 'awaiting_outcome':
      return `${notClosed} AND p.stage2_opens_at <= ${now} AND p.stage2_closes_at < ${now}`;
    case 'stage2_open':
      return `${notClosed} AND p.stage2_opens_at <= ${now} AND (p.stage2_closes_at IS NULL OR p.stage2_closes_at >= ${now})`;
    case 'council_review':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NOT NULL`;
    case 'stage1_open':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NULL AND p.stage1_closes_at >= ${now}`;
    case 'awaiting_hearing':
      return `${notClosed} AND ${beforeStage2} AND p.protocol_published_at IS NULL AND (p.stage1_closes_at IS NULL OR p.stage1_closes_at < ${now})`;
  }
}

/**
 * The text given to websearch_to_tsquery. It reads every "-" before a word as NOT, and a long run of
 * them (33 or more) nests NOTs past PostgreSQL's tsquery stack and fails the query ("tsquery stack too
 * small"), whatever stands between them ("- - -", "-(-(-(", "-!-!"): minus signs with nothing but
 * spaces and punctuation between them mean no more than one does.
 */
export function searchText(q: string): string {
  return q.replace(/-[^\p{L}\p{N}]*-/gu, '-');
}

/**
 * The search condition on plans aliased `alias`, for the text bound at `param` (a placeholder such as
 * `$2`, holding searchText(q)): plan_search_query (migrations/1796200000000-StateLanguages.ts) matches
 * Russian stems, or every word as a prefix of the folded language-neutral words of every version, so
 * Kazakh letters in either case find Kazakh texts without Russian stemming. Against the stored
 * plans.search_vector, indexed by plans_search_idx.
 */
export function planSearchSql(param: string, alias = 'p'): string {
  return `${alias}.search_vector @@ plan_search_query(${param})`;
}

export type NewDraft = Pick<
  Plan,
  'organizationId' | 'createdBy' | 'title' | 'description' | 'subjectCode' | 'amount' | 'method' | 'plannedQuarter' | 'deliveryPlace'
>;

/** What a draft's edit (or a translation) may change. */
export type DraftChanges = Partial<
  Pick<Plan, 'title' | 'description' | 'subjectCode' | 'amount' | 'method' | 'plannedQuarter' | 'deliveryPlace'>
>;

export interface PlanPageQuery {
  /** The drafts of this organization, newest created first, instead of the published plans. */
  draftsOf: string | null;
  status?: PlanStatus;
  organizationId?: string;
  q?: string;
  cursor: Keyset | null;
  limit: number;
}

/**
 * One keyset page of plan ids (limit + 1 rows, so the caller knows whether another page follows):
 * published plans newest first, or an organization's drafts. The benchmark's bare handler runs it too.
 *
 * Named (`plan_page_<hash>`, at most 20 texts: no status or one of 6 × cursor or not, an organization
 * × cursor or not, and the drafts' 4) where the generic plan is as good as the custom one for every
 * organization, status and cursor (EXPLAIN in issue 18). Unnamed, planned for their values each time:
 * - a search: the generic plan cannot tell a rare word from a common one and walks plans_published_idx
 *   where the custom plan reads plans_search_idx (0.07 ms against 8 ms for a word nothing matches);
 * - a status with an organization: the generic plan walks plans_published_idx filtering both, which
 *   for an organization with few plans in that status reads them all (20 ms against 0.2 ms through
 *   plans_org_created_idx).
 */
export function planPageSql(query: PlanPageQuery, now: Date): { statement: Statement; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.draftsOf !== null) {
    params.push(query.draftsOf);
    where.push(`p.published_at IS NULL AND p.organization_id = $${params.length}`);
  } else {
    where.push(`p.published_at IS NOT NULL`);
    if (query.status) {
      // Bind the time only if the condition uses it: Postgres cannot type an unreferenced parameter ('closed').
      const nowParam = `$${params.length + 1}::timestamptz`;
      const condition = statusSql(query.status, nowParam);
      if (condition.includes(nowParam)) params.push(now);
      where.push(condition);
    }
  }
  if (query.organizationId) {
    params.push(query.organizationId);
    where.push(`p.organization_id = $${params.length}`);
  }
  if (query.q?.trim()) {
    params.push(searchText(query.q.trim()));
    where.push(planSearchSql(`$${params.length}`));
  }
  const sortCol = query.draftsOf !== null ? 'p.created_at' : 'p.published_at';
  if (query.cursor) {
    params.push(query.cursor.t, query.cursor.id);
    where.push(`(${sortCol}, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const text = `SELECT p.id FROM plans p WHERE ${where.join(' AND ')}
       ORDER BY ${sortCol} DESC, p.id DESC LIMIT $${params.length}`;
  const planDependsOnValues =
    Boolean(query.q?.trim()) || (query.draftsOf === null && Boolean(query.status) && Boolean(query.organizationId));
  return { statement: planDependsOnValues ? unnamedStatement(text) : statementVariant('plan_page', text), params };
}

/** Every statement on plans. */
@Injectable()
export class PlansRepository {
  /**
   * The plan with its organization in one statement (every plan endpoint passes through here, so it is
   * raw SQL mapped by TypeORM's metadata rather than two findOne calls), optionally locking the plan
   * row for the rest of the transaction. Named, two texts: primary-key lookups whatever the plan.
   */
  async withOrganization(em: EntityManager, planId: string, lock = false): Promise<PlanWithOrganization | null> {
    const plans = entityRow(em.connection, Plan, 'p');
    const organizations = entityRow(em.connection, Organization, 'o');
    const statement = namedStatement(
      lock ? 'plan_with_organization_for_update' : 'plan_with_organization',
      `SELECT ${plans.select}, ${organizations.select}
         FROM ${plans.table} JOIN ${organizations.table} ON o.id = p.organization_id
        WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    );
    const [row] = await queryRows<Record<string, unknown>>(em, statement, [planId]);
    return row ? { plan: plans.hydrate(row), organization: organizations.hydrate(row) } : null;
  }

  async visibility(db: DataSource, planId: string): Promise<{ id: string; organization_id: string; published_at: Date | null } | null> {
    const [row] = await queryRows<{ id: string; organization_id: string; published_at: Date | null }>(db, PLAN_VISIBILITY_SQL, [planId]);
    return row ?? null;
  }

  createDraft(db: DataSource, draft: NewDraft): Promise<Plan> {
    return db.getRepository(Plan).save(draft);
  }

  async updateDraft(em: EntityManager, planId: string, changes: DraftChanges): Promise<void> {
    await em.getRepository(Plan).update({ id: planId }, changes);
  }

  async publish(
    em: EntityManager,
    planId: string,
    window: Pick<Plan, 'publishedAt' | 'stage1ClosesAt' | 'stage1CloseDate' | 'hearingDeadlineDate'>,
  ): Promise<void> {
    await em.getRepository(Plan).update(planId, window);
  }

  async recordProtocol(em: EntityManager, planId: string, at: Pick<Plan, 'protocolPublishedAt' | 'reviewClosesAt'>): Promise<void> {
    await em.getRepository(Plan).update({ id: planId }, at);
  }

  /** The ids of one page, limit + 1 of them when another page follows. */
  async pageIds(db: DataSource, query: PlanPageQuery, now: Date): Promise<string[]> {
    const { statement, params } = planPageSql(query, now);
    return (await queryRows<{ id: string }>(db, statement, params)).map((r) => r.id);
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<Plan[]> {
    return entitiesOf(em, Plan, plansByIdsSql(em), ids);
  }

  organizations(em: EntityManager, ids: readonly string[]): Promise<Organization[]> {
    return entitiesOf(em, Organization, organizationsByIdsSql(em), ids);
  }

  /** A plan's hidden remarks by reason (remarks_plan_hidden_idx): public, as issue 16 asks. */
  hiddenByReason(em: EntityManager, planId: string): Promise<{ reason: string; count: number }[]> {
    return queryRows<{ reason: string; count: number }>(em, HIDDEN_BY_REASON_SQL, [planId]);
  }

  async remarkCounts(em: EntityManager, planIds: readonly string[]): Promise<Map<string, { remarks: number; answered: number }>> {
    const counts = await queryRows<{ plan_id: string; remarks: string; answered: string }>(em, REMARK_COUNTS_SQL, [planIds]);
    return new Map(counts.map((c) => [c.plan_id, { remarks: Number(c.remarks), answered: Number(c.answered) }]));
  }
}
