import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../../common/i18n/localized-text';
import { entityRow } from '../../database/entity-row';
import { localizedRows } from '../../database/localized-rows';
import { queryRows } from '../../database/query-rows';
import { Hearing } from '../../hearings/hearing.entity';
import { Organization } from '../../organizations/organization.entity';
import { Plan } from '../../plans/plan.entity';

/** What an Atom entry of a published plan shows. */
export interface FeedPlanRow {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  amount: string;
  method: string;
  published_at: Date;
  /** The later of the publication and the plan row's last change (a translation added, a stage reached). */
  updated_at: Date;
  stage1_closes_at: Date | null;
  organization_id: string;
  organization_name: LocalizedText;
  time_zone: string;
}

export interface FeedHearing {
  hearing: Hearing;
  plan: Plan;
  organization: Organization;
}

const FEED_PLAN_COLUMNS = `p.id, p.title, p.description, p.amount::text AS amount, p.method, p.published_at,
  GREATEST(p.published_at, p.updated_at) AS updated_at, p.stage1_closes_at,
  o.id AS organization_id, o.name AS organization_name, o.time_zone`;

/**
 * The newest published plans, stopping at the limit. Everyone's: plans_published_idx read backwards.
 * One organization's: plans_org_published_idx (organization_id, published_at DESC, id DESC), read
 * in feed order from the organization's newest plan, so a large organization's older plans are never read.
 */
export function newestPlansSql(organizationId: string | null, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [limit];
  const byOrganization = organizationId === null ? '' : `AND p.organization_id = $${params.push(organizationId)}`;
  return {
    sql: `SELECT ${FEED_PLAN_COLUMNS}
            FROM plans p JOIN organizations o ON o.id = p.organization_id
           WHERE p.published_at IS NOT NULL ${byOrganization}
           ORDER BY p.published_at DESC, p.id DESC
           LIMIT $1`,
    params,
  };
}

/** Scheduled hearings of published plans starting after `now`, soonest first, by hearings_upcoming_idx; each row maps to the three entities. */
export function upcomingHearingsSql(db: DataSource, now: Date, organizationId: string | null, limit: number) {
  const hearings = entityRow(db, Hearing, 'h');
  const plans = entityRow(db, Plan, 'p');
  const organizations = entityRow(db, Organization, 'o');
  const params: unknown[] = [now, limit];
  const byOrganization = organizationId === null ? '' : `AND p.organization_id = $${params.push(organizationId)}`;
  const sql = `SELECT ${hearings.select}, ${plans.select}, ${organizations.select}
                 FROM ${hearings.table}
                 JOIN ${plans.table} ON p.id = h.plan_id
                 JOIN ${organizations.table} ON o.id = p.organization_id
                WHERE h.status = 'scheduled' AND h.starts_at > $1 AND p.published_at IS NOT NULL ${byOrganization}
                ORDER BY h.starts_at ASC, h.id ASC
                LIMIT $2`;
  return { sql, params, hearings, plans, organizations };
}

/** Every statement of the feeds: published plans newest first, upcoming hearings soonest first. */
@Injectable()
export class FeedsRepository {
  constructor(private readonly db: DataSource) {}

  organization(id: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOne({ where: { id } });
  }

  /** The newest published plans, all or one organization's (newestPlansSql). */
  async newestPlans(organizationId: string | null, limit: number): Promise<FeedPlanRow[]> {
    const { sql, params } = newestPlansSql(organizationId, limit);
    return localizedRows(await queryRows<FeedPlanRow>(this.db, sql, params), ['title', 'description', 'organization_name']);
  }

  /** Scheduled hearings of published plans starting after `now`, soonest first (upcomingHearingsSql). */
  async upcomingHearings(now: Date, organizationId: string | null, limit: number): Promise<FeedHearing[]> {
    const { sql, params, hearings, plans, organizations } = upcomingHearingsSql(this.db, now, organizationId, limit);
    const rows = await queryRows<Record<string, unknown>>(this.db, sql, params);
    return rows.map((row) => ({ hearing: hearings.hydrate(row), plan: plans.hydrate(row), organization: organizations.hydrate(row) }));
  }
}
